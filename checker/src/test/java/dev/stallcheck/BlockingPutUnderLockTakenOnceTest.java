package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A lock the compilation takes in one place only stalls nobody but threads bound for the same send:
 * it does not count as held. Each condition of the rule has a silent twin and a positive twin that
 * is still reported.
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
   * A private lock field taken once; taken twice, escaping, or visible outside the class, it
   * counts.
   */
  @Test
  void identificationFieldTakenOnce() {
    helper
        .addSourceLines(
            "Sequencer.java",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Sequencer {",
            "  private final BlockingQueue<Long> out = new ArrayBlockingQueue<>(16);",
            "  private final Object order = new Object();",
            "  private final Lock sendLock = new ReentrantLock();",
            "  private final Object shared = new Object();",
            "  private final Object leaked = new Object();",
            "  final Object visible = new Object();",
            "  private final ReadWriteLock rw = new ReentrantReadWriteLock();",
            "  private long next;",
            "  void send() throws InterruptedException {",
            "    synchronized (order) { out.put(next++); }",
            "    sendLock.lock();",
            "    try { out.put(next++); } finally { sendLock.unlock(); }",
            "    synchronized (shared) {",
            "      // BUG: Diagnostic contains: `shared` (taken at line 16)",
            "      out.put(next++);",
            "    }",
            "    synchronized (leaked) {",
            "      // BUG: Diagnostic contains: `leaked` (taken at line 20)",
            "      out.put(next++);",
            "    }",
            "    synchronized (visible) {",
            "      // BUG: Diagnostic contains: `visible` (taken at line 24)",
            "      out.put(next++);",
            "    }",
            "    rw.readLock().lock();",
            "    try {",
            "      // BUG: Diagnostic contains: `rw.readLock()` (taken at line 28)",
            "      out.put(next);",
            "    } finally { rw.readLock().unlock(); }",
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
        .doTest();
  }

  /** Held by a caller: neither the call nor the send it reaches is reported. */
  @Test
  void identificationTakenOnceThroughCalls() {
    helper
        .addSourceLines(
            "Relay.java",
            "import java.util.concurrent.*;",
            "class Relay {",
            "  private final BlockingQueue<String> out = new ArrayBlockingQueue<>(16);",
            "  private final Object once = new Object();",
            "  private final Object twice = new Object();",
            "  void relay(String s) throws InterruptedException {",
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
