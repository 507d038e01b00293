package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A put that gives an item back to a pool's free list, a bounded queue that never holds more items
 * than the pool made, never waits; a queue that is a channel, or a pool whose population is not
 * bounded by the queue's capacity, is still reported.
 */
final class BlockingPutUnderLockFreeListTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
          .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true")
          .addSourceLines("Buf.java", "class Buf {}");

  /**
   * A pool that makes items on demand while a count of them is below the capacity its constructor
   * gave the free list, and a user that gives items back under its own monitor. The user comes
   * first, so its summaries read the pool before javac has analysed the pool's flow.
   */
  @Test
  void identificationMadeOnDemand() {
    helper
        .addSourceLines(
            "Buffers.java",
            "class Buffers {",
            "  private final Pool<Buf> pool = new Pool<Buf>(8) {",
            "    @Override protected Buf make() { return new Buf(); }",
            "  };",
            "  synchronized Buf get() throws InterruptedException { return pool.acquire(); }",
            "  synchronized void done(Buf b) throws InterruptedException { pool.release(b); }",
            "}")
        .addSourceLines(
            "Pool.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "abstract class Pool<T> {",
            "  private final int size;",
            "  private ArrayBlockingQueue<T> items;",
            "  private final Set<T> created = new HashSet<>();",
            "  Pool(int size) {",
            "    this.size = size;",
            "    this.items = new ArrayBlockingQueue<>(size);",
            "  }",
            "  protected abstract T make();",
            "  T acquire() throws InterruptedException {",
            "    T idle = items.poll();",
            "    if (idle != null) {",
            "      return idle;",
            "    }",
            "    synchronized (created) {",
            "      if (created.size() < size) {",
            "        T item = make();",
            "        created.add(item);",
            "        return item;",
            "      }",
            "    }",
            "    return items.take();",
            "  }",
            "  void release(T item) throws InterruptedException {",
            "    for (T idle : items) {",
            "      if (idle == item) return;",
            "    }",
            "    items.put(item);",
            "  }",
            "  synchronized void close() {",
            "    items.clear();",
            "    items = null;",
            "  }",
            "}")
        .doTest();
  }

  /**
   * The same with a constant capacity, a count field, and the give-back itself under a lock; and a
   * pool prefilled in its constructor whose hand-out only takes.
   */
  @Test
  void identificationCountedAndPrefilled() {
    helper
        .addSourceLines(
            "Pools.java",
            "import java.util.concurrent.*;",
            "class Counted {",
            "  private static final int MAX = 4;",
            "  private final BlockingQueue<Buf> free = new LinkedBlockingQueue<>(MAX);",
            "  private int made;",
            "  synchronized Buf get() throws InterruptedException {",
            "    Buf b = free.poll();",
            "    if (b != null) return b;",
            "    if (made < MAX) {",
            "      made++;",
            "      return new Buf();",
            "    }",
            "    return free.take();",
            "  }",
            "  synchronized void giveBack(Buf b) throws InterruptedException {",
            "    this.free.put(b);",
            "  }",
            "}",
            "class Prefilled {",
            "  private final int capacity;",
            "  private final BlockingDeque<Buf> free;",
            "  Prefilled(int capacity) throws InterruptedException {",
            "    this.capacity = capacity;",
            "    free = new LinkedBlockingDeque<>(capacity);",
            "    for (int i = 0; i < capacity; i++) free.put(new Buf());",
            "  }",
            "  Buf get() throws InterruptedException { return free.takeFirst(); }",
            "  synchronized void giveBack(Buf b) throws InterruptedException {",
            "    free.putFirst(b);",
            "  }",
            "  synchronized boolean isShut() { return false; }",
            "}")
        .doTest();
  }

  /**
   * A channel: its consumer takes and processes the elements, nothing hands them out (though its
   * constructor adds a first one); and a queue handed out by a method but filled only by its
   * callers, which no count bounds.
   */
  @Test
  void identificationChannelsStillFound() {
    helper
        .addSourceLines(
            "Channels.java",
            "import java.util.concurrent.*;",
            "class Worker implements Runnable {",
            "  private final BlockingQueue<Buf> jobs = new ArrayBlockingQueue<>(4);",
            "  Worker() { jobs.add(new Buf()); }",
            "  synchronized void submit(Buf job) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `jobs.put(job)` can block while `this`",
            "    jobs.put(job);",
            "  }",
            "  @Override public void run() {",
            "    try {",
            "      while (true) {",
            "        Buf job = jobs.take();",
            "        handle(job);",
            "      }",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "  private synchronized void handle(Buf job) {}",
            "}",
            "class Mailbox {",
            "  private final BlockingQueue<Buf> letters = new ArrayBlockingQueue<>(4);",
            "  Buf next() throws InterruptedException { return letters.take(); }",
            "  synchronized void post(Buf letter) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `letters.put(letter)` can block while `this`",
            "    letters.put(letter);",
            "  }",
            "  synchronized boolean isShut() { return false; }",
            "}")
        .doTest();
  }

  /**
   * Pools whose population the capacity does not bound: one that makes an item whenever the list is
   * empty (gives back overfill it), one that counts against another number, one whose test does not
   * count what it makes, and one both prefilled and making more.
   */
  @Test
  void identificationUnboundedPopulationStillFound() {
    helper
        .addSourceLines(
            "Pools.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "class Unbounded {",
            "  private final BlockingQueue<Buf> free = new ArrayBlockingQueue<>(4);",
            "  Buf get() {",
            "    Buf b = free.poll();",
            "    if (b != null) return b;",
            "    return new Buf();",
            "  }",
            "  synchronized void giveBack(Buf b) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `free.put(b)` can block while `this`",
            "    free.put(b);",
            "  }",
            "  synchronized boolean isShut() { return false; }",
            "}",
            "class OtherNumber {",
            "  private final int size;",
            "  private final int limit;",
            "  private final BlockingQueue<Buf> free;",
            "  private final List<Buf> made = new ArrayList<>();",
            "  OtherNumber(int size, int limit) {",
            "    this.size = size;",
            "    this.limit = limit;",
            "    free = new ArrayBlockingQueue<>(size);",
            "  }",
            "  synchronized Buf get() throws InterruptedException {",
            "    if (made.size() < limit) {",
            "      Buf b = new Buf();",
            "      made.add(b);",
            "      return b;",
            "    }",
            "    return free.take();",
            "  }",
            "  synchronized void giveBack(Buf b) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `free.put(b)` can block while `this`",
            "    free.put(b);",
            "  }",
            "}",
            "class Uncounted {",
            "  private final BlockingQueue<Buf> free = new ArrayBlockingQueue<>(4);",
            "  private final List<Buf> made = new ArrayList<>();",
            "  synchronized Buf get() throws InterruptedException {",
            "    if (made.size() < 4) {",
            "      return new Buf();",
            "    }",
            "    return free.take();",
            "  }",
            "  synchronized void giveBack(Buf b) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `free.put(b)` can block while `this`",
            "    free.put(b);",
            "  }",
            "}",
            "class PrefilledAndMade {",
            "  private final BlockingQueue<Buf> free = new ArrayBlockingQueue<>(4);",
            "  private int made;",
            "  PrefilledAndMade() { free.add(new Buf()); }",
            "  synchronized Buf get() throws InterruptedException {",
            "    if (made < 4) {",
            "      ++made;",
            "      return new Buf();",
            "    }",
            "    return free.take();",
            "  }",
            "  synchronized void giveBack(Buf b) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `free.put(b)` can block while `this`",
            "    free.put(b);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Puts of items the pool did not hand out: a freshly made one (in the constructor, where it fills
   * the list, or in a method, where it overfills it and its give-backs), and a parameter replaced
   * before the put.
   */
  @Test
  void identificationFreshItemsStillFound() {
    helper
        .addSourceLines(
            "Pools.java",
            "import java.util.concurrent.*;",
            "class FilledUnderLock {",
            "  private final BlockingQueue<Buf> free = new ArrayBlockingQueue<>(4);",
            "  private final Object lock = new Object();",
            "  FilledUnderLock() throws InterruptedException {",
            "    synchronized (lock) {",
            "      // BUG: Diagnostic contains: `free.put(new Buf())` can block while `lock`",
            "      free.put(new Buf());",
            "    }",
            "  }",
            "  Buf get() throws InterruptedException { return free.take(); }",
            "  synchronized void giveBack(Buf b) throws InterruptedException {",
            "    free.put(b);",
            "  }",
            "  int size() { synchronized (lock) { return free.size(); } }",
            "}",
            "class Growing {",
            "  private final BlockingQueue<Buf> free = new ArrayBlockingQueue<>(4);",
            "  Growing() { free.add(new Buf()); }",
            "  Buf get() throws InterruptedException { return free.take(); }",
            "  synchronized void grow() throws InterruptedException {",
            "    // BUG: Diagnostic contains: `free.put(new Buf())` can block while `this`",
            "    free.put(new Buf());",
            "  }",
            "  synchronized void giveBack(Buf b) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `free.put(b)` can block while `this`",
            "    free.put(b);",
            "  }",
            "}",
            "class Replacing {",
            "  private final BlockingQueue<Buf> free = new ArrayBlockingQueue<>(4);",
            "  Replacing() { free.add(new Buf()); }",
            "  Buf get() throws InterruptedException { return free.take(); }",
            "  synchronized void giveBack(Buf b) throws InterruptedException {",
            "    if (b == null) b = new Buf();",
            "    // BUG: Diagnostic contains: `free.put(b)` can block while `this`",
            "    free.put(b);",
            "  }",
            "  synchronized boolean isShut() { return false; }",
            "}")
        .doTest();
  }

  /**
   * A free list others can reach or replace is not known to hold only the pool's items: one a
   * method returns, one that is not private, one created again after construction.
   */
  @Test
  void identificationReachableListStillFound() {
    helper
        .addSourceLines(
            "Pools.java",
            "import java.util.concurrent.*;",
            "class Escaping {",
            "  private final BlockingQueue<Buf> free = new ArrayBlockingQueue<>(4);",
            "  Escaping() { free.add(new Buf()); }",
            "  Buf get() throws InterruptedException { return free.take(); }",
            "  BlockingQueue<Buf> idle() { return free; }",
            "  synchronized void giveBack(Buf b) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `free.put(b)` can block while `this`",
            "    free.put(b);",
            "  }",
            "  synchronized boolean isShut() { return false; }",
            "}",
            "class Shared {",
            "  final BlockingQueue<Buf> free = new ArrayBlockingQueue<>(4);",
            "  Shared() { free.add(new Buf()); }",
            "  Buf get() throws InterruptedException { return free.take(); }",
            "  synchronized void giveBack(Buf b) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `free.put(b)` can block while `this`",
            "    free.put(b);",
            "  }",
            "  synchronized boolean isShut() { return false; }",
            "}",
            "class Renewed {",
            "  private BlockingQueue<Buf> free = new ArrayBlockingQueue<>(4);",
            "  Renewed() { free.add(new Buf()); }",
            "  Buf get() throws InterruptedException { return free.take(); }",
            "  void reset() { free = new ArrayBlockingQueue<>(4); }",
            "  synchronized void giveBack(Buf b) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `free.put(b)` can block while `this`",
            "    free.put(b);",
            "  }",
            "  synchronized boolean isShut() { return false; }",
            "}")
        .doTest();
  }
}
