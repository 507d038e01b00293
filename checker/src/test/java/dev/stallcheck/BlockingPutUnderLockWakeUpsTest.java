package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A capacity wait counts only when a consumer elsewhere wakes it: a method other than the waiting
 * one notifies its monitor or signals its condition. Silent twins wake only from the waiting method
 * (producers waking producers); positive twins have a consumer.
 */
final class BlockingPutUnderLockWakeUpsTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
          .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true");

  /** An overwriting ring buffer's slot: each producer waits for the previous lap's producer. */
  @Test
  void identificationMonitorWokenOnlyByProducers() {
    helper
        .addSourceLines(
            "Slot.java",
            "class Slot {",
            "  private long index;",
            "  private final long lapLimit = 4;",
            "  synchronized void update(long newIndex) throws InterruptedException {",
            "    while (newIndex - index > lapLimit) {",
            "      wait();",
            "    }",
            "    index = newIndex;",
            "    notifyAll();",
            "  }",
            "  synchronized void update(long newIndex, Runnable then) throws InterruptedException {",
            "    while (newIndex - index > lapLimit) {",
            "      wait();",
            "    }",
            "    index = newIndex;",
            "    then.run();",
            "    notifyAll();",
            "  }",
            "}")
        .addSourceLines(
            "Buffer.java",
            "class Buffer {",
            "  private final Object lock = new Object();",
            "  private int size;",
            "  private final int max = 8;",
            "  void put() throws InterruptedException {",
            "    synchronized (lock) {",
            "      while (size >= max) {",
            "        lock.wait();",
            "      }",
            "      size++;",
            "    }",
            "  }",
            "  void take() {",
            "    synchronized (lock) {",
            "      size--;",
            "      lock.notifyAll();",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "Writer.java",
            "class Writer {",
            "  private final Slot slot = new Slot();",
            "  private final Buffer buffer = new Buffer();",
            "  synchronized void write(long index) throws InterruptedException {",
            "    slot.update(index);",
            "    // BUG: Diagnostic contains: Buffer.put waits in `lock.wait()`",
            "    buffer.put();",
            "  }",
            "  // The consumer makes room holding this monitor: a lockout.",
            "  synchronized void flush() { buffer.take(); }",
            "}")
        .doTest();
  }

  /** The same with conditions: signalled only in the waiting method, or by a consumer too. */
  @Test
  void identificationConditionWokenOnlyByProducers() {
    helper
        .addSourceLines(
            "Lanes.java",
            "import java.util.concurrent.locks.*;",
            "class Lanes {",
            "  private final Lock lock = new ReentrantLock();",
            "  private final Condition turn = lock.newCondition();",
            "  private final Condition room = lock.newCondition();",
            "  private int next;",
            "  private int queued;",
            "  private final int width = 4;",
            "  void enter(int ticket) throws InterruptedException {",
            "    lock.lock();",
            "    try {",
            "      while (ticket - next >= width) { turn.await(); }",
            "      next++;",
            "      turn.signalAll();",
            "    } finally { lock.unlock(); }",
            "  }",
            "  void offer() throws InterruptedException {",
            "    lock.lock();",
            "    try {",
            "      while (queued >= width) { room.await(); }",
            "      queued++;",
            "    } finally { lock.unlock(); }",
            "  }",
            "  void poll() {",
            "    lock.lock();",
            "    try { queued--; room.signal(); } finally { lock.unlock(); }",
            "  }",
            "}")
        .addSourceLines(
            "Driver.java",
            "class Driver {",
            "  private final Lanes lanes = new Lanes();",
            "  synchronized void drive(int ticket) throws InterruptedException {",
            "    lanes.enter(ticket);",
            "    // BUG: Diagnostic contains: Lanes.offer waits in `room.await()`",
            "    lanes.offer();",
            "  }",
            "  synchronized void park() { lanes.poll(); }",
            "}")
        .doTest();
  }
}
