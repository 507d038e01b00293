package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A wait for room that the compilation writes itself stalls a held lock only when the code that
 * makes room (the consumer: the waker and its callers, a few calls down) may need that lock: a
 * nested-monitor lockout. Silent twins hold a lock the consumer never takes (back-pressure);
 * positive twins hold one it takes, by field, by monitor class, or through a local alias. Real
 * sends and {@code Waits=all} are unaffected.
 */
final class BlockingPutUnderLockLockoutTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
          .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true");

  private static final String[] SEGMENTS = {
    "class Segments {",
    "  private long current;",
    "  private long archived;",
    "  private final long max = 8;",
    "  synchronized long next() throws InterruptedException {",
    "    while (current - archived >= max) {",
    "      wait();",
    "    }",
    "    return ++current;",
    "  }",
    "  synchronized void archived(long index) {",
    "    archived = index;",
    "    notifyAll();",
    "  }",
    "}"
  };

  /** The archiver thread takes `index` to archive; nothing it runs takes `topology`. */
  @Test
  void identificationConsumerNeedsOnlySomeLocks() {
    helper
        .addSourceLines("Segments.java", SEGMENTS)
        .addSourceLines(
            "Log.java",
            "class Log {",
            "  private final Object topology = new Object();",
            "  private final Object index = new Object();",
            "  private final Segments segments = new Segments();",
            "  private long archivedUpTo;",
            "  void underTopology() throws InterruptedException {",
            "    synchronized (topology) {",
            "      segments.next();",
            "    }",
            "  }",
            "  void underIndex() throws InterruptedException {",
            "    synchronized (index) {",
            "      // BUG: Diagnostic contains: Segments.next waits in `wait()` (Segments.java:7)"
                + " while `index` stays held",
            "      segments.next();",
            "    }",
            "  }",
            "  void rebalance() { synchronized (topology) { archivedUpTo = 0; } }",
            "  // The archiver: records the segment under `index`, then makes room.",
            "  void archive(long segment) {",
            "    synchronized (index) {",
            "      archivedUpTo = segment;",
            "    }",
            "    segments.archived(segment);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * The consumer's loop needs the held monitor a few calls down, on an object of the held field's
   * class named through a local (a session's state changed by the writer thread on a close frame).
   */
  @Test
  void identificationConsumerNeedsTheMonitorThroughCalls() {
    helper
        .addSourceLines(
            "Frames.java",
            "import java.util.ArrayDeque;",
            "import java.util.Deque;",
            "class Frames {",
            "  private final Deque<byte[]> frames = new ArrayDeque<>();",
            "  synchronized void queue(byte[] frame) throws InterruptedException {",
            "    while (frames.size() >= 16) {",
            "      wait();",
            "    }",
            "    frames.add(frame);",
            "  }",
            "  synchronized byte[] poll() {",
            "    notifyAll();",
            "    return frames.poll();",
            "  }",
            "}")
        .addSourceLines("State.java", "class State {", "  boolean closing;", "}")
        .addSourceLines(
            "Session.java",
            "class Session {",
            "  private final State state = new State();",
            "  private final Object stats = new Object();",
            "  private final Frames frames = new Frames();",
            "  private int sent;",
            "  State state() { return state; }",
            "  void send(byte[] frame) throws InterruptedException {",
            "    synchronized (state) {",
            "      // BUG: Diagnostic contains: Frames.queue waits in `wait()` (Frames.java:7)"
                + " while `state` stays held",
            "      frames.queue(frame);",
            "    }",
            "  }",
            "  void count(byte[] frame) throws InterruptedException {",
            "    synchronized (stats) {",
            "      frames.queue(frame);",
            "    }",
            "  }",
            "  void resetStats() { synchronized (stats) { sent = 0; } }",
            "  void writeLoop() {",
            "    byte[] frame;",
            "    while ((frame = frames.poll()) != null) {",
            "      written(frame);",
            "    }",
            "  }",
            "  private void written(byte[] frame) {",
            "    if (frame.length == 0) {",
            "      changeToClosing();",
            "    }",
            "  }",
            "  private void changeToClosing() {",
            "    State current = state();",
            "    synchronized (current) {",
            "      current.closing = true;",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /** A write-behind store whose flusher locks its own entries, through locals. */
  private CompilationTestHelper writeBehind() {
    return helper
        .addSourceLines(
            "Entry.java",
            "import java.util.concurrent.locks.ReentrantReadWriteLock;",
            "class Entry extends ReentrantReadWriteLock {",
            "  String value;",
            "}")
        .addSourceLines(
            "WriteBehind.java",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "import java.util.concurrent.locks.Condition;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class WriteBehind {",
            "  private final ReentrantLock writerLock = new ReentrantLock();",
            "  private final Condition canWrite = writerLock.newCondition();",
            "  private final List<Entry> pending = new ArrayList<>();",
            "  void add(Entry entry) throws InterruptedException {",
            "    writerLock.lock();",
            "    try {",
            "      while (pending.size() >= 100) {",
            "        canWrite.await();",
            "      }",
            "      pending.add(entry);",
            "    } finally {",
            "      writerLock.unlock();",
            "    }",
            "  }",
            "  void flush() {",
            "    writerLock.lock();",
            "    try {",
            "      for (Entry entry : pending) {",
            "        Entry e = entry;",
            "        e.writeLock().lock();",
            "        try {",
            "          e.value = null;",
            "        } finally {",
            "          e.writeLock().unlock();",
            "        }",
            "      }",
            "      pending.clear();",
            "      canWrite.signalAll();",
            "    } finally {",
            "      writerLock.unlock();",
            "    }",
            "  }",
            "}");
  }

  /**
   * A lock field holding a {@code ReentrantLock} meets the consumer's locks through a local only
   * when the local's class could be the field's object: a flusher locking its own entries (a
   * subclass of {@code ReentrantReadWriteLock}) never takes it.
   */
  @Test
  void identificationConsumerLocksOtherClassesThroughLocals() {
    writeBehind()
        .addSourceLines(
            "Cache.java",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Cache {",
            "  private final ReentrantLock lock = new ReentrantLock();",
            "  private final WriteBehind store = new WriteBehind();",
            "  void put(Entry entry) throws InterruptedException {",
            "    lock.lock();",
            "    try {",
            "      store.add(entry);",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "  void clear() {",
            "    lock.lock();",
            "    lock.unlock();",
            "  }",
            "}")
        .doTest();
  }

  /** A flusher run under a {@code Lock} it names by a local may be running under any lock. */
  @Test
  void identificationConsumerLocksAnyLockThroughALocal() {
    writeBehind()
        .addSourceLines(
            "GuardedCache.java",
            "import java.util.concurrent.locks.Lock;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class GuardedCache {",
            "  private final ReentrantLock lock = new ReentrantLock();",
            "  private final WriteBehind store = new WriteBehind();",
            "  void put(Entry entry) throws InterruptedException {",
            "    lock.lock();",
            "    try {",
            "      // BUG: Diagnostic contains: WriteBehind.add waits in `canWrite.await()`",
            "      store.add(entry);",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "  // The flushing thread takes a Lock it names by a local: it could be `lock`.",
            "  void flushUnder(Lock guard) {",
            "    Lock held = guard;",
            "    held.lock();",
            "    try {",
            "      store.flush();",
            "    } finally {",
            "      held.unlock();",
            "    }",
            "  }",
            "  void flushGuarded() {",
            "    flushUnder(lock);",
            "  }",
            "}")
        .doTest();
  }

  /** The rule is about waits the compilation writes: a real send stalls whoever holds a lock. */
  @Test
  void identificationSendsAreNotNarrowed() {
    helper
        .addSourceLines(
            "Outbox.java",
            "import java.util.concurrent.ArrayBlockingQueue;",
            "import java.util.concurrent.BlockingQueue;",
            "class Outbox {",
            "  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);",
            "  private final Object registry = new Object();",
            "  private int users;",
            "  void broadcast(String msg) throws InterruptedException {",
            "    synchronized (registry) {",
            "      // BUG: Diagnostic contains: `queue.put(msg)` can block while `registry`",
            "      queue.put(msg);",
            "    }",
            "  }",
            "  void login() { synchronized (registry) { users++; } }",
            "  String drain() throws InterruptedException { return queue.take(); }",
            "}")
        .doTest();
  }

  /**
   * A callee that both waits for room (whose consumer never needs the lock) and, further down,
   * sends: the send is what the caller is told about.
   */
  @Test
  void identificationSendKeptOverWait() {
    helper
        .addSourceLines("Segments.java", SEGMENTS)
        .addSourceLines(
            "Relay.java",
            "import java.util.concurrent.ArrayBlockingQueue;",
            "import java.util.concurrent.BlockingQueue;",
            "class Relay {",
            "  private final Segments segments = new Segments();",
            "  private final BlockingQueue<Long> out = new ArrayBlockingQueue<>(4);",
            "  private final Object lock = new Object();",
            "  private long last;",
            "  void roll() throws InterruptedException {",
            "    segments.next();",
            "    publish();",
            "  }",
            "  private void publish() throws InterruptedException {",
            "    forward();",
            "  }",
            "  private void forward() throws InterruptedException {",
            "    // BUG: Diagnostic contains: `out.put(last)` can block while a caller holds `lock`",
            "    out.put(last);",
            "  }",
            "  void underLock() throws InterruptedException {",
            "    synchronized (lock) {",
            "      // BUG: Diagnostic contains: Relay.roll → Relay.publish → Relay.forward →"
                + " `out.put(last)`",
            "      roll();",
            "    }",
            "  }",
            "  void reset() { synchronized (lock) { last = 0; } }",
            "  void archiver(long index) { segments.archived(index); }",
            "}")
        .doTest();
  }

  /** {@code Waits=all} reports every untimed wait, whoever its consumer is. */
  @Test
  void identificationWaitsAllIsNotNarrowed() {
    CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
        .setArgs(
            "-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true",
            "-XepOpt:BlockingPutUnderLock:Waits=all")
        .addSourceLines("Segments.java", SEGMENTS)
        .addSourceLines(
            "Log.java",
            "class Log {",
            "  private final Object topology = new Object();",
            "  private final Segments segments = new Segments();",
            "  private int version;",
            "  void underTopology() throws InterruptedException {",
            "    synchronized (topology) {",
            "      // BUG: Diagnostic contains: Segments.next waits in `wait()`",
            "      segments.next();",
            "    }",
            "  }",
            "  void rebalance() { synchronized (topology) { version++; } }",
            "  void archive(long segment) { segments.archived(segment); }",
            "}")
        .doTest();
  }
}
