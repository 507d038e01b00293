package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A blocking send that a setting chose over a non-blocking send of the same element is a policy its
 * owner configured, not a finding; a send a state flag, a parameter or a decided field selects is
 * still reported.
 */
final class BlockingPutUnderLockSettingTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
          .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true");

  /**
   * A bundler whose full queue either holds senders back or drops, as {@code dropWhenFull} says.
   */
  @Test
  void identificationSettingChoosesBlocking() {
    helper
        .addSourceLines(
            "Bundler.java",
            "import java.util.concurrent.*;",
            "class Bundler {",
            "  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(16);",
            "  private boolean dropWhenFull;",
            "  private long drops;",
            "  void setDropWhenFull(boolean drop) { dropWhenFull = drop; }",
            "  void send(String m) throws InterruptedException {",
            "    if (dropWhenFull) {",
            "      if (!queue.offer(m)) drops++;",
            "    } else",
            "      queue.put(m);",
            "  }",
            "  synchronized void sendLocked(String m) throws InterruptedException {",
            "    if (!dropWhenFull) {",
            "      this.queue.put(m);",
            "    } else {",
            "      queue.offer(m, 1, TimeUnit.SECONDS);",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "Channel.java",
            "class Channel {",
            "  private final Bundler bundler = new Bundler();",
            "  synchronized void connect() throws InterruptedException {",
            "    bundler.send(\"join\");",
            "  }",
            "}")
        .doTest();
  }

  /** An enum setting injected from outside (never assigned in the code) chooses too. */
  @Test
  void identificationInjectedEnumSetting() {
    helper
        .addSourceLines(
            "Writer.java",
            "import java.util.concurrent.*;",
            "class Writer {",
            "  enum Overflow { BLOCK, DROP }",
            "  private final TransferQueue<String> queue = new LinkedTransferQueue<>();",
            "  protected Overflow overflow;",
            "  void write(String m) throws InterruptedException {",
            "    if (overflow == Overflow.BLOCK) queue.transfer(m); else queue.tryTransfer(m);",
            "  }",
            "  synchronized void flush() throws InterruptedException {",
            "    write(\"flush\");",
            "  }",
            "}")
        .doTest();
  }

  /** A flag the class flips to a constant itself tracks state: the send it selects is reported. */
  @Test
  void identificationStateFlagStillFound() {
    helper
        .addSourceLines(
            "Outbox.java",
            "import java.util.concurrent.*;",
            "class Outbox {",
            "  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(16);",
            "  private volatile boolean closed;",
            "  void close() { closed = true; }",
            "  synchronized void send(String m) throws InterruptedException {",
            "    if (closed) {",
            "      queue.offer(m);",
            "    } else {",
            "      // BUG: Diagnostic contains: `queue.put(m)` can block while `this`",
            "      queue.put(m);",
            "    }",
            "  }",
            "  synchronized int pending() { return queue.size(); }",
            "}")
        .doTest();
  }

  /**
   * The alternative must send the same element to the same queue; a final field every constructor
   * sets to a constant is decided, not a setting; a parameter is decided per call.
   */
  @Test
  void identificationOtherChoicesStillFound() {
    helper
        .addSourceLines(
            "Outbox.java",
            "import java.util.concurrent.*;",
            "class Outbox {",
            "  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(16);",
            "  private final BlockingQueue<String> spill = new ArrayBlockingQueue<>(16);",
            "  private final boolean blocking;",
            "  private boolean dropWhenFull;",
            "  Outbox() { blocking = true; }",
            "  synchronized void otherQueue(String m) throws InterruptedException {",
            "    if (dropWhenFull) {",
            "      spill.offer(m);",
            "    } else {",
            "      // BUG: Diagnostic contains: `queue.put(m)` can block",
            "      queue.put(m);",
            "    }",
            "  }",
            "  synchronized void otherElement(String m) throws InterruptedException {",
            "    if (dropWhenFull) {",
            "      queue.offer(\"dropped\");",
            "    } else {",
            "      // BUG: Diagnostic contains: `queue.put(m)` can block",
            "      queue.put(m);",
            "    }",
            "  }",
            "  synchronized void decidedField(String m) throws InterruptedException {",
            "    if (blocking) {",
            "      // BUG: Diagnostic contains: `queue.put(m)` can block",
            "      queue.put(m);",
            "    } else {",
            "      queue.offer(m);",
            "    }",
            "  }",
            "  void publish(String m, boolean block) throws InterruptedException {",
            "    // BUG: Diagnostic contains: a caller holds `Outbox.this`: `publish(m, true)`",
            "    if (block) queue.put(m); else queue.offer(m);",
            "  }",
            "  synchronized void byArgument(String m) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `queue.put(m)`",
            "    publish(m, true);",
            "    publish(m, false);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A write-behind store waiting for room, timed or not as {@code flushFrequency} says: the untimed
   * wait a setting chose is a policy; one a state flag chose, or with no timed alternative, is
   * still a wait for room under the caller's lock (whose consumer needs it).
   */
  @Test
  void identificationSettingChoosesUntimedWait() {
    helper
        .addSourceLines(
            "WriteBehind.java",
            "import java.util.concurrent.TimeUnit;",
            "import java.util.concurrent.locks.*;",
            "class WriteBehind {",
            "  private final Lock lock = new ReentrantLock();",
            "  private final Condition canWrite = lock.newCondition();",
            "  private int size;",
            "  private final int max = 64;",
            "  private long flushFrequency;",
            "  private boolean draining;",
            "  void setFlushFrequency(long ms) { flushFrequency = ms; }",
            "  void start() { draining = true; }",
            "  void add() throws InterruptedException {",
            "    lock.lock();",
            "    try {",
            "      while (size >= max) {",
            "        if (flushFrequency > 0) {",
            "          canWrite.await(flushFrequency, TimeUnit.MILLISECONDS);",
            "        } else {",
            "          canWrite.await();",
            "        }",
            "      }",
            "      size++;",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "  void addWhileDraining() throws InterruptedException {",
            "    lock.lock();",
            "    try {",
            "      while (size >= max) {",
            "        if (draining) {",
            "          canWrite.await(10, TimeUnit.MILLISECONDS);",
            "        } else {",
            "          canWrite.await();",
            "        }",
            "      }",
            "      size++;",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "  void flushed() {",
            "    lock.lock();",
            "    try {",
            "      size = 0;",
            "      canWrite.signalAll();",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "Entry.java",
            "class Entry {",
            "  private final WriteBehind store = new WriteBehind();",
            "  synchronized void update() throws InterruptedException {",
            "    store.add();",
            "  }",
            "  synchronized void updateDraining() throws InterruptedException {",
            "    // BUG: Diagnostic contains: WriteBehind.addWhileDraining waits in"
                + " `canWrite.await()`",
            "    store.addWhileDraining();",
            "  }",
            "  // The flusher thread makes room under the entry's monitor.",
            "  synchronized void flush() {",
            "    store.flushed();",
            "  }",
            "}")
        .doTest();
  }
}
