package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A lock of a thread's own that only its own code takes, in one place, stalls nobody: it does not
 * count as held. Each condition of the rule has a silent twin and a positive twin that is still
 * reported; a lock taken in one place that any caller's thread runs is reported.
 */
final class BlockingPutUnderLockTakenOnceTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
          .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true");

  /** A reader thread holds its own monitor for its whole run loop: nothing else takes it. */
  @Test
  void identificationMonitorTakenOnce() {
    helper
        .addSourceLines(
            "Readers.java",
            "import java.util.concurrent.*;",
            "class Readers {",
            "  private final BlockingQueue<String> calls = new ArrayBlockingQueue<>(16);",
            "  private class Reader extends Thread {",
            "    @Override public void run() { loop(); }",
            "    private synchronized void loop() {",
            "      try {",
            "        while (!isInterrupted()) { calls.put(getName()); }",
            "      } catch (InterruptedException e) {}",
            "    }",
            "  }",
            "  private class PollingReader extends Thread {",
            "    @Override public void run() { loop(); }",
            "    private synchronized void loop() {",
            "      try {",
            "        // BUG: Diagnostic contains: `this` (synchronized method, line 14)",
            "        while (!isInterrupted()) { calls.put(getName()); }",
            "      } catch (InterruptedException e) {}",
            "    }",
            "    synchronized boolean isIdle() { return true; }",
            "  }",
            "  private class ObservedReader extends Thread {",
            "    @Override public void run() { loop(); }",
            "    private void loop() {",
            "      synchronized (this) {",
            "        try {",
            "          // BUG: Diagnostic contains: `this` (taken at line 25)",
            "          calls.put(getName());",
            "        } catch (InterruptedException e) {}",
            "      }",
            "    }",
            "  }",
            "  private class SubclassedReader extends Thread {",
            "    @Override public void run() { loop(); }",
            "    synchronized void loop() {",
            "      try {",
            "        // BUG: Diagnostic contains: `this` (synchronized method, line 35)",
            "        calls.put(getName());",
            "      } catch (InterruptedException e) {}",
            "    }",
            "  }",
            "  private class PausableReader extends SubclassedReader {",
            "    synchronized void pause() {}",
            "  }",
            "  void watch(ObservedReader reader) {",
            "    synchronized (reader) { reader.getName(); }",
            "  }",
            "}")
        .addSourceLines(
            "PublicReader.java",
            "import java.util.concurrent.*;",
            "public class PublicReader {",
            "  private final BlockingQueue<String> calls = new ArrayBlockingQueue<>(16);",
            "  synchronized void loop() throws InterruptedException {",
            "    // BUG: Diagnostic contains: `this` (synchronized method, line 4)",
            "    calls.put(\"call\");",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A monitor taken in one place that a thread other than the object's own may run: a method any
   * caller runs, a loop also called from elsewhere or from a lambda, a {@code run()} called
   * directly, the monitor of an enclosing instance.
   */
  @Test
  void identificationMonitorTakenOnceByOtherThreads() {
    helper
        .addSourceLines(
            "Feeds.java",
            "import java.util.concurrent.*;",
            "class Feeds {",
            "  private final BlockingQueue<String> calls = new ArrayBlockingQueue<>(16);",
            "  private class Buffer {",
            "    synchronized void add(String s) throws InterruptedException {",
            "      // BUG: Diagnostic contains: `this` (synchronized method, line 5)",
            "      calls.put(s);",
            "    }",
            "  }",
            "  private class DrainedReader extends Thread {",
            "    @Override public void run() { loop(); }",
            "    void drainNow() { loop(); }",
            "    private synchronized void loop() {",
            "      try {",
            "        // BUG: Diagnostic contains: `this` (synchronized method, line 13)",
            "        calls.put(getName());",
            "      } catch (InterruptedException e) {}",
            "    }",
            "  }",
            "  private class ForkingReader extends Thread {",
            "    @Override public void run() { new Thread(() -> loop()).start(); }",
            "    private synchronized void loop() {",
            "      try {",
            "        // BUG: Diagnostic contains: `this` (synchronized method, line 22)",
            "        calls.put(getName());",
            "      } catch (InterruptedException e) {}",
            "    }",
            "  }",
            "  private class InlineReader extends Thread {",
            "    @Override public synchronized void run() {",
            "      try {",
            "        // BUG: Diagnostic contains: `this` (synchronized method, line 30)",
            "        calls.put(getName());",
            "      } catch (InterruptedException e) {}",
            "    }",
            "  }",
            "  void runHere(InlineReader reader) { reader.run(); }",
            "  private class OuterLockingReader extends Thread {",
            "    @Override public void run() {",
            "      synchronized (Feeds.this) {",
            "        try {",
            "          // BUG: Diagnostic contains: `Feeds.this` (taken at line 40)",
            "          calls.put(getName());",
            "        } catch (InterruptedException e) {}",
            "      }",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A lock the thread creates in a private field, taken once in its own run loop; taken twice,
   * escaping, visible outside the class, shared by every instance, handed in, or taken in a method
   * that any caller runs, it counts.
   */
  @Test
  void identificationFieldTakenOnce() {
    helper
        .addSourceLines(
            "Sequencer.java",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Sequencer extends Thread {",
            "  private static final Object ALL = new Object();",
            "  private final BlockingQueue<Long> out = new ArrayBlockingQueue<>(16);",
            "  private final Object order = new Object();",
            "  private final Lock sendLock = new ReentrantLock();",
            "  private final Object shared = new Object();",
            "  private final Object leaked = new Object();",
            "  final Object visible = new Object();",
            "  private final ReadWriteLock rw = new ReentrantReadWriteLock();",
            "  private final Object given;",
            "  private final Object inCaller = new Object();",
            "  private long next;",
            "  Sequencer(Object given) { this.given = given; }",
            "  @Override public void run() {",
            "    try {",
            "      while (!isInterrupted()) { send(); }",
            "    } catch (InterruptedException e) {}",
            "  }",
            "  private void send() throws InterruptedException {",
            "    synchronized (order) { out.put(next++); }",
            "    sendLock.lock();",
            "    try { out.put(next++); } finally { sendLock.unlock(); }",
            "    synchronized (shared) {",
            "      // BUG: Diagnostic contains: `shared` (taken at line 25)",
            "      out.put(next++);",
            "    }",
            "    synchronized (leaked) {",
            "      // BUG: Diagnostic contains: `leaked` (taken at line 29)",
            "      out.put(next++);",
            "    }",
            "    synchronized (visible) {",
            "      // BUG: Diagnostic contains: `visible` (taken at line 33)",
            "      out.put(next++);",
            "    }",
            "    rw.readLock().lock();",
            "    try {",
            "      // BUG: Diagnostic contains: `rw.readLock()` (taken at line 37)",
            "      out.put(next);",
            "    } finally { rw.readLock().unlock(); }",
            "    synchronized (ALL) {",
            "      // BUG: Diagnostic contains: `ALL` (taken at line 42)",
            "      out.put(next++);",
            "    }",
            "    synchronized (given) {",
            "      // BUG: Diagnostic contains: `given` (taken at line 46)",
            "      out.put(next++);",
            "    }",
            "  }",
            "  void sendFromCaller() throws InterruptedException {",
            "    synchronized (inCaller) {",
            "      // BUG: Diagnostic contains: `inCaller` (taken at line 52)",
            "      out.put(next++);",
            "    }",
            "  }",
            "  long peek() {",
            "    synchronized (shared) { return next; }",
            "  }",
            "  Object lockForTests() { return leaked; }",
            "  void reset() {",
            "    rw.writeLock().lock();",
            "    try { next = 0; } finally { rw.writeLock().unlock(); }",
            "  }",
            "}")
        .addSourceLines(
            "Batcher.java",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Batcher {",
            "  private final BlockingQueue<Long> out = new ArrayBlockingQueue<>(16);",
            "  private final Object order = new Object();",
            "  private final Lock sendLock = new ReentrantLock();",
            "  private long next;",
            "  void send() throws InterruptedException {",
            "    synchronized (order) {",
            "      // BUG: Diagnostic contains: `order` (taken at line 9)",
            "      out.put(next++);",
            "    }",
            "    sendLock.lock();",
            "    try {",
            "      // BUG: Diagnostic contains: `sendLock` (taken at line 13)",
            "      out.put(next++);",
            "    } finally { sendLock.unlock(); }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Held by a caller in the thread's own loop: neither the call nor the send it reaches is
   * reported.
   */
  @Test
  void identificationTakenOnceThroughCalls() {
    helper
        .addSourceLines(
            "Relay.java",
            "import java.util.concurrent.*;",
            "class Relay extends Thread {",
            "  private final BlockingQueue<String> out = new ArrayBlockingQueue<>(16);",
            "  private final Object once = new Object();",
            "  private final Object twice = new Object();",
            "  @Override public void run() {",
            "    try {",
            "      while (!isInterrupted()) { relay(getName()); }",
            "    } catch (InterruptedException e) {}",
            "  }",
            "  private void relay(String s) throws InterruptedException {",
            "    synchronized (once) { forward(s); }",
            "    synchronized (twice) {",
            "      // BUG: Diagnostic contains: Relay.forward → `out.put(s)`",
            "      forward(s);",
            "    }",
            "  }",
            "  private void forward(String s) throws InterruptedException {",
            "    // BUG: Diagnostic contains: can block while a caller holds `twice`",
            "    out.put(s);",
            "  }",
            "  int size() {",
            "    synchronized (twice) { return out.size(); }",
            "  }",
            "}")
        .doTest();
  }
}
