package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Which consumers of a wait for room count: only code that may make room (a waker that changes what
 * the wait tests on its way to the wake-up, or a caller that does), only the buffer's drainer
 * thread when it has one, and never for the waited monitor itself. Each silent twin is a shape
 * reported before these rules; each positive twin changes the one thing the rule relies on.
 */
final class BlockingPutUnderLockDrainersTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
          .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true");

  /** A page buffer whose writers wait for room when writes are asynchronous. */
  private static String[] pageWrites(String visibility, String... flush) {
    String[] head = {
      "import java.util.TreeMap;",
      "class PageWrites {",
      "  " + visibility + " final TreeMap<Long, byte[]> writes = new TreeMap<>();",
      "  private final boolean async;",
      "  PageWrites(boolean async) { this.async = async; }",
      "  void write(long page, byte[] data) throws InterruptedException {",
      "    synchronized (writes) {",
      "      if (async) {",
      "        while (writes.size() >= 64) {",
      "          writes.wait();",
      "        }",
      "      }",
      "      writes.put(page, data);",
      "    }",
      "  }",
      "  void drainOnce() {",
      "    synchronized (writes) {",
      "      writes.clear();",
      "      writes.notifyAll();",
      "    }",
      "  }",
      "  void flush() {"
    };
    return lines(head, flush, "  }", "}");
  }

  /** Writes pages under `index`, flushes under it, and drains with no lock. */
  private static final String[] STORE = {
    "class Store {",
    "  private final Object index = new Object();",
    "  private final PageWrites pages = new PageWrites(true);",
    "  void update(long page, byte[] data) throws InterruptedException {",
    "    synchronized (index) {",
    "      pages.write(page, data);",
    "    }",
    "  }",
    "  void checkpoint() {",
    "    synchronized (index) {",
    "      pages.flush();",
    "    }",
    "  }",
    "  void drain() {",
    "    pages.drainOnce();",
    "  }",
    "}"
  };

  /** In the branch that wakes the writers, flush clears nothing: it only hurries the drainer. */
  @Test
  void identificationWakerThatMakesNoRoom() {
    helper
        .addSourceLines(
            "PageWrites.java",
            pageWrites(
                "private",
                "    synchronized (writes) {",
                "      if (async) {",
                "        writes.notifyAll();",
                "      } else {",
                "        writes.clear();",
                "      }",
                "    }"))
        .addSourceLines("Store.java", STORE)
        .doTest();
  }

  /** A flush that clears on its way to the wake-up makes room under `index`. */
  @Test
  void identificationWakerThatMakesRoomOnItsWay() {
    helper
        .addSourceLines(
            "PageWrites.java",
            pageWrites(
                "private",
                "    synchronized (writes) {",
                "      writes.clear();",
                "      if (async) {",
                "        writes.notifyAll();",
                "      }",
                "    }"))
        .addSourceLines("Store.java", positive("waits in `", STORE))
        .doTest();
  }

  /** A field anyone may change: what changes it cannot be found, so every waker counts. */
  @Test
  void identificationWakerOfAPublicBuffer() {
    helper
        .addSourceLines(
            "PageWrites.java",
            pageWrites(
                "public",
                "    synchronized (writes) {",
                "      if (async) {",
                "        writes.notifyAll();",
                "      } else {",
                "        writes.clear();",
                "      }",
                "    }"))
        .addSourceLines("Store.java", positive("waits in `", STORE))
        .doTest();
  }

  /**
   * A consumer that takes an element under `index` and then calls a method that only signals: the
   * signal makes no room, its caller does.
   */
  @Test
  void identificationCallerMakesRoomBeforeASignal() {
    helper
        .addSourceLines(
            "PageWrites.java",
            pageWrites(
                "private",
                "    synchronized (writes) {",
                "      writes.notifyAll();",
                "    }",
                "  }",
                "  void takeOne() {",
                "    synchronized (writes) {",
                "      writes.pollFirstEntry();",
                "    }"))
        .addSourceLines(
            "Store.java",
            positive(
                "waits in `",
                STORE[0],
                STORE[1],
                STORE[2],
                STORE[3],
                STORE[4],
                STORE[5],
                STORE[6],
                STORE[7],
                "  void consume() {",
                "    synchronized (index) {",
                "      pages.takeOne();",
                "    }",
                "    pages.flush();",
                "  }",
                STORE[13],
                STORE[14],
                STORE[15],
                STORE[16]))
        .doTest();
  }

  /** The buffer as a writer thread drains it; `close` also clears it, under `index`. */
  private static String[] drainedBuffer(String loopCall) {
    return new String[] {
      "import java.util.ArrayDeque;",
      "class Buffer {",
      "  private final ArrayDeque<byte[]> frames = new ArrayDeque<>();",
      "  private volatile boolean stopped;",
      "  void add(byte[] frame) throws InterruptedException {",
      "    synchronized (frames) {",
      "      while (frames.size() >= 64) {",
      "        frames.wait();",
      "      }",
      "      frames.add(frame);",
      "    }",
      "  }",
      "  void pump() {",
      "    while (!stopped) {",
      "      synchronized (frames) {",
      "        frames.pollFirst();",
      "        frames.notifyAll();",
      "      }",
      "      " + loopCall,
      "    }",
      "  }",
      "  void start() {",
      "    new Thread() {",
      "      @Override",
      "      public void run() {",
      "        pump();",
      "      }",
      "    }.start();",
      "  }",
      "  void clear() {",
      "    synchronized (frames) {",
      "      frames.clear();",
      "      frames.notifyAll();",
      "    }",
      "  }",
      "  void written() {}",
      "}"
    };
  }

  private static String[] channel(String... more) {
    String[] head = {
      "class Channel {",
      "  static final Object INDEX = new Object();",
      "  private final Buffer buffer = new Buffer();",
      "  void send(byte[] frame) throws InterruptedException {",
      "    synchronized (INDEX) {",
      "      buffer.add(frame);",
      "    }",
      "  }",
      "  void close() {",
      "    synchronized (INDEX) {",
      "      buffer.clear();",
      "    }",
      "  }"
    };
    return lines(head, more, "}");
  }

  /**
   * The writer thread drains the buffer with no lock: `close` clearing it under the held lock only
   * adds room, and the wait is back-pressure.
   */
  @Test
  void identificationDrainerThreadTakesNoHeldLock() {
    helper
        .addSourceLines("Buffer.java", drainedBuffer("written();"))
        .addSourceLines("Channel.java", channel())
        .doTest();
  }

  /** The writer thread's loop takes the held lock: no room is made while it is held. */
  @Test
  void identificationDrainerThreadTakesTheHeldLock() {
    helper
        .addSourceLines("Buffer.java", drainedBuffer("Channel.record();"))
        .addSourceLines(
            "Channel.java",
            positive(
                "waits in `",
                channel("  static void record() {", "    synchronized (INDEX) {}", "  }")))
        .doTest();
  }

  /**
   * A loop that no thread of its own runs is no drainer: the caller's thread runs it, and `close`
   * under the held lock is one of the buffer's consumers.
   */
  @Test
  void identificationLoopOnTheCallersThread() {
    String[] buffer = drainedBuffer("written();");
    String[] noThread = new String[buffer.length];
    for (int i = 0; i < buffer.length; i++) {
      noThread[i] =
          buffer[i]
              .replace("new Thread() {", "new Object() {")
              .replace("@Override", "// runs where it is called")
              .replace("}.start();", "}.run();");
    }
    helper
        .addSourceLines("Buffer.java", noThread)
        .addSourceLines("Channel.java", positive("waits in `", channel()))
        .doTest();
  }

  /** A pipeline stage that forwards to the next stage while holding its own monitor. */
  private static String[] stage(String handle) {
    return new String[] {
      "import java.util.ArrayDeque;",
      "class Stage implements Runnable {",
      "  private final ArrayDeque<Object> pending = new ArrayDeque<>();",
      "  private int queued;",
      "  private Stage next;",
      "  void link(Stage next) {",
      "    this.next = next;",
      "  }",
      "  synchronized void push(Object item) throws InterruptedException {",
      "    while (queued >= 16) {",
      "      wait();",
      "    }",
      "    queued++;",
      "    pending.add(item);",
      "    notifyAll();",
      "  }",
      "  synchronized Object pop() throws InterruptedException {",
      "    while (queued == 0) {",
      "      wait();",
      "    }",
      "    queued--;",
      "    notifyAll();",
      "    return pending.poll();",
      "  }",
      "  @Override",
      "  public void run() {",
      "    try {",
      "      while (true) {",
      "        handle(pop());",
      "      }",
      "    } catch (InterruptedException e) {",
      "      Thread.currentThread().interrupt();",
      "    }",
      "  }",
      "  void handle(Object item) throws InterruptedException {",
      "    " + handle,
      "  }",
      "  synchronized void forward(Object item) throws InterruptedException {",
      "    if (next != null) {",
      handle.isEmpty() ? "" : "      // BUG: Diagnostic contains: Stage.push waits in `wait()`",
      "      next.push(item);",
      "    }",
      "  }",
      "}"
    };
  }

  /**
   * The next stage's thread takes only its own monitor, the one it waits on: the forwarding stage's
   * monitor is another object, and the wait gives back the next stage's.
   */
  @Test
  void identificationDrainerTakesOnlyTheWaitedMonitor() {
    helper.addSourceLines("Stage.java", stage("")).doTest();
  }

  /** The next stage's thread forwards in turn, taking another stage's monitor. */
  @Test
  void identificationDrainerTakesAnotherStagesMonitor() {
    helper.addSourceLines("Stage.java", stage("next.forward(item);")).doTest();
  }

  /** A mailbox whose `inject` wakes the waiters too; its callers hold `lock`. */
  private static String[] mailbox(String inject) {
    return new String[] {
      "import java.util.ArrayDeque;",
      "class Mailbox {",
      "  private final ArrayDeque<Object> pending = new ArrayDeque<>();",
      "  private int queued;",
      "  synchronized void put(Object item) throws InterruptedException {",
      "    while (this.queued >= 16) {",
      "      wait();",
      "    }",
      "    this.queued++;",
      "    pending.add(item);",
      "  }",
      "  synchronized void inject(Object item) {",
      "    " + inject,
      "    pending.addFirst(item);",
      "    notifyAll();",
      "  }",
      "  synchronized Object take() {",
      "    this.queued--;",
      "    notifyAll();",
      "    return pending.poll();",
      "  }",
      "}"
    };
  }

  private static final String[] CLIENT = {
    "class Client {",
    "  private final Object lock = new Object();",
    "  private final Mailbox box = new Mailbox();",
    "  void send(Object item) throws InterruptedException {",
    "    synchronized (lock) {",
    "      box.put(item);",
    "    }",
    "  }",
    "  void urgent(Object item) {",
    "    synchronized (lock) {",
    "      box.inject(item);",
    "    }",
    "  }",
    "  Object next() {",
    "    return box.take();",
    "  }",
    "}"
  };

  /** `inject` only counts up: it fills the mailbox, and makes no room for `put`. */
  @Test
  void identificationWakerThatOnlyFills() {
    helper
        .addSourceLines("Mailbox.java", mailbox("this.queued++;"))
        .addSourceLines("Client.java", CLIENT)
        .doTest();
  }

  /** `inject` resets the count: that may make room, under `lock`. */
  @Test
  void identificationWakerThatResetsTheCount() {
    helper
        .addSourceLines("Mailbox.java", mailbox("this.queued = 0;"))
        .addSourceLines("Client.java", positive("Mailbox.put waits in `wait()`", CLIENT))
        .doTest();
  }

  /** A trigger queue whose count is protected; `terminate` only stops the loop and wakes. */
  private static final String[] TRIGGER = {
    "package db;",
    "import java.util.ArrayDeque;",
    "public class Trigger {",
    "  private final ArrayDeque<Object> pending = new ArrayDeque<>();",
    "  protected int rowsQueued;",
    "  protected volatile boolean keepGoing = true;",
    "  synchronized void push(Object row) throws InterruptedException {",
    "    if (rowsQueued >= 16) {",
    "      wait();",
    "    }",
    "    rowsQueued++;",
    "    pending.add(row);",
    "  }",
    "  synchronized Object pop() {",
    "    rowsQueued--;",
    "    notify();",
    "    return pending.poll();",
    "  }",
    "  synchronized void terminate() {",
    "    keepGoing = false;",
    "    notify();",
    "  }",
    "}"
  };

  /** Fires rows under `schema`, and stops a trigger under it too. */
  private static String[] session(String... more) {
    String[] head = {
      "package db;",
      "class Session {",
      "  private final Object schema = new Object();",
      "  void fire(Trigger trigger, Object row) throws InterruptedException {",
      "    synchronized (schema) {",
      "      trigger.push(row);",
      "    }",
      "  }",
      "  void drop(Trigger trigger) {",
      "    synchronized (schema) {",
      "      trigger.terminate();",
      "    }",
      "  }",
      "  Object next(Trigger trigger) {",
      "    return trigger.pop();",
      "  }"
    };
    return lines(head, more, "}");
  }

  /**
   * The count is protected: its changes are looked for in the package and the subclasses, and none
   * is in `terminate`, which only stops the loop.
   */
  @Test
  void identificationProtectedCountWakerThatMakesNoRoom() {
    helper
        .addSourceLines("db/Trigger.java", TRIGGER)
        .addSourceLines("db/Session.java", session())
        .doTest();
  }

  /**
   * A subclass in another package resets the protected count; a caller of `terminate` resets it
   * first, under `schema`, and so makes room.
   */
  @Test
  void identificationProtectedCountResetBySubclass() {
    helper
        .addSourceLines("db/Trigger.java", TRIGGER)
        .addSourceLines(
            "other/Recount.java",
            "package other;",
            "public class Recount extends db.Trigger {",
            "  public void reset() {",
            "    rowsQueued = 0;",
            "  }",
            "}")
        .addSourceLines(
            "db/Session.java",
            positive(
                "Trigger.push waits in `wait()`",
                session(
                    "  void restart(other.Recount recount) {",
                    "    synchronized (schema) {",
                    "      recount.reset();",
                    "      ((Trigger) recount).terminate();",
                    "    }",
                    "  }")))
        .doTest();
  }

  /** {@code head}, then {@code middle}, then {@code tail}: one source file's lines. */
  private static String[] lines(String[] head, String[] middle, String... tail) {
    return Stream.of(head, middle, tail).flatMap(Arrays::stream).toArray(String[]::new);
  }

  /**
   * {@code lines}, with a BUG marker expecting {@code expected} above the first call that adds to
   * the buffer under the held lock.
   */
  private static String[] positive(String expected, String... lines) {
    String[] marked = new String[lines.length + 1];
    int at = 0;
    boolean done = false;
    for (String line : lines) {
      if (!done
          && Stream.of("pages.write(", "buffer.add(", "box.put(", "trigger.push(")
              .anyMatch(line::contains)
          && !line.contains("void ")) {
        marked[at++] = "      // BUG: Diagnostic contains: " + expected;
        done = true;
      }
      marked[at++] = line;
    }
    if (!done) {
      throw new AssertionError("no send to mark");
    }
    return marked;
  }
}
