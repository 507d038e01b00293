package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** Identification through helper calls (issue 3): summaries across files, interfaces and waits. */
final class BlockingPutUnderLockThroughCallsTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
          .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true");

  /** The gateway of the incident: broadcast under a read lock, users behind an interface. */
  private CompilationTestHelper gateway(String marker, String... connectionBody) {
    String[] connection = new String[connectionBody.length + 6];
    connection[0] = "import java.util.concurrent.*;";
    connection[1] = "class Connection {";
    connection[2] = "  private final BlockingQueue<byte[]> writer = new ArrayBlockingQueue<>(10);";
    connection[3] =
        "  private final ExecutorService executor = Executors.newSingleThreadExecutor();";
    System.arraycopy(connectionBody, 0, connection, 4, connectionBody.length);
    connection[connection.length - 2] = "  @interface NonBlocking {}";
    connection[connection.length - 1] = "}";
    return helper
        .addSourceLines(
            "Gateway.java",
            "import java.util.List;",
            "import java.util.concurrent.CopyOnWriteArrayList;",
            "import java.util.concurrent.locks.ReadWriteLock;",
            "import java.util.concurrent.locks.ReentrantReadWriteLock;",
            "class Gateway {",
            "  private final ReadWriteLock membersLock = new ReentrantReadWriteLock();",
            "  private final List<User> users = new CopyOnWriteArrayList<>();",
            "  void broadcastToRoom(String msg) {",
            "    membersLock.readLock().lock();",
            "    try {",
            "      for (User user : users) {",
            marker,
            "        user.sendMsg(msg);",
            "      }",
            "    } finally {",
            "      membersLock.readLock().unlock();",
            "    }",
            "  }",
            "  void greetOutsideLock(User user) {",
            "    user.sendMsg(\"hello\");",
            "  }",
            "}")
        .addSourceLines(
            "User.java", //
            "interface User {",
            "  void sendMsg(String msg);",
            "}")
        .addSourceLines(
            "UserDevice.java",
            "class UserDevice implements User {",
            "  private final Connection connection = new Connection();",
            "  @Override",
            "  public void sendMsg(String msg) {",
            "    connection.write(msg.getBytes());",
            "  }",
            "  static User create() {",
            "    return new UserDevice();",
            "  }",
            "}")
        .addSourceLines("Connection.java", connection);
  }

  /** The check with {@code -XepOpt:BlockingPutUnderLock:Waits=value}. */
  private CompilationTestHelper withWaits(String value) {
    return CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
        .setArgs(
            "-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true",
            "-XepOpt:BlockingPutUnderLock:Waits=" + value);
  }

  /** A {@code BUG} marker line when {@code reported}, else the same line as a plain comment. */
  private static String expected(boolean reported, String markerLine) {
    return reported ? markerLine : markerLine.replace("BUG: Diagnostic contains:", "not reported:");
  }

  /**
   * Two implementations block; the message names one chain, the same on every run: javac's class
   * environments iterate in identity-hash order, so the index visits files by name.
   */
  @Test
  void identificationChainIsTheSameOnEveryRun() {
    for (int run = 0; run < 3; run++) {
      CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
          .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true")
          .addSourceLines(
              "Zeta.java",
              "import java.util.concurrent.*;",
              "class Zeta implements Sender {",
              "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
              "  // BUG: Diagnostic contains: can block while a caller holds",
              "  public void send(String m) throws InterruptedException { q.put(m); }",
              "}")
          .addSourceLines(
              "Alpha.java",
              "import java.util.concurrent.*;",
              "class Alpha implements Sender {",
              "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
              "  // BUG: Diagnostic contains: can block while a caller holds",
              "  public void send(String m) throws InterruptedException { q.put(m); }",
              "}")
          .addSourceLines(
              "Sender.java",
              "interface Sender { void send(String m) throws InterruptedException; }")
          .addSourceLines(
              "Wiring.java", //
              "class Wiring {",
              "  final Sender[] all = {new Zeta(), new Alpha()};",
              "}")
          .addSourceLines(
              "Hub.java",
              "class Hub {",
              "  synchronized void publish(Sender s) throws InterruptedException {",
              "    // BUG: Diagnostic contains: is held: Alpha.send → `q.put(m)` (Alpha.java:5)",
              "    s.send(\"x\");",
              "  }",
              "  private boolean closed;",
              "  synchronized void close() { closed = true; }",
              "}")
          .doTest();
    }
  }

  @Test
  void identificationGatewayAcrossFourFiles() {
    gateway(
            "        // BUG: Diagnostic contains: `user.sendMsg(msg)` can block while"
                + " `membersLock.readLock()` (taken at line 9) is held: UserDevice.sendMsg →"
                + " Connection.write → `writer.put(data)` (Connection.java:8)",
            "  void write(byte[] data) {",
            "    try {",
            "      // BUG: Diagnostic contains: `writer.put(data)` can block while a caller holds"
                + " `membersLock.readLock()`: `user.sendMsg(msg)` (Gateway.java:13) reaches it",
            "      writer.put(data);",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }")
        .doTest();
  }

  @Test
  void identificationGatewayWithOfferIsClean() {
    gateway(
            "",
            "  void write(byte[] data) {",
            "    if (!writer.offer(data)) {",
            "      throw new IllegalStateException(\"writer full\");",
            "    }",
            "  }")
        .doTest();
  }

  @Test
  void identificationGatewayWithUnboundedQueueIsClean() {
    gateway(
            "",
            "  private final BlockingQueue<byte[]> unbounded = new LinkedBlockingQueue<>();",
            "  void write(byte[] data) {",
            "    try {",
            "      unbounded.put(data);",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }")
        .doTest();
  }

  @Test
  void identificationGatewayWithSendDeferredToExecutorIsClean() {
    gateway(
            "",
            "  void write(byte[] data) {",
            "    executor.execute(() -> {",
            "      try {",
            "        writer.put(data);",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    });",
            "  }")
        .doTest();
  }

  @Test
  void identificationGatewayWithNonBlockingWriteIsClean() {
    gateway(
            "",
            "  @NonBlocking",
            "  void write(byte[] data) {",
            "    try {",
            "      writer.put(data);",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }")
        .doTest();
  }

  @Test
  void identificationHomeMadeMonitorQueue() {
    helper
        .addSourceLines(
            "DocumentQueue.java",
            "import java.util.ArrayDeque;",
            "import java.util.Deque;",
            "class DocumentQueue {",
            "  private final Deque<String> docs = new ArrayDeque<>();",
            "  void put(String doc) throws InterruptedException {",
            "    synchronized (docs) {",
            "      while (docs.size() >= 10) {",
            "        docs.wait();",
            "      }",
            "      docs.add(doc);",
            "      docs.notifyAll();",
            "    }",
            "  }",
            "  synchronized void putAll(Iterable<String> more) throws InterruptedException {",
            "    for (String doc : more) {",
            "      putOne(doc);",
            "    }",
            "  }",
            "  synchronized void putOne(String doc) throws InterruptedException {",
            "    while (docs.size() >= 10) {",
            "      wait();",
            "    }",
            "    docs.add(doc);",
            "  }",
            "  String take() {",
            "    synchronized (docs) {",
            "      String doc = docs.poll();",
            "      docs.notifyAll();",
            "      return doc;",
            "    }",
            "  }",
            "  synchronized String takeOne() {",
            "    String doc = docs.poll();",
            "    notifyAll();",
            "    return doc;",
            "  }",
            "}")
        .addSourceLines(
            "Feeder.java",
            "class Feeder {",
            "  private final Object monitor = new Object();",
            "  private final DocumentQueue queue = new DocumentQueue();",
            "  void underOtherLock(String doc) throws InterruptedException {",
            "    synchronized (monitor) {",
            "      // BUG: Diagnostic contains: `queue.put(doc)` can block while `monitor` (taken at"
                + " line 5) is held: DocumentQueue.put waits in `docs.wait()`"
                + " (DocumentQueue.java:8) while `monitor` stays held",
            "      queue.put(doc);",
            "    }",
            "  }",
            "  void withoutLock(String doc) throws InterruptedException {",
            "    queue.put(doc);",
            "    queue.putOne(doc);",
            "  }",
            "  void underTheMonitorItWaitsOn(String doc) throws InterruptedException {",
            "    synchronized (queue) {",
            "      queue.putOne(doc);",
            "    }",
            "  }",
            "  void underBoth(String doc) throws InterruptedException {",
            "    synchronized (monitor) {",
            "      synchronized (queue) {",
            "        // BUG: Diagnostic contains: DocumentQueue.putOne waits in `wait()`"
                + " (DocumentQueue.java:21) while `monitor` stays held",
            "        queue.putOne(doc);",
            "      }",
            "    }",
            "  }",
            "  // The consumer needs the monitor to make room: the lockout the waits above report.",
            "  void drain() {",
            "    synchronized (monitor) {",
            "      queue.take();",
            "      queue.takeOne();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationHomeMadeConditionQueue() {
    helper
        .addSourceLines(
            "BoundedBuffer.java",
            "import java.util.ArrayDeque;",
            "import java.util.Deque;",
            "import java.util.concurrent.locks.Condition;",
            "import java.util.concurrent.locks.Lock;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class BoundedBuffer {",
            "  final Lock lock = new ReentrantLock();",
            "  private final Condition notFull;",
            "  private final Deque<String> items = new ArrayDeque<>();",
            "  BoundedBuffer() {",
            "    notFull = lock.newCondition();",
            "  }",
            "  void put(String item) throws InterruptedException {",
            "    lock.lock();",
            "    try {",
            "      while (items.size() >= 10) {",
            "        notFull.await();",
            "      }",
            "      items.add(item);",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "  String take() {",
            "    lock.lock();",
            "    try {",
            "      String item = items.poll();",
            "      notFull.signal();",
            "      return item;",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "Producer.java",
            "class Producer {",
            "  private final Object monitor = new Object();",
            "  private final BoundedBuffer buffer = new BoundedBuffer();",
            "  void underOtherLock(String item) throws InterruptedException {",
            "    synchronized (monitor) {",
            "      // BUG: Diagnostic contains: BoundedBuffer.put waits in `notFull.await()`"
                + " (BoundedBuffer.java:17) while `monitor` stays held",
            "      buffer.put(item);",
            "    }",
            "  }",
            "  void withoutLock(String item) throws InterruptedException {",
            "    buffer.put(item);",
            "  }",
            "  void underTheBuffersOwnLock(String item) throws InterruptedException {",
            "    buffer.lock.lock();",
            "    try {",
            "      buffer.put(item);",
            "    } finally {",
            "      buffer.lock.unlock();",
            "    }",
            "  }",
            "  private boolean closed;",
            "  // Drains under the monitor: the consumer needs it, so a put waiting under it never"
                + " ends.",
            "  void close() { synchronized (monitor) { closed = true; buffer.take(); } }",
            "}")
        .doTest();
  }

  @Test
  void identificationChainsOfDepthOneToFive() {
    helper
        .addSourceLines(
            "Chain.java",
            "import java.util.concurrent.ArrayBlockingQueue;",
            "import java.util.concurrent.BlockingQueue;",
            "class Chain {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  // BUG: Diagnostic contains: can block while a caller holds",
            "  void d1(String s) throws InterruptedException { q.put(s); }",
            "  void d2(String s) throws InterruptedException { d1(s); }",
            "  void d3(String s) throws InterruptedException { d2(s); }",
            "  void d4(String s) throws InterruptedException { d3(s); }",
            "  void d5(String s) throws InterruptedException { d4(s); }",
            "}")
        .addSourceLines(
            "Caller.java",
            "class Caller {",
            "  private final Chain chain = new Chain();",
            "  synchronized void all(String s) throws InterruptedException {",
            "    // BUG: Diagnostic contains: is held: Chain.d1 → `q.put(s)` (Chain.java:6)",
            "    chain.d1(s);",
            "    // BUG: Diagnostic contains: is held: Chain.d2 → Chain.d1 → `q.put(s)`",
            "    chain.d2(s);",
            "    // BUG: Diagnostic contains: is held: Chain.d3 → Chain.d2 → Chain.d1 → `q.put(s)`",
            "    chain.d3(s);",
            "    // BUG: Diagnostic contains: Chain.d4 → Chain.d3 → Chain.d2 → Chain.d1 → `q.put(s)`",
            "    chain.d4(s);",
            "    // BUG: Diagnostic contains: `chain.d5(s)` can block while `this` (synchronized"
                + " method, line 3) is held: Chain.d5 → Chain.d4 → Chain.d3 → Chain.d2 → Chain.d1"
                + " → `q.put(s)` (Chain.java:6)",
            "    chain.d5(s);",
            "  }",
            "  private boolean closed;",
            "  synchronized void close() { closed = true; }",
            "}")
        .doTest();
  }

  @Test
  void identificationInterfaceWithTwoImplementations() {
    helper
        .addSourceLines(
            "Sink.java",
            "import java.util.concurrent.*;",
            "interface Sink {",
            "  void accept(String s);",
            "}",
            "class QueueSink implements Sink {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  @Override public void accept(String s) {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    try { q.put(s); } catch (InterruptedException e) { throw new RuntimeException(e); }",
            "  }",
            "}",
            "class ListSink implements Sink {",
            "  private final java.util.List<String> list = new java.util.ArrayList<>();",
            "  @Override public void accept(String s) { list.add(s); }",
            "}")
        .addSourceLines(
            "Router.java",
            "class Router {",
            "  private final Sink chosen;",
            "  private final Sink listOnly = new ListSink();",
            "  private final ListSink plain = new ListSink();",
            "  Router(boolean queued) {",
            "    chosen = queued ? new QueueSink() : new ListSink();",
            "  }",
            "  synchronized void route(String s) {",
            "    // BUG: Diagnostic contains: QueueSink.accept → `q.put(s)`",
            "    chosen.accept(s);",
            "    plain.accept(s);",
            "    listOnly.accept(s);",
            "  }",
            "  synchronized boolean isQueued() { return chosen instanceof QueueSink; }",
            "}")
        .doTest();
  }

  @Test
  void identificationAbstractMethodAndDefaultMethod() {
    helper
        .addSourceLines(
            "Base.java",
            "import java.util.concurrent.*;",
            "abstract class Base {",
            "  private final Object lock = new Object();",
            "  final void run(String s) {",
            "    synchronized (lock) {",
            "      // BUG: Diagnostic contains: Impl.deliver → `q.put(s)`",
            "      deliver(s);",
            "    }",
            "  }",
            "  abstract void deliver(String s);",
            "  private boolean closed;",
            "  final void close() { synchronized (lock) { closed = true; } }",
            "}",
            "class Impl extends Base {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  @Override void deliver(String s) {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    try { q.put(s); } catch (InterruptedException e) { throw new RuntimeException(e); }",
            "  }",
            "  static Base create() { return new Impl(); }",
            "}")
        .addSourceLines(
            "Notifier.java",
            "import java.util.concurrent.*;",
            "interface Notifier {",
            "  BlockingQueue<String> queue();",
            "  default void notifyAll(String s) throws InterruptedException {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    queue().put(s);",
            "  }",
            "}",
            "class Bell implements Notifier {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  @Override public BlockingQueue<String> queue() { return q; }",
            "  synchronized void ring() throws InterruptedException {",
            "    // BUG: Diagnostic contains: Notifier.notifyAll → `queue().put(s)`",
            "    notifyAll(\"ding\");",
            "  }",
            "  synchronized int pending() { return q.size(); }",
            "}")
        .doTest();
  }

  @Test
  void identificationListenerNotifiedFromSynchronizedMethod() {
    helper
        .addSourceLines("Listener.java", "interface Listener {", "  void onEvent(String e);", "}")
        .addSourceLines(
            "Forwarder.java",
            "import java.util.concurrent.*;",
            "class Forwarder implements Listener {",
            "  private final BlockingQueue<String> out = new ArrayBlockingQueue<>(16);",
            "  @Override public void onEvent(String e) {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    try { out.put(e); } catch (InterruptedException x) { throw new RuntimeException(x); }",
            "  }",
            "  static Listener create() { return new Forwarder(); }",
            "}")
        .addSourceLines(
            "EventBus.java",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "class EventBus {",
            "  private final List<Listener> listeners = new ArrayList<>();",
            "  synchronized void publish(String e) {",
            "    for (Listener l : listeners) {",
            "      // BUG: Diagnostic contains: `l.onEvent(e)` can block while `this`",
            "      l.onEvent(e);",
            "    }",
            "  }",
            "  synchronized void publishAll(String e) {",
            "    // BUG: Diagnostic contains: Forwarder.onEvent → `out.put(e)`",
            "    listeners.forEach(l -> l.onEvent(e));",
            "  }",
            "  void publishLater(String e, java.util.concurrent.Executor executor) {",
            "    synchronized (this) {",
            "      executor.execute(() -> listeners.forEach(l -> l.onEvent(e)));",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A receiver typed by a JDK interface or {@code Object} does not fan out to the compilation's
   * implementations (every lock that runs a callback would be reported); a user-defined receiver
   * type, even one that only extends a JDK interface, still does.
   */
  @Test
  void identificationLibraryTypedReceiverDoesNotFanOut() {
    helper
        .addSourceLines(
            "Pump.java",
            "import java.io.Closeable;",
            "import java.util.Iterator;",
            "import java.util.concurrent.*;",
            "import java.util.function.Consumer;",
            "interface Task extends Runnable {}",
            "class Pump implements Task, Consumer<String>, Closeable, Iterator<String> {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  private void push(String s) {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    try { q.put(s); } catch (InterruptedException e) { throw new RuntimeException(e); }",
            "  }",
            "  @Override public void run() { push(\"run\"); }",
            "  @Override public void accept(String s) { push(s); }",
            "  @Override public void close() { push(\"close\"); }",
            "  @Override public boolean hasNext() { return true; }",
            "  @Override public String next() { push(\"next\"); return \"\"; }",
            "  @Override public String toString() { push(\"toString\"); return \"\"; }",
            "  @Override public boolean equals(Object o) { push(\"equals\"); return false; }",
            "  @Override public int hashCode() { return 0; }",
            "  static Task create() { return new Pump(); }",
            "}")
        .addSourceLines(
            "Owner.java",
            "import java.io.Closeable;",
            "import java.io.IOException;",
            "import java.util.Iterator;",
            "import java.util.function.Consumer;",
            "class Owner {",
            "  synchronized void library(Runnable r, Consumer<String> c, Closeable x, Iterator<String> it,",
            "      Object o) throws IOException {",
            "    r.run();",
            "    c.accept(\"a\");",
            "    x.close();",
            "    it.next();",
            "    o.toString();",
            "    o.equals(r);",
            "  }",
            "  synchronized void own(Task task, Pump pump) {",
            "    // BUG: Diagnostic contains: `task.run()` can block while `this`",
            "    task.run();",
            "    // BUG: Diagnostic contains: Pump.toString → Pump.push → `q.put(s)`",
            "    pump.toString();",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A wait must hold what it releases: a helper that waits without taking a lock itself gives back
   * its caller's lock (Guava's {@code Monitor.await(guard)}). Taken inside the chain, the lock is
   * another one and the caller's stay held. Nothing around these waits tests a count, so they are
   * not waits for capacity and count only with {@code Waits=all}.
   */
  @Test
  void identificationWaitReleasingTheCallersOwnLock() {
    waitReleasingTheCallersOwnLock(withWaits("all"), true).doTest();
  }

  /** The same waits under the default {@code Waits=capacity}: nothing is reported. */
  @Test
  void identificationWaitReleasingTheCallersOwnLockNotCapacity() {
    waitReleasingTheCallersOwnLock(helper, false).doTest();
  }

  private static CompilationTestHelper waitReleasingTheCallersOwnLock(
      CompilationTestHelper compiler, boolean reported) {
    return compiler
        .addSourceLines(
            "Gate.java",
            "import java.util.concurrent.locks.Condition;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Gate {",
            "  final ReentrantLock lock = new ReentrantLock();",
            "  final Object[] slots = {new Object()};",
            "  static final class Guard {",
            "    final Condition condition;",
            "    Guard(Gate gate) {",
            "      condition = gate.lock.newCondition();",
            "    }",
            "  }",
            "  void enterWhen(Guard guard) throws InterruptedException {",
            "    lock.lock();",
            "    awaitFor(guard);",
            "  }",
            "  private void awaitFor(Guard guard) throws InterruptedException {",
            "    guard.condition.await();",
            "  }",
            "  void park() throws InterruptedException {",
            "    slots[0].wait();",
            "  }",
            "  void parkInside() throws InterruptedException {",
            "    synchronized (slots[0]) {",
            "      slots[0].wait();",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "Visitor.java",
            "class Visitor {",
            "  private final Gate gate = new Gate();",
            "  private final Object other = new Object();",
            "  void onlyTheGatesLock(Gate.Guard guard) throws InterruptedException {",
            "    synchronized (gate.slots[0]) {",
            "      gate.park();",
            "    }",
            "  }",
            "  void enterUnderOtherLock(Gate.Guard guard) throws InterruptedException {",
            "    synchronized (other) {",
            expected(
                reported,
                "      // BUG: Diagnostic contains: Gate.enterWhen → Gate.awaitFor waits in"
                    + " `guard.condition.await()` (Gate.java:17) while `other` stays held"),
            "      gate.enterWhen(guard);",
            "    }",
            "  }",
            "  void parkInsideUnderOtherLock() throws InterruptedException {",
            "    synchronized (other) {",
            expected(
                reported,
                "      // BUG: Diagnostic contains: Gate.parkInside waits in `slots[0].wait()`"),
            "      gate.parkInside();",
            "    }",
            "  }",
            "  void parkUnderTwoMonitors() throws InterruptedException {",
            "    synchronized (other) {",
            "      synchronized (gate.slots[0]) {",
            expected(
                reported,
                "        // BUG: Diagnostic contains: Gate.park waits in `slots[0].wait()`"),
            "        gate.park();",
            "      }",
            "    }",
            "  }",
            "  void parkUnderAMonitorAndALock() throws InterruptedException {",
            "    gate.lock.lock();",
            "    try {",
            "      synchronized (gate.slots[0]) {",
            expected(reported, "        // BUG: Diagnostic contains: while `gate.lock` stays held"),
            "        gate.park();",
            "      }",
            "    } finally {",
            "      gate.lock.unlock();",
            "    }",
            "  }",
            "}");
  }

  @Test
  void identificationMethodReferencesImmediateAndDeferred() {
    helper
        .addSourceLines(
            "Fanout.java",
            "import java.util.List;",
            "import java.util.concurrent.*;",
            "class Fanout {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  private final ExecutorService executor = Executors.newCachedThreadPool();",
            "  void deliver(String s) {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    try { q.put(s); } catch (InterruptedException e) { throw new RuntimeException(e); }",
            "  }",
            "  void deliverLater() {",
            "    deliver(\"later\");",
            "  }",
            "  synchronized void fan(List<String> items) {",
            "    // BUG: Diagnostic contains: `this::deliver` can block while `this`",
            "    items.forEach(this::deliver);",
            "    executor.execute(this::deliverLater);",
            "  }",
            "  synchronized int pending() { return q.size(); }",
            "}")
        .doTest();
  }

  @Test
  void identificationStaticHelperInAnotherFileAndConstructor() {
    helper
        .addSourceLines(
            "Mail.java",
            "import java.util.concurrent.*;",
            "final class Mail {",
            "  static final BlockingQueue<String> OUTBOX = new ArrayBlockingQueue<>(4);",
            "  private Mail() {}",
            "  static void send(String s) throws InterruptedException {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    OUTBOX.put(s);",
            "  }",
            "}",
            "class Letter {",
            "  Letter(String s) throws InterruptedException {",
            "    Mail.send(s);",
            "  }",
            "}")
        .addSourceLines(
            "Office.java",
            "class Office {",
            "  private final Object lock = new Object();",
            "  void post(String s) throws InterruptedException {",
            "    synchronized (lock) {",
            "      // BUG: Diagnostic contains: Mail.send → `OUTBOX.put(s)` (Mail.java:7)",
            "      Mail.send(s);",
            "      // BUG: Diagnostic contains: new Letter → Mail.send → `OUTBOX.put(s)`",
            "      new Letter(s);",
            "    }",
            "    Mail.send(s);",
            "  }",
            "  private boolean closed;",
            "  void close() { synchronized (lock) { closed = true; } }",
            "}")
        .doTest();
  }

  @Test
  void identificationRecursionTerminates() {
    helper
        .addSourceLines(
            "Tree.java",
            "import java.util.concurrent.*;",
            "class Tree {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  private Tree left;",
            "  private Tree right;",
            "  void visit(String s) throws InterruptedException {",
            "    if (left != null) left.visit(s);",
            "    if (right != null) right.visit(s);",
            "    even(3, s);",
            "  }",
            "  void even(int n, String s) throws InterruptedException {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    if (n == 0) q.put(s); else odd(n - 1, s);",
            "  }",
            "  void odd(int n, String s) throws InterruptedException {",
            "    if (n > 0) even(n - 1, s);",
            "  }",
            "  int count() {",
            "    return 1 + (left == null ? 0 : left.count()) + (right == null ? 0 : right.count());",
            "  }",
            "  synchronized void walk(String s) throws InterruptedException {",
            "    // BUG: Diagnostic contains: Tree.visit → Tree.even → Tree.odd → Tree.even → `q.put(s)`",
            "    visit(s);",
            "    count();",
            "  }",
            "  synchronized int size() { return count(); }",
            "}")
        .doTest();
  }

  @Test
  void identificationGenericMethods() {
    helper
        .addSourceLines(
            "Pipes.java",
            "import java.util.concurrent.*;",
            "class Pipes {",
            "  static <T> void push(BlockingQueue<? super T> q, T item) throws InterruptedException {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    q.put(item);",
            "  }",
            "  static <T extends Comparable<T>> T max(T a, T b) {",
            "    return a.compareTo(b) >= 0 ? a : b;",
            "  }",
            "}",
            "class Stage<T> {",
            "  private final BlockingQueue<T> q = new ArrayBlockingQueue<>(2);",
            "  synchronized void emit(T item) throws InterruptedException {",
            "    // BUG: Diagnostic contains: Pipes.push → `q.put(item)` (Pipes.java:5)",
            "    Pipes.push(q, item);",
            "    Pipes.max(\"a\", \"b\");",
            "  }",
            "  synchronized int pending() { return q.size(); }",
            "}")
        .doTest();
  }

  @Test
  void identificationBlockingMethodsOption() {
    CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
        .setArgs(
            "-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true",
            "-XepOpt:BlockingPutUnderLock:BlockingMethods=com.acme.Channel#send,com.acme.Bus#publish")
        .addSourceLines(
            "com/acme/Channel.java",
            "package com.acme;",
            "public interface Channel {",
            "  void send(String s);",
            "  void close();",
            "}")
        .addSourceLines(
            "Client.java",
            "import com.acme.Channel;",
            "class Client {",
            "  private final Object lock = new Object();",
            "  void talk(Channel channel) {",
            "    synchronized (lock) {",
            "      // BUG: Diagnostic contains: Channel.send (listed in BlockingMethods)",
            "      channel.send(\"hi\");",
            "      channel.close();",
            "    }",
            "    channel.send(\"bye\");",
            "  }",
            "  private boolean closed;",
            "  void close() { synchronized (lock) { closed = true; } }",
            "}")
        .doTest();
  }

  @Test
  void identificationBlockingAnnotation() {
    helper
        .addSourceLines(
            "org/example/Blocking.java", "package org.example;", "public @interface Blocking {}")
        .addSourceLines(
            "Remote.java",
            "import org.example.Blocking;",
            "interface Remote {",
            "  @Blocking void call();",
            "  void ping();",
            "}",
            "@Blocking",
            "interface Slow {",
            "  void anything();",
            "}")
        .addSourceLines(
            "User2.java",
            "class User2 {",
            "  synchronized void use(Remote remote, Slow slow) {",
            "    // BUG: Diagnostic contains: Remote.call (declared @Blocking)",
            "    remote.call();",
            "    remote.ping();",
            "    // BUG: Diagnostic contains: Slow.anything (declared @Blocking)",
            "    slow.anything();",
            "  }",
            "  private boolean closed;",
            "  synchronized void close() { closed = true; }",
            "}")
        .doTest();
  }

  @Test
  void identificationSuppressionAtCallSiteNotAtCallee() {
    helper
        .addSourceLines(
            "Worker.java",
            "import java.util.concurrent.*;",
            "class Worker {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  @SuppressWarnings(\"BlockingPutUnderLock\")",
            "  synchronized void helper(String s) throws InterruptedException {",
            "    q.put(s);",
            "  }",
            "  @SuppressWarnings(\"BlockingPutUnderLock\")",
            "  synchronized void quiet(String s) throws InterruptedException {",
            "    helper(s);",
            "  }",
            "  synchronized void loud(String s) throws InterruptedException {",
            "    // BUG: Diagnostic contains: Worker.helper → `q.put(s)`",
            "    helper(s);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A session that, holding its state monitor, queues a frame on a writer whose queue is bounded by
   * a monitor wait (nv-websocket-client #21), reads an address published once (ZooKeeper's {@code
   * getAddrs}), waits for a reply, and mails through a real bounded {@code BlockingQueue}. Which of
   * them are reported depends on {@code Waits}; the real send always is.
   */
  private static CompilationTestHelper session(
      CompilationTestHelper compiler, boolean capacityWaits, boolean otherWaits) {
    return compiler
        .addSourceLines(
            "FrameWriter.java",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "class FrameWriter {",
            "  private final List<byte[]> frames = new ArrayList<>();",
            "  private volatile int limit = 16;",
            "  private boolean stopped;",
            "  boolean queue(byte[] frame) {",
            "    synchronized (this) {",
            "      while (true) {",
            "        if (stopped) {",
            "          return false;",
            "        }",
            "        int max = limit;",
            "        if (max == 0 || frames.size() < max) {",
            "          break;",
            "        }",
            "        try {",
            "          wait();",
            "        } catch (InterruptedException e) {",
            "          Thread.currentThread().interrupt();",
            "          return false;",
            "        }",
            "      }",
            "      frames.add(frame);",
            "      notifyAll();",
            "      return true;",
            "    }",
            "  }",
            "  synchronized byte[] next() {",
            "    byte[] frame = frames.isEmpty() ? null : frames.remove(0);",
            "    notifyAll();",
            "    return frame;",
            "  }",
            "}")
        .addSourceLines(
            "Peer.java",
            "class Peer {",
            "  private static final Object PUBLISHED = new Object();",
            "  private String address;",
            "  String address() throws InterruptedException {",
            "    synchronized (PUBLISHED) {",
            "      while (address == null) {",
            "        PUBLISHED.wait();",
            "      }",
            "      return address;",
            "    }",
            "  }",
            "  String quorumAddress() throws InterruptedException {",
            "    return address();",
            "  }",
            "}")
        .addSourceLines(
            "Reply.java",
            "class Reply {",
            "  private boolean finished;",
            "  synchronized void await() throws InterruptedException {",
            "    while (!finished) {",
            "      wait();",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "Mailer.java",
            "import java.util.concurrent.ArrayBlockingQueue;",
            "import java.util.concurrent.BlockingQueue;",
            "class Mailer {",
            "  private final BlockingQueue<String> outbox = new ArrayBlockingQueue<>(8);",
            "  void send(String mail) throws InterruptedException {",
            "    // BUG: Diagnostic contains: can block while a caller holds `state`",
            "    outbox.put(mail);",
            "  }",
            "}")
        .addSourceLines(
            "Session.java",
            "class Session {",
            "  private final Object state = new Object();",
            "  private final FrameWriter writer = new FrameWriter();",
            "  private final Peer peer = new Peer();",
            "  private final Mailer mailer = new Mailer();",
            "  void onMessage(byte[] frame, Reply reply) throws InterruptedException {",
            "    synchronized (state) {",
            expected(
                capacityWaits,
                "      // BUG: Diagnostic contains: FrameWriter.queue waits in `wait()`"
                    + " (FrameWriter.java:18) while `state` stays held"),
            "      writer.queue(frame);",
            expected(
                otherWaits,
                "      // BUG: Diagnostic contains: Peer.quorumAddress → Peer.address waits in"
                    + " `PUBLISHED.wait()`"),
            "      peer.quorumAddress();",
            expected(
                otherWaits, "      // BUG: Diagnostic contains: Reply.await waits in `wait()`"),
            "      reply.await();",
            "      // BUG: Diagnostic contains: Mailer.send → `outbox.put(mail)` (Mailer.java:7)",
            "      mailer.send(\"bye\");",
            "    }",
            "    writer.queue(frame);",
            "    peer.quorumAddress();",
            "  }",
            "  private boolean closed;",
            "  void close() { synchronized (state) { closed = true; } }",
            "  // The writing thread, the queue's consumer: an empty (close) frame changes the state",
            "  // under its lock, so a queue() waiting under it never drains (#21).",
            "  void writeLoop() {",
            "    byte[] frame;",
            "    while ((frame = writer.next()) != null) {",
            "      if (frame.length == 0) {",
            "        close();",
            "      }",
            "    }",
            "  }",
            "}");
  }

  @Test
  void identificationWaitsDefaultCountsOnlyCapacityWaits() {
    session(helper, true, false).doTest();
  }

  @Test
  void identificationWaitsCapacity() {
    session(withWaits("capacity"), true, false).doTest();
  }

  @Test
  void identificationWaitsAll() {
    session(withWaits("all"), true, true).doTest();
  }

  @Test
  void identificationWaitsNone() {
    session(withWaits("none"), false, false).doTest();
  }

  /**
   * {@code @NonBlocking} on a class stops propagation through every method of it, constructors and
   * static methods included, even where the body puts; the same class without it is reported.
   */
  @Test
  void identificationNonBlockingOnClassStopsEveryMethod() {
    helper
        .addSourceLines(
            "org/example/NonBlocking.java", //
            "package org.example;",
            "public @interface NonBlocking {}")
        .addSourceLines(
            "Outboxes.java",
            "import java.util.concurrent.*;",
            "interface Quiet {",
            "  void send(String s) throws InterruptedException;",
            "}",
            "interface Loud {",
            "  void send(String s) throws InterruptedException;",
            "}")
        .addSourceLines(
            "QuietOutbox.java",
            "import java.util.concurrent.*;",
            "import org.example.NonBlocking;",
            "@NonBlocking",
            "class QuietOutbox implements Quiet {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  QuietOutbox(String first) throws InterruptedException {",
            "    q.put(first);",
            "  }",
            "  @Override public void send(String s) throws InterruptedException {",
            "    q.put(s);",
            "  }",
            "  void sendTwice(String s) throws InterruptedException {",
            "    send(s);",
            "    q.put(s);",
            "  }",
            "  static void sendTo(BlockingQueue<String> q, String s) throws InterruptedException {",
            "    q.put(s);",
            "  }",
            "}")
        .addSourceLines(
            "LoudOutbox.java",
            "import java.util.concurrent.*;",
            "class LoudOutbox implements Loud {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  LoudOutbox(String first) throws InterruptedException {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    q.put(first);",
            "  }",
            "  @Override public void send(String s) throws InterruptedException {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    q.put(s);",
            "  }",
            "  void sendTwice(String s) throws InterruptedException {",
            "    send(s);",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    q.put(s);",
            "  }",
            "  static void sendTo(BlockingQueue<String> q, String s) throws InterruptedException {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    q.put(s);",
            "  }",
            "}")
        .addSourceLines(
            "Poster.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Poster {",
            "  synchronized void quiet(Quiet any, QuietOutbox box, BlockingQueue<String> q)",
            "      throws InterruptedException {",
            "    any.send(\"a\");",
            "    box.send(\"b\");",
            "    box.sendTwice(\"c\");",
            "    QuietOutbox.sendTo(q, \"d\");",
            "    new QuietOutbox(\"e\");",
            "  }",
            "  synchronized void loud(Loud any, LoudOutbox box, BlockingQueue<String> q)",
            "      throws InterruptedException {",
            "    // BUG: Diagnostic contains: LoudOutbox.send → `q.put(s)` (LoudOutbox.java:10)",
            "    any.send(\"a\");",
            "    // BUG: Diagnostic contains: LoudOutbox.send → `q.put(s)` (LoudOutbox.java:10)",
            "    box.send(\"b\");",
            "    // BUG: Diagnostic contains: can block while `this` (synchronized method, line 11)"
                + " is held: LoudOutbox.sendTwice → ",
            "    box.sendTwice(\"c\");",
            "    // BUG: Diagnostic contains: LoudOutbox.sendTo → `q.put(s)` (LoudOutbox.java:19)",
            "    LoudOutbox.sendTo(q, \"d\");",
            "    // BUG: Diagnostic contains: new LoudOutbox → `q.put(first)` (LoudOutbox.java:6)",
            "    new LoudOutbox(\"e\");",
            "  }",
            "}")
        .doTest();
  }

  /**
   * {@code @Blocking} on a class makes every method of it may-block, where the compilation has no
   * body to look at: an interface, an abstract method, and a class from a library (compiled
   * earlier, on the classpath). The same declarations without the annotation are not reported, nor
   * are the constructors of a {@code @Blocking} class (only one annotated itself is).
   */
  @Test
  void identificationBlockingOnClassWithoutBodies() {
    helper
        .addSourceLines(
            "io/smallrye/common/annotation/Blocking.java",
            "package io.smallrye.common.annotation;",
            "public @interface Blocking {}")
        .addSourceLines(
            "Remotes.java",
            "import io.smallrye.common.annotation.Blocking;",
            "@Blocking",
            "interface SlowRemote {",
            "  void call();",
            "}",
            "interface FastRemote {",
            "  void call();",
            "}",
            "@Blocking",
            "abstract class SlowStore {",
            "  abstract void save(String s);",
            "}",
            "abstract class FastStore {",
            "  abstract void save(String s);",
            "}",
            "@Blocking",
            "class SlowImpl {",
            "  public void call() {}",
            "}",
            "class Dialer {",
            "  @Blocking Dialer() {}",
            "}")
        .addSourceLines(
            "Caller.java",
            "import dev.stallcheck.summary.LibraryChannels;",
            "class Caller {",
            "  synchronized void slow(SlowRemote remote, SlowStore store, LibraryChannels.Slow channel) {",
            "    // BUG: Diagnostic contains: SlowRemote.call (declared @Blocking)",
            "    remote.call();",
            "    // BUG: Diagnostic contains: SlowStore.save (declared @Blocking)",
            "    store.save(\"s\");",
            "    // BUG: Diagnostic contains: Slow.send (declared @Blocking)",
            "    channel.send(\"s\");",
            "    // BUG: Diagnostic contains: Slow.flushAll (declared @Blocking)",
            "    LibraryChannels.Slow.flushAll();",
            "  }",
            "  synchronized void create(SlowImpl impl) {",
            "    new LibraryChannels.Slow();",
            "    new SlowImpl();",
            "    // BUG: Diagnostic contains: SlowImpl.call (declared @Blocking)",
            "    impl.call();",
            "    // BUG: Diagnostic contains: new Dialer (declared @Blocking)",
            "    new Dialer();",
            "  }",
            "  synchronized void fast(FastRemote remote, FastStore store, LibraryChannels.Fast channel) {",
            "    remote.call();",
            "    store.save(\"s\");",
            "    channel.send(\"s\");",
            "    LibraryChannels.Fast.flushAll();",
            "  }",
            "  void slowWithoutLock(SlowRemote remote, LibraryChannels.Slow channel) {",
            "    remote.call();",
            "    channel.send(\"s\");",
            "  }",
            "}")
        .doTest();
  }

  /**
   * The one {@code @Blocking} of the compilation is in a library's class file, on a class nested in
   * another: the compiler knows its name only from reading the class it annotates, and that is
   * enough for the calls of that class to be reported (and not those of its unannotated twin).
   */
  @Test
  void identificationBlockingOnlyInLibraryClassFile() {
    helper
        .addSourceLines(
            "Caller.java",
            "import dev.stallcheck.summary.LibraryChannels;",
            "class Caller {",
            "  synchronized void slow(LibraryChannels.Slow channel) {",
            "    // BUG: Diagnostic contains: Slow.send (declared @Blocking)",
            "    channel.send(\"s\");",
            "  }",
            "  synchronized void fast(LibraryChannels.Fast channel) {",
            "    channel.send(\"s\");",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A home-made bounded buffer whose capacity wait is {@code notFull.awaitUninterruptibly()}: under
   * a different outer lock (a monitor, or another {@code Lock}) it is reported; under the buffer's
   * own lock, or no lock, it is not; its wait for an element is not a capacity wait.
   */
  @Test
  void identificationAwaitUninterruptiblyCapacityWait() {
    helper
        .addSourceLines(
            "SteadyBuffer.java",
            "import java.util.ArrayDeque;",
            "import java.util.Deque;",
            "import java.util.concurrent.locks.Condition;",
            "import java.util.concurrent.locks.Lock;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class SteadyBuffer {",
            "  final Lock lock = new ReentrantLock();",
            "  private final Condition notFull = lock.newCondition();",
            "  private final Condition notEmpty = lock.newCondition();",
            "  private final Deque<String> items = new ArrayDeque<>();",
            "  private final int capacity = 8;",
            "  void put(String item) {",
            "    lock.lock();",
            "    try {",
            "      while (items.size() >= capacity) {",
            "        notFull.awaitUninterruptibly();",
            "      }",
            "      items.add(item);",
            "      notEmpty.signal();",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "  String take() {",
            "    lock.lock();",
            "    try {",
            "      while (items.isEmpty()) {",
            "        notEmpty.awaitUninterruptibly();",
            "      }",
            "      notFull.signal();",
            "      return items.poll();",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "Pipeline.java",
            "import java.util.concurrent.locks.Lock;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Pipeline {",
            "  private final Object monitor = new Object();",
            "  private final Lock other = new ReentrantLock();",
            "  private final SteadyBuffer buffer = new SteadyBuffer();",
            "  void underMonitor(String item) {",
            "    synchronized (monitor) {",
            "      // BUG: Diagnostic contains: `buffer.put(item)` can block while `monitor` (taken at"
                + " line 8) is held: SteadyBuffer.put waits in `notFull.awaitUninterruptibly()`"
                + " (SteadyBuffer.java:16) while `monitor` stays held",
            "      buffer.put(item);",
            "      buffer.take();",
            "    }",
            "  }",
            "  void underOtherLock(String item) {",
            "    other.lock();",
            "    try {",
            "      // BUG: Diagnostic contains: SteadyBuffer.put waits in"
                + " `notFull.awaitUninterruptibly()` (SteadyBuffer.java:16) while `other` stays"
                + " held",
            "      buffer.put(item);",
            "    } finally {",
            "      other.unlock();",
            "    }",
            "  }",
            "  void underTheBuffersOwnLock(String item) {",
            "    buffer.lock.lock();",
            "    try {",
            "      buffer.put(item);",
            "    } finally {",
            "      buffer.lock.unlock();",
            "    }",
            "  }",
            "  void withoutLock(String item) {",
            "    buffer.put(item);",
            "  }",
            "  private boolean closed;",
            "  void close() {",
            "    synchronized (monitor) {",
            "      other.lock();",
            "      try {",
            "        closed = true;",
            "        buffer.take();",
            "      } finally {",
            "        other.unlock();",
            "      }",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * {@code super.deliver(s)} resolves to the superclass's body alone: reported when only that body
   * blocks (the class's own override does not), not when only a sibling's override blocks, though a
   * virtual call on the superclass type reaches that sibling.
   */
  @Test
  void identificationSuperCallResolvesExactly() {
    helper
        .addSourceLines(
            "Courier.java",
            "import java.util.concurrent.*;",
            "class Courier {",
            "  final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  void deliver(String s) {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    try { q.put(s); } catch (InterruptedException e) { throw new RuntimeException(e); }",
            "  }",
            "}")
        .addSourceLines(
            "LocalCourier.java",
            "import java.util.List;",
            "class LocalCourier extends Courier {",
            "  private final Object lock = new Object();",
            "  @Override void deliver(String s) {}",
            "  void viaSuper(String s, List<String> items) {",
            "    synchronized (lock) {",
            "      // BUG: Diagnostic contains: `super.deliver(s)` can block while `lock` (taken at"
                + " line 6) is held: Courier.deliver → `q.put(s)` (Courier.java:6)",
            "      super.deliver(s);",
            "      // BUG: Diagnostic contains: `super::deliver` can block while `lock`",
            "      items.forEach(super::deliver);",
            "      deliver(s);",
            "      this.deliver(s);",
            "      items.forEach(this::deliver);",
            "    }",
            "  }",
            "  int pending() { synchronized (lock) { return q.size(); } }",
            "}")
        .addSourceLines("Clerk.java", "class Clerk {", "  void file(String s) {}", "}")
        .addSourceLines(
            "LoudClerk.java",
            "import java.util.concurrent.*;",
            "class LoudClerk extends Clerk {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  @Override void file(String s) {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    try { q.put(s); } catch (InterruptedException e) { throw new RuntimeException(e); }",
            "  }",
            "  static Clerk create() { return new LoudClerk(); }",
            "}")
        .addSourceLines(
            "QuietClerk.java",
            "import java.util.List;",
            "import java.util.concurrent.*;",
            "class QuietClerk extends Clerk {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  @Override void file(String s) {",
            "    // Nothing creates a QuietClerk: `any.file(s)` reaches LoudClerk's only.",
            "    try { q.put(s); } catch (InterruptedException e) { throw new RuntimeException(e); }",
            "  }",
            "  synchronized void viaSuper(String s, List<String> items, Clerk any) {",
            "    super.file(s);",
            "    items.forEach(super::file);",
            "    // BUG: Diagnostic contains: `any.file(s)` can block while `this`",
            "    any.file(s);",
            "  }",
            "  synchronized int pending() { return q.size(); }",
            "}")
        .addSourceLines(
            "Greeter.java",
            "import java.util.concurrent.*;",
            "interface Greeter {",
            "  BlockingQueue<String> out();",
            "  default void greet(String s) throws InterruptedException {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    out().put(s);",
            "  }",
            "}")
        .addSourceLines(
            "QuietGreeter.java",
            "import java.util.concurrent.*;",
            "interface QuietGreeter {",
            "  default void greet(String s) throws InterruptedException {}",
            "}")
        .addSourceLines(
            "LoudGreeter.java",
            "import java.util.concurrent.*;",
            "class LoudGreeter implements QuietGreeter {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  @Override public void greet(String s) throws InterruptedException { q.put(s); }",
            "}")
        .addSourceLines(
            "Host.java",
            "import java.util.concurrent.*;",
            "class Host implements Greeter, QuietGreeter {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  @Override public BlockingQueue<String> out() { return q; }",
            "  @Override public void greet(String s) {}",
            "  synchronized void welcome(String s) throws InterruptedException {",
            "    // BUG: Diagnostic contains: Greeter.greet → `out().put(s)` (Greeter.java:6)",
            "    Greeter.super.greet(s);",
            "    QuietGreeter.super.greet(s);",
            "    greet(s);",
            "  }",
            "  synchronized int pending() { return q.size(); }",
            "}")
        .doTest();
  }

  /**
   * A home-made queue (a monitor wait, and a {@code Condition} one) reached from a method reference
   * or a lambda that runs in place under a lock is reported; the same handed to an executor, or
   * under the queue's own monitor, is not.
   */
  @Test
  void identificationHomeMadeQueueFromLambdasAndMethodReferences() {
    helper
        .addSourceLines(
            "Mailbox.java",
            "import java.util.ArrayDeque;",
            "import java.util.Deque;",
            "class Mailbox {",
            "  private final Deque<String> items = new ArrayDeque<>();",
            "  private final int capacity;",
            "  Mailbox(int capacity) {",
            "    this.capacity = capacity;",
            "  }",
            "  synchronized void put(String item) {",
            "    while (items.size() >= capacity) {",
            "      try {",
            "        wait();",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "        return;",
            "      }",
            "    }",
            "    items.add(item);",
            "    notifyAll();",
            "  }",
            "  void putMarker() {",
            "    put(\"marker\");",
            "  }",
            "  synchronized String take() {",
            "    String item = items.poll();",
            "    notifyAll();",
            "    return item;",
            "  }",
            "}")
        .addSourceLines(
            "Ring.java",
            "import java.util.concurrent.locks.Condition;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Ring {",
            "  private final ReentrantLock lock = new ReentrantLock();",
            "  private final Condition notFull = lock.newCondition();",
            "  private final String[] slots = new String[4];",
            "  private int count;",
            "  void put(String item) {",
            "    lock.lock();",
            "    try {",
            "      while (count == slots.length) {",
            "        notFull.awaitUninterruptibly();",
            "      }",
            "      slots[count++] = item;",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "  String take() {",
            "    lock.lock();",
            "    try {",
            "      String item = count == 0 ? null : slots[--count];",
            "      notFull.signal();",
            "      return item;",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "Relay.java",
            "import java.util.List;",
            "import java.util.concurrent.Executor;",
            "class Relay {",
            "  private final Object lock = new Object();",
            "  private final Mailbox queue = new Mailbox(4);",
            "  private final Ring ring = new Ring();",
            "  private final Executor executor;",
            "  Relay(Executor executor) {",
            "    this.executor = executor;",
            "  }",
            "  void immediate(List<String> items) {",
            "    synchronized (lock) {",
            "      // BUG: Diagnostic contains: `queue::put` can block while `lock` (taken at line 12)"
                + " is held: Mailbox.put waits in `wait()` (Mailbox.java:12) while `lock` stays"
                + " held",
            "      items.forEach(queue::put);",
            "      // BUG: Diagnostic contains: `queue.put(i)` can block while `lock` (taken at line"
                + " 12) is held: Mailbox.put waits in `wait()` (Mailbox.java:12)",
            "      items.forEach(i -> queue.put(i));",
            "      // BUG: Diagnostic contains: `ring::put` can block while `lock` (taken at line 12)"
                + " is held: Ring.put waits in `notFull.awaitUninterruptibly()` (Ring.java:12)",
            "      items.forEach(ring::put);",
            "      // BUG: Diagnostic contains: `ring.put(i)` can block while `lock`",
            "      items.forEach(i -> ring.put(i));",
            "    }",
            "  }",
            "  void deferred(List<String> items, String first) {",
            "    synchronized (lock) {",
            "      executor.execute(() -> items.forEach(queue::put));",
            "      executor.execute(() -> items.forEach(i -> queue.put(i)));",
            "      executor.execute(() -> queue.put(first));",
            "      executor.execute(queue::putMarker);",
            "      executor.execute(() -> items.forEach(ring::put));",
            "      executor.execute(() -> ring.put(first));",
            "    }",
            "  }",
            "  void underTheQueuesOwnMonitor(List<String> items) {",
            "    synchronized (queue) {",
            "      items.forEach(queue::put);",
            "      items.forEach(i -> queue.put(i));",
            "    }",
            "  }",
            "  void parameter(List<String> items, Mailbox box) {",
            "    synchronized (box) {",
            "      items.forEach(box::put);",
            "      items.forEach(i -> box.put(i));",
            "    }",
            "    synchronized (lock) {",
            "      // BUG: Diagnostic contains: `box::put` can block while `lock`",
            "      items.forEach(box::put);",
            "    }",
            "  }",
            "  void withoutLock(List<String> items) {",
            "    items.forEach(queue::put);",
            "    items.forEach(i -> ring.put(i));",
            "  }",
            "  void drain() {",
            "    synchronized (lock) {",
            "      queue.take();",
            "      ring.take();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A constructor that puts, called under a lock, is reported at the {@code new}, through a
   * subclass's explicit {@code super(queue)} and implicit {@code super()}, and at an anonymous
   * subclass's {@code new} (once: its own initializers are reported where they are); a constructor
   * that only stores the queue is not.
   */
  @Test
  void identificationConstructors() {
    helper
        .addSourceLines(
            "Worker.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Worker {",
            "  private final BlockingQueue<String> queue;",
            "  Worker(BlockingQueue<String> queue) throws InterruptedException {",
            "    this.queue = queue;",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    queue.put(\"ready\");",
            "  }",
            "}")
        .addSourceLines(
            "Keeper.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Keeper {",
            "  private final BlockingQueue<String> queue;",
            "  Keeper(BlockingQueue<String> queue) {",
            "    this.queue = queue;",
            "  }",
            "  BlockingQueue<String> queue() {",
            "    return queue;",
            "  }",
            "}")
        .addSourceLines(
            "Staff.java",
            "import java.util.concurrent.*;",
            "class Senior extends Worker {",
            "  Senior(BlockingQueue<String> queue) throws InterruptedException {",
            "    super(queue);",
            "  }",
            "}",
            "class Junior extends Keeper {",
            "  Junior(BlockingQueue<String> queue) {",
            "    super(queue);",
            "  }",
            "}",
            "class Announcer {",
            "  static final BlockingQueue<String> NEWS = new ArrayBlockingQueue<>(1);",
            "  Announcer() throws InterruptedException {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    NEWS.put(\"hired\");",
            "  }",
            "}",
            "class Trainee extends Announcer {",
            "  Trainee() throws InterruptedException {}",
            "}",
            "class Listener {",
            "  Listener() {}",
            "}",
            "class Intern extends Listener {",
            "  Intern() {}",
            "}")
        .addSourceLines(
            "Pool.java",
            "import java.util.concurrent.*;",
            "class Pool {",
            "  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(4);",
            "  synchronized void hire() throws InterruptedException {",
            "    // BUG: Diagnostic contains: `new Worker(queue)` can block while `this` (synchronized"
                + " method, line 4) is held: new Worker → `queue.put(\"ready\")` (Worker.java:7)",
            "    new Worker(queue);",
            "    // BUG: Diagnostic contains: new Senior → new Worker → `queue.put(\"ready\")`",
            "    new Senior(queue);",
            "    // BUG: Diagnostic contains: new Trainee → new Announcer → `NEWS.put(\"hired\")`",
            "    new Trainee();",
            "    // BUG: Diagnostic contains: new Worker → `queue.put(\"ready\")`",
            "    new Worker(queue) {};",
            "    // BUG: Diagnostic contains: Pool.hireTemp → ",
            "    hireTemp();",
            "    new Keeper(queue);",
            "    new Junior(queue);",
            "    new Intern();",
            "    new Keeper(queue) {};",
            "    new Keeper(queue) {",
            "      // BUG: Diagnostic contains: `new Worker(queue)` can block while `this`",
            "      final Worker inner = new Worker(queue);",
            "    };",
            "  }",
            "  private Worker hireTemp() throws InterruptedException {",
            "    return new Worker(queue) {};",
            "  }",
            "  void hireOutsideLock() throws InterruptedException {",
            "    new Worker(queue);",
            "  }",
            "  synchronized int pending() { return queue.size(); }",
            "}")
        .doTest();
  }

  /** A static helper in another file that does not block, under a lock: not reported. */
  @Test
  void identificationStaticHelperInAnotherFileThatDoesNotBlock() {
    helper
        .addSourceLines(
            "Mail.java",
            "import java.util.concurrent.*;",
            "final class Mail {",
            "  static final BlockingQueue<String> OUTBOX = new ArrayBlockingQueue<>(4);",
            "  static final BlockingQueue<String> ARCHIVE = new LinkedBlockingQueue<>();",
            "  private Mail() {}",
            "  static void send(String s) throws InterruptedException {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    OUTBOX.put(s);",
            "  }",
            "  static boolean trySend(String s) {",
            "    return OUTBOX.offer(s);",
            "  }",
            "  static void archive(String s) throws InterruptedException {",
            "    ARCHIVE.put(s);",
            "  }",
            "  static void sendLater(ExecutorService executor, String s) {",
            "    executor.execute(() -> {",
            "      try { send(s); } catch (InterruptedException e) { throw new RuntimeException(e); }",
            "    });",
            "  }",
            "}")
        .addSourceLines(
            "Office.java",
            "import java.util.concurrent.ExecutorService;",
            "class Office {",
            "  private final Object lock = new Object();",
            "  void post(String s, ExecutorService executor) throws InterruptedException {",
            "    synchronized (lock) {",
            "      Mail.trySend(s);",
            "      Mail.archive(s);",
            "      Mail.sendLater(executor, s);",
            "      // BUG: Diagnostic contains: Mail.send → `OUTBOX.put(s)` (Mail.java:8)",
            "      Mail.send(s);",
            "    }",
            "  }",
            "  private boolean closed;",
            "  void close() { synchronized (lock) { closed = true; } }",
            "}")
        .doTest();
  }

  /**
   * Generic methods and type-variable receivers, sending and not: the non-blocking twins offer, or
   * put into an unbounded queue.
   */
  @Test
  void identificationGenericMethodsThatDoNotBlock() {
    helper
        .addSourceLines(
            "Pipes.java",
            "import java.util.concurrent.*;",
            "class Pipes {",
            "  static <T> void push(BlockingQueue<? super T> q, T item) throws InterruptedException {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    q.put(item);",
            "  }",
            "  static <T> boolean tryPush(BlockingQueue<? super T> q, T item) {",
            "    return q.offer(item);",
            "  }",
            "  static <T> void pushUnbounded(T item) throws InterruptedException {",
            "    BlockingQueue<T> q = new LinkedBlockingQueue<>();",
            "    q.put(item);",
            "  }",
            "}",
            "interface Port<T> {",
            "  void accept(T item) throws InterruptedException;",
            "}",
            "class QueuePort<T> implements Port<T> {",
            "  private final BlockingQueue<T> q = new ArrayBlockingQueue<>(2);",
            "  // BUG: Diagnostic contains: can block while a caller holds",
            "  @Override public void accept(T item) throws InterruptedException { q.put(item); }",
            "  static <T> Port<T> create() { return new QueuePort<>(); }",
            "}",
            "interface Gauge<T> {",
            "  void record(T item);",
            "}",
            "class CountingGauge<T> implements Gauge<T> {",
            "  private int count;",
            "  @Override public void record(T item) { count++; }",
            "}")
        .addSourceLines(
            "Stage.java",
            "import java.util.concurrent.*;",
            "class Stage<T> {",
            "  private final BlockingQueue<T> q = new ArrayBlockingQueue<>(2);",
            "  synchronized <P extends Port<T>, G extends Gauge<T>> void emit(T item, P port, G gauge)",
            "      throws InterruptedException {",
            "    Pipes.tryPush(q, item);",
            "    Pipes.pushUnbounded(item);",
            "    gauge.record(item);",
            "    // BUG: Diagnostic contains: Pipes.push → `q.put(item)` (Pipes.java:5)",
            "    Pipes.<T>push(q, item);",
            "    // BUG: Diagnostic contains: QueuePort.accept → `q.put(item)` (Pipes.java:21)",
            "    port.accept(item);",
            "  }",
            "  synchronized int pending() { return q.size(); }",
            "}")
        .doTest();
  }

  /**
   * Default methods: one that offers, and one that puts but is overridden by the class the call
   * resolves to, are not reported; an override of a quiet default that puts is reached through the
   * interface.
   */
  @Test
  void identificationDefaultMethodsThatDoNotBlock() {
    helper
        .addSourceLines(
            "Notifier.java",
            "import java.util.concurrent.*;",
            "interface Notifier {",
            "  BlockingQueue<String> queue();",
            "  default void notifyBlocking(String s) throws InterruptedException {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    queue().put(s);",
            "  }",
            "  default boolean notifyQuietly(String s) {",
            "    return queue().offer(s);",
            "  }",
            "  default void log(String s) {}",
            "}",
            "final class Bell implements Notifier {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  @Override public BlockingQueue<String> queue() { return q; }",
            "  @Override public void notifyBlocking(String s) { q.offer(s); }",
            "}",
            "class Siren implements Notifier {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  @Override public BlockingQueue<String> queue() { return q; }",
            "  @Override public void log(String s) {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    try { q.put(s); } catch (InterruptedException e) { throw new RuntimeException(e); }",
            "  }",
            "  static Notifier create() { return new Siren(); }",
            "}")
        .addSourceLines(
            "Tower.java",
            "class Tower {",
            "  synchronized void ring(Bell bell, Notifier any) throws InterruptedException {",
            "    bell.notifyBlocking(\"a\");",
            "    bell.notifyQuietly(\"b\");",
            "    bell.log(\"c\");",
            "    any.notifyQuietly(\"d\");",
            "    // BUG: Diagnostic contains: Notifier.notifyBlocking → `queue().put(s)`",
            "    any.notifyBlocking(\"e\");",
            "    // BUG: Diagnostic contains: Siren.log → `q.put(s)` (Notifier.java:23)",
            "    any.log(\"f\");",
            "  }",
            "  private boolean closed;",
            "  synchronized void close() { closed = true; }",
            "}")
        .doTest();
  }

  /** Cycles that never send terminate with no finding; the same cycle with a send is reported. */
  @Test
  void identificationRecursionThatDoesNotBlock() {
    helper
        .addSourceLines(
            "Parser.java",
            "import java.util.concurrent.*;",
            "class Parser {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  private final BlockingQueue<String> log = new LinkedBlockingQueue<>();",
            "  void expression(int depth) throws InterruptedException {",
            "    if (depth > 0) term(depth - 1);",
            "    log.put(\"expression\");",
            "  }",
            "  void term(int depth) throws InterruptedException {",
            "    if (depth > 0) factor(depth - 1);",
            "    q.offer(\"term\");",
            "  }",
            "  void factor(int depth) throws InterruptedException {",
            "    if (depth > 0) expression(depth - 1);",
            "  }",
            "  void statement(int depth) throws InterruptedException {",
            "    if (depth > 0) block(depth - 1);",
            "  }",
            "  void block(int depth) throws InterruptedException {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    if (depth > 0) statement(depth - 1); else q.put(\"block\");",
            "  }",
            "  synchronized void parse() throws InterruptedException {",
            "    expression(3);",
            "    factor(3);",
            "    // BUG: Diagnostic contains: Parser.statement → Parser.block → `q.put(\"block\")`",
            "    statement(3);",
            "  }",
            "  synchronized int pending() { return q.size(); }",
            "}")
        .doTest();
  }

  /**
   * BlockingPutUnderLock.md, Through helper calls: the four-file gateway reported where the docs
   * say, with the message they show, and the snapshot fix from "How to fix" not reported. The
   * examples are verbatim; imports go on the class line and {@code Room} in a file of its own, so
   * the line numbers are the docs' own, plus one in each file for the marker line above its finding
   * (the docs' Gateway.java:11 and Connection.java:7 are 12 and 8 here). The send's own finding is
   * the one "Fixing a chain at the send" shows.
   */
  @Test
  void identificationDocsThroughHelperCallsGateway() {
    helper
        .addSourceLines(
            "Gateway.java",
            "// Gateway.java",
            "import java.util.*; import java.util.concurrent.locks.*; class Gateway {",
            "  private final ReadWriteLock membersLock = new ReentrantReadWriteLock();",
            "  private final Map<String, Room> rooms = new HashMap<>();",
            "  private final String roomId = \"lobby\";",
            "",
            "  void broadcastToRoom(String msg) {",
            "    membersLock.readLock().lock();",
            "    try {",
            "      for (User user : rooms.get(roomId).members()) {",
            "        // BUG: Diagnostic contains: `user.sendMsg(msg)` can block while"
                + " `membersLock.readLock()` (taken at line 8) is held: UserDevice.sendMsg →"
                + " Connection.write → `writer.put(data)` (Connection.java:8)",
            "        user.sendMsg(msg); // error: can block while membersLock.readLock() is held",
            "      }",
            "    } finally {",
            "      membersLock.readLock().unlock();",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "User.java", //
            "// User.java",
            "interface User {",
            "  void sendMsg(String msg);",
            "}")
        .addSourceLines(
            "UserDevice.java",
            "// UserDevice.java",
            "import java.nio.charset.StandardCharsets; class UserDevice implements User {",
            "  private final Connection connection = new Connection();",
            "",
            "  @Override",
            "  public void sendMsg(String msg) {",
            "    connection.write(msg.getBytes(StandardCharsets.UTF_8));",
            "  }",
            "}")
        .addSourceLines(
            "Connection.java",
            "// Connection.java",
            "import java.util.concurrent.*; class Connection {",
            "  private final BlockingQueue<byte[]> writer = new ArrayBlockingQueue<>(10); // a socket"
                + " thread drains it",
            "",
            "  void write(byte[] data) {",
            "    try {",
            "      // BUG: Diagnostic contains: `writer.put(data)` can block while a caller holds"
                + " `membersLock.readLock()`: `user.sendMsg(msg)` (Gateway.java:12) reaches it with"
                + " that lock held, and every thread that needs it stalls until the send completes",
            "      writer.put(data);",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "Room.java", //
            "import java.util.Collection;",
            "interface Room {",
            "  Collection<User> members();",
            "}")
        .addSourceLines(
            "Wiring.java", // The application creates its devices (the docs leave this out).
            "class Wiring {",
            "  static User device() { return new UserDevice(); }",
            "}")
        .addSourceLines(
            "GoodGateway.java",
            "import java.util.*; import java.util.concurrent.locks.*; class GoodGateway {",
            "  private final ReadWriteLock membersLock = new ReentrantReadWriteLock();",
            "  private final Map<String, Room> rooms = new HashMap<>();",
            "  private final String roomId = \"lobby\";",
            "",
            "  void broadcastToRoom(String msg) {",
            "    List<User> targets;",
            "    membersLock.readLock().lock();",
            "    try {",
            "      targets = List.copyOf(rooms.get(roomId).members());",
            "    } finally {",
            "      membersLock.readLock().unlock();",
            "    }",
            "    for (User user : targets) {",
            "      user.sendMsg(msg); // may still wait, but no other thread waits for it",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * BlockingPutUnderLock.md, Through helper calls: the home-made bounded queues it quotes ({@code
   * while (docs.size() >= max) docs.wait()}, {@code while (count == items.length)
   * notFull.await()}), with the wait on the line its sample message names: reported under a
   * different lock, not under the monitor or lock the callee waits on.
   */
  @Test
  void identificationDocsThroughHelperCallsHomeMadeQueues() {
    helper
        .addSourceLines(
            "DocumentQueue.java",
            "import java.util.ArrayDeque;",
            "import java.util.Deque;",
            "/**",
            " * A bounded queue of documents: put waits while it is full.",
            " */",
            "class DocumentQueue {",
            "  final Deque<String> docs = new ArrayDeque<>();",
            "  private final int max;",
            "",
            "  DocumentQueue(int max) {",
            "    this.max = max;",
            "  }",
            "",
            "  /** Adds {@code doc}, waiting while the queue holds {@code max} documents. */",
            "  void put(String doc) throws InterruptedException {",
            "    synchronized (docs) {",
            "      // Waiting releases docs, and only docs: the caller's own locks stay held.",
            "      // (A Condition's await() gives back its Lock the same way.)",
            "      while (docs.size() >= max) docs.wait();",
            "      docs.add(doc);",
            "      docs.notifyAll();",
            "    }",
            "  }",
            "",
            "  /** Removes the oldest document, making room for a waiting {@code put}. */",
            "  String take() {",
            "    synchronized (docs) {",
            "      String doc = docs.poll();",
            "      docs.notifyAll();",
            "      return doc;",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "Slots.java",
            "import java.util.concurrent.locks.Condition;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Slots {",
            "  final ReentrantLock lock = new ReentrantLock();",
            "  private final Condition notFull = lock.newCondition();",
            "  private final String[] items = new String[8];",
            "  private int count;",
            "  void put(String item) throws InterruptedException {",
            "    lock.lock();",
            "    try {",
            "      while (count == items.length) notFull.await();",
            "      items[count++] = item;",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "  String take() {",
            "    lock.lock();",
            "    try {",
            "      String item = count == 0 ? null : items[--count];",
            "      notFull.signal();",
            "      return item;",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "Indexer.java",
            "class Indexer {",
            "  private final Object monitor = new Object();",
            "  private final DocumentQueue queue = new DocumentQueue(10);",
            "  private final Slots slots = new Slots();",
            "  void underMonitor(String doc) throws InterruptedException {",
            "    synchronized (monitor) {",
            "      // BUG: Diagnostic contains: `queue.put(doc)` can block while `monitor` (taken at"
                + " line 6) is held: DocumentQueue.put waits in `docs.wait()`"
                + " (DocumentQueue.java:19) while `monitor` stays held",
            "      queue.put(doc);",
            "      // BUG: Diagnostic contains: Slots.put waits in `notFull.await()` (Slots.java:11)"
                + " while `monitor` stays held",
            "      slots.put(doc);",
            "    }",
            "  }",
            "  void underWhatTheyWaitOn(String doc) throws InterruptedException {",
            "    synchronized (queue.docs) {",
            "      queue.put(doc);",
            "    }",
            "    slots.lock.lock();",
            "    try {",
            "      slots.put(doc);",
            "    } finally {",
            "      slots.lock.unlock();",
            "    }",
            "  }",
            "  /** The indexing thread makes room only while it holds the monitor. */",
            "  void indexNext() {",
            "    synchronized (monitor) {",
            "      queue.take();",
            "      slots.take();",
            "    }",
            "  }",
            "}")
        .doTest();
  }
}
