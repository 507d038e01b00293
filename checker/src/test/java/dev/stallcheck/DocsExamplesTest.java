package dev.stallcheck;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.FixChooser;
import com.google.errorprone.BugCheckerRefactoringTestHelper.FixChoosers;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.stallcheck.fixes.FixProbe;
import org.junit.jupiter.api.Test;

/**
 * The code examples of README.md and docs/bugpatterns/*.md, inline and as close to verbatim as
 * compiling them allows (declarations the excerpts leave out are added around them; a `// error`
 * comment in the docs becomes the expected-diagnostic marker). A "bad" example must be reported
 * where the docs say, a "good" one must not, and a before/after pair must be what the fix writes.
 * When a docs example changes, change it here too.
 */
final class DocsExamplesTest {
  private static CompilationTestHelper check(Class<? extends BugChecker> checker) {
    String name = checker.getSimpleName();
    return CompilationTestHelper.newInstance(checker, DocsExamplesTest.class)
        .setArgs("-XepOpt:" + name + ":FailOnAnalysisError=true");
  }

  private static BugCheckerRefactoringTestHelper refactor(
      Class<? extends BugChecker> checker, FixChooser chooser) {
    return BugCheckerRefactoringTestHelper.newInstance(checker, DocsExamplesTest.class)
        .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true")
        .setFixChooser(chooser);
  }

  /**
   * BlockingPutUnderLock.md, The problem: the bad Gateway, its message, and the two good versions.
   */
  @Test
  void identificationBlockingPutUnderLockPageGateway() {
    check(BlockingPutUnderLock.class)
        .addSourceLines(
            "Gateway.java",
            "import java.util.*; import java.util.concurrent.*; import java.util.concurrent.locks.*; class Gateway {",
            "  private final ReadWriteLock membersLock = new ReentrantReadWriteLock();",
            "  private final List<BlockingQueue<byte[]>> writers = new ArrayList<>();",
            "",
            "  void broadcast(byte[] data) throws InterruptedException {",
            "    membersLock.readLock().lock();",
            "    try {",
            "      for (BlockingQueue<byte[]> writer : writers) {",
            "        // BUG: Diagnostic matches: GATEWAY",
            "        writer.put(data); // error: blocks while membersLock.readLock() is held",
            "      }",
            "    } finally {",
            "      membersLock.readLock().unlock();",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "GoodGateway.java",
            "import java.util.*; import java.util.concurrent.*; import java.util.concurrent.locks.*; class GoodGateway {",
            "  private final ReadWriteLock membersLock = new ReentrantReadWriteLock();",
            "  private final List<BlockingQueue<byte[]>> writers = new ArrayList<>();",
            "",
            "  void broadcast(byte[] data) throws InterruptedException {",
            "    List<BlockingQueue<byte[]>> targets;",
            "    membersLock.readLock().lock();",
            "    try {",
            "      targets = new ArrayList<>(writers);",
            "    } finally {",
            "      membersLock.readLock().unlock();",
            "    }",
            "    for (BlockingQueue<byte[]> writer : targets) {",
            "      writer.put(data);",
            "    }",
            "  }",
            "",
            "  void broadcastWithOffer(byte[] data) {",
            "    membersLock.readLock().lock();",
            "    try {",
            "      for (BlockingQueue<byte[]> writer : writers) {",
            "        if (!writer.offer(data)) {",
            "          throw new IllegalStateException(\"writer queue full: \" + writer);",
            "        }",
            "      }",
            "    } finally {",
            "      membersLock.readLock().unlock();",
            "    }",
            "  }",
            "}")
        .expectErrorMessage(
            "GATEWAY",
            m ->
                m.contains(
                    "`writer.put(data)` can block while `membersLock.readLock()` (taken at line 6)"
                        + " is held; a full queue then stalls every thread that needs that lock"))
        .doTest();
  }

  /**
   * BlockingPutUnderLock.md, suggested fix 1: offer, and throw if it returns false; the catch and
   * try go.
   */
  @Test
  void replacementBlockingPutUnderLockPageOfferAndThrow() {
    refactor(BlockingPutUnderLock.class, FixChoosers.FIRST)
        .addInputLines(
            "Aggregator.java",
            "import java.util.concurrent.ArrayBlockingQueue;",
            "import java.util.concurrent.BlockingQueue;",
            "class Aggregator {",
            "  private final BlockingQueue<long[]> snapshots = new ArrayBlockingQueue<>(4);",
            "  private long windowStart;",
            "  public synchronized void record(String endpoint, long latencyNanos) {",
            "    long now = System.nanoTime();",
            "    if (now - windowStart > latencyNanos) {",
            "      long[] snapshot = {latencyNanos};",
            "      windowStart = now;",
            "      try {",
            "        snapshots.put(snapshot);",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    }",
            "  }",
            "  public synchronized long windowStart() { return windowStart; }",
            "}")
        .addOutputLines(
            "Aggregator.java",
            "import java.util.concurrent.ArrayBlockingQueue;",
            "import java.util.concurrent.BlockingQueue;",
            "class Aggregator {",
            "  private final BlockingQueue<long[]> snapshots = new ArrayBlockingQueue<>(4);",
            "  private long windowStart;",
            "  public synchronized void record(String endpoint, long latencyNanos) {",
            "    long now = System.nanoTime();",
            "    if (now - windowStart > latencyNanos) {",
            "      long[] snapshot = {latencyNanos};",
            "      windowStart = now;",
            "      if (!snapshots.offer(snapshot)) {",
            "        throw new IllegalStateException(\"snapshots is full\");",
            "      }",
            "    }",
            "  }",
            "  public synchronized long windowStart() { return windowStart; }",
            "}")
        .doTest();
  }

  /**
   * BlockingPutUnderLock.md, suggested fix 1: an unbraced if body and a lambda expression body get
   * blocks (through FixProbe, which flags every send: the lambda is deferred, so the real check
   * would not report it).
   */
  @Test
  void replacementBlockingPutUnderLockPageBlocksForUnbracedBodies() {
    refactor(FixProbe.class, FixChoosers.FIRST)
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Test {",
            "  interface Sink<T> { void accept(T t) throws InterruptedException; }",
            "  void send(BlockingQueue<String> q, String m, boolean urgent) throws InterruptedException {",
            "    if (urgent)",
            "      q.put(m);",
            "    Sink<String> sink = x -> q.put(x);",
            "  }",
            "}")
        .addOutputLines(
            "Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Test {",
            "  interface Sink<T> { void accept(T t) throws InterruptedException; }",
            "  void send(BlockingQueue<String> q, String m, boolean urgent) throws InterruptedException {",
            "    if (urgent) {",
            "      if (!q.offer(m)) {",
            "        throw new IllegalStateException(\"q is full\");",
            "      }",
            "    }",
            "    Sink<String> sink = x -> {",
            "      if (!q.offer(x)) {",
            "        throw new IllegalStateException(\"q is full\");",
            "      }",
            "    };",
            "  }",
            "}")
        .doTest();
  }

  /**
   * BlockingPutUnderLock.md, suggested fix 2: the send moves, unchanged, to right after the region.
   */
  @Test
  void replacementBlockingPutUnderLockPageSendAfterReleasing() {
    refactor(BlockingPutUnderLock.class, FixChoosers.SECOND)
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Test {",
            "  private final Object lock = new Object();",
            "  private int sent;",
            "  void send(BlockingQueue<String> q, String m) throws InterruptedException {",
            "    synchronized (lock) {",
            "      sent++;",
            "      q.put(m);",
            "    }",
            "  }",
            "  int sent() { synchronized (lock) { return sent; } }",
            "}")
        .addOutputLines(
            "Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Test {",
            "  private final Object lock = new Object();",
            "  private int sent;",
            "  void send(BlockingQueue<String> q, String m) throws InterruptedException {",
            "    synchronized (lock) {",
            "      sent++;",
            "    }",
            "    q.put(m);",
            "  }",
            "  int sent() { synchronized (lock) { return sent; } }",
            "}")
        .doTest();
  }

  /**
   * BlockingPutUnderLock.md, suggested fix 3: a timed offer, TimeUnit imported;
   * InterruptedException still thrown.
   */
  @Test
  void replacementBlockingPutUnderLockPageTimedOffer() {
    refactor(BlockingPutUnderLock.class, FixChoosers.THIRD)
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Test {",
            "  private final Object lock = new Object();",
            "  private int sent;",
            "  void send(BlockingQueue<String> q, String m) throws InterruptedException {",
            "    synchronized (lock) {",
            "      sent++;",
            "      q.put(m);",
            "    }",
            "  }",
            "  int sent() { synchronized (lock) { return sent; } }",
            "}")
        .addOutputLines(
            "Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "import java.util.concurrent.TimeUnit;",
            "class Test {",
            "  private final Object lock = new Object();",
            "  private int sent;",
            "  void send(BlockingQueue<String> q, String m) throws InterruptedException {",
            "    synchronized (lock) {",
            "      sent++;",
            "      if (!q.offer(m, 100, TimeUnit.MILLISECONDS)) {",
            "        throw new IllegalStateException(\"q is still full after 100 ms\");",
            "      }",
            "    }",
            "  }",
            "  int sent() { synchronized (lock) { return sent; } }",
            "}")
        .doTest();
  }

  /**
   * BlockingPutUnderLock.md, Other ways code holds a lock: the sample message of a helper-taken
   * lock.
   */
  @Test
  void identificationBlockingPutUnderLockPageOtherWaysHelperMessage() {
    check(BlockingPutUnderLock.class)
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Test {",
            "  private final Lock stateLock = new ReentrantLock();",
            "  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);",
            "  private void acquireState() {",
            "    stateLock.lock();",
            "  }",
            "  private void releaseState() {",
            "    stateLock.unlock();",
            "  }",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "  void send(String x) throws InterruptedException {",
            "    acquireState();",
            "    try {",
            "      // BUG: Diagnostic matches: MSG",
            "      queue.put(x);",
            "    } finally {",
            "      releaseState();",
            "    }",
            "  }",
            "}")
        .expectErrorMessage(
            "MSG",
            message ->
                message.contains(
                    "`queue.put(x)` can block while `stateLock` (taken in `acquireState()`, line"
                        + " 21) is held; a full queue then stalls every thread that needs that"
                        + " lock"))
        .doTest();
  }

  /**
   * ReleaseOrderedByTimeout.md, The problem: the latch example, reported on the release with the
   * documented message.
   */
  @Test
  void identificationReleaseOrderedByTimeoutPageProblem() {
    check(ReleaseOrderedByTimeout.class)
        .addSourceLines("demo/Resource.java", "package demo;", "public final class Resource {}")
        .addSourceLines(
            "demo/Pool.java",
            "package demo;",
            "import java.time.Duration;",
            "public class Pool {",
            "  public Resource acquire(Duration timeout) throws InterruptedException { return new Resource(); }",
            "  public void release(Resource r) {}",
            "}")
        .addSourceLines(
            "demo/Caller.java",
            "package demo; import java.time.Duration; import java.util.concurrent.*; class Caller { Pool pool = new Pool(); void doWork(Resource r) {} void run() throws InterruptedException {",
            "Resource[] holder = new Resource[1];",
            "CountDownLatch done = new CountDownLatch(1);",
            "new Thread(() -> {",
            "  try { holder[0] = pool.acquire(Duration.ofMillis(200)); doWork(holder[0]); }",
            "  catch (InterruptedException e) { Thread.currentThread().interrupt(); }",
            "  finally { done.countDown(); }",
            "}).start();",
            "done.await(300, TimeUnit.MILLISECONDS);           // only a timeout orders what follows",
            "// BUG: Diagnostic contains: `pool.release(holder[0])` is ordered after the task's `pool.acquire(...)` (line 5) only by the timeout of `done.await(300, MILLISECONDS)` (line 9); if the wait times out first, this release runs before the acquire and the acquired resource leaks.",
            "if (holder[0] != null) pool.release(holder[0]);   // may run before the acquire: then the acquire leaks",
            "} }")
        .doTest();
  }

  /**
   * ReleaseOrderedByTimeout.md, The problem: the abandoned hand-off (SocketOpener), reported on the
   * timed join with the documented message.
   */
  @Test
  void identificationReleaseOrderedByTimeoutPageAbandonedHandOff() {
    check(ReleaseOrderedByTimeout.class)
        .addSourceLines(
            "demo/SocketOpener.java",
            "package demo;",
            "import java.io.IOException;",
            "import java.net.Socket;",
            "final class SocketOpener implements Runnable {",
            "  private final String host;",
            "  private final int port;",
            "  private volatile Socket socket;",
            "  SocketOpener(String host, int port) {",
            "    this.host = host;",
            "    this.port = port;",
            "  }",
            "  Socket getSocket() {",
            "    return socket;",
            "  }",
            "  @Override",
            "  public void run() {",
            "    try {",
            "      socket = new Socket(host, port);",
            "    } catch (IOException e) {",
            "      // the caller sees null",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "demo/Client.java",
            "package demo;",
            "import java.net.Socket;",
            "class Client {",
            "  Socket connect(String host, int port, long openTimeoutMillis) throws InterruptedException {",
            "    SocketOpener opener = new SocketOpener(host, port);   // run() { socket = new Socket(host, port); }",
            "    Thread t = new Thread(opener);",
            "    t.start();",
            "    // BUG: Diagnostic contains: if `t.join(openTimeoutMillis)` times out, a `Socket` that the task opens afterwards (SocketOpener.java:18) is never closed: the task publishes it after the caller has given up.",
            "    t.join(openTimeoutMillis);     // on timeout the caller gives up...",
            "    return opener.getSocket();     // ...and the Socket the task opens afterwards is never closed",
            "  }",
            "}")
        .doTest();
  }

  /** ReleaseOrderedByTimeout.md, How to fix: rewrites (a), (b) and (c), none reported. */
  @Test
  void identificationReleaseOrderedByTimeoutPageRewrites() {
    check(ReleaseOrderedByTimeout.class)
        .addSourceLines("demo/Resource.java", "package demo;", "public final class Resource {}")
        .addSourceLines(
            "demo/Pool.java",
            "package demo;",
            "import java.time.Duration;",
            "public class Pool {",
            "  public Resource acquire(Duration timeout) throws InterruptedException { return new Resource(); }",
            "  public void release(Resource r) {}",
            "}")
        .addSourceLines(
            "demo/Rewrites.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.atomic.AtomicReference;",
            "class Rewrites {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newCachedThreadPool();",
            "  String doWork(Resource r) { return \"done\"; }",
            "  void use(Resource r) {}",
            "  static Resource acquireUnchecked(Pool pool) {",
            "    try {",
            "      return pool.acquire(Duration.ofMillis(200));",
            "    } catch (InterruptedException e) {",
            "      throw new CompletionException(e);",
            "    }",
            "  }",
            "",
            "  String a() throws Exception {",
            "    Future<String> job = executor.submit(() -> {",
            "      Resource r = pool.acquire(Duration.ofMillis(200));",
            "      try {",
            "        return doWork(r);",
            "      } finally {",
            "        pool.release(r);",
            "      }",
            "    });",
            "    try {",
            "      return job.get(300, TimeUnit.MILLISECONDS);",
            "    } catch (TimeoutException e) {",
            "      job.cancel(true);          // the task's finally still releases, whenever it gets there",
            "      throw e;",
            "    }",
            "  }",
            "",
            "  void b() throws InterruptedException {",
            "    AtomicReference<Resource> holder = new AtomicReference<>();",
            "    CountDownLatch acquired = new CountDownLatch(1);",
            "    CountDownLatch exit = new CountDownLatch(1);",
            "    executor.execute(() -> {",
            "      Resource r;",
            "      try {",
            "        r = pool.acquire(Duration.ofMillis(200));",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "        return;",
            "      }",
            "      try {",
            "        holder.set(r);",
            "        acquired.countDown();",
            "        exit.await();                      // the caller's \"I am done\", whenever it comes",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      } finally {",
            "        pool.release(r);                   // always after the acquire: same thread",
            "      }",
            "    });",
            "    try {",
            "      if (acquired.await(300, TimeUnit.MILLISECONDS)) {",
            "        use(holder.get());",
            "      }",
            "    } finally {",
            "      exit.countDown();                    // instead of pool.release(...)",
            "    }",
            "  }",
            "",
            "  void c() throws Exception {",
            "    CompletableFuture<Resource> acquired =",
            "        CompletableFuture.supplyAsync(() -> acquireUnchecked(pool), executor);",
            "    CompletableFuture<Void> worked = acquired",
            "        .thenAccept(this::doWork)",
            "        .whenComplete((ignored, failure) -> {",
            "          Resource r = acquired.getNow(null);",
            "          if (r != null) {",
            "            pool.release(r);                 // runs once the acquire and the work are done",
            "          }",
            "        });",
            "    try {",
            "      worked.get(300, TimeUnit.MILLISECONDS);",
            "    } catch (TimeoutException e) {",
            "      // Give up waiting; the release is still chained to the acquire.",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * README.md, What it catches: the broadcast under roomsLock reaching a bounded writer queue
   * through an interface, reported on user.sendMsg(msg); the snapshot version beside it is not.
   */
  @Test
  void identificationReadmeBlockingPutUnderLock() {
    check(BlockingPutUnderLock.class)
        .addSourceLines(
            "demo/User.java",
            "package demo;",
            "public interface User {",
            "  void sendMsg(String msg);",
            "}")
        .addSourceLines(
            "demo/UserDevice.java",
            "package demo;",
            "import java.util.concurrent.ArrayBlockingQueue;",
            "import java.util.concurrent.BlockingQueue;",
            "final class UserDevice implements User {",
            "  private final BlockingQueue<String> writer = new ArrayBlockingQueue<>(10);",
            "  @Override",
            "  public void sendMsg(String msg) {",
            "    try {",
            "      // BUG: Diagnostic contains: can block while a caller holds `roomsLock.readLock()`",
            "      writer.put(msg);",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "  static User create() { return new UserDevice(); }",
            "}")
        .addSourceLines(
            "demo/Gateway.java",
            "package demo;",
            "import java.util.*;",
            "import java.util.concurrent.locks.*;",
            "class Gateway {",
            "  interface Room { Collection<User> members(); List<User> snapshot(); }",
            "  private final ReadWriteLock roomsLock = new ReentrantReadWriteLock();",
            "  private final Map<String, Room> rooms = new HashMap<>();",
            "  void before(String roomId, String msg) {",
            "roomsLock.readLock().lock();",
            "try {",
            "  for (User user : rooms.get(roomId).members()) {",
            "    // BUG: Diagnostic contains: `user.sendMsg(msg)` can block while `roomsLock.readLock()` (taken at line 9) is held: UserDevice.sendMsg",
            "    user.sendMsg(msg);   // one slow client fills its queue: the gateway stops for everyone",
            "  }",
            "} finally {",
            "  roomsLock.readLock().unlock();",
            "}",
            "  }",
            "  void after(String roomId, String msg) {",
            "List<User> recipients;",
            "roomsLock.readLock().lock();",
            "try {",
            "  recipients = rooms.get(roomId).snapshot();",
            "} finally {",
            "  roomsLock.readLock().unlock();",
            "}",
            "for (User user : recipients) {",
            "  user.sendMsg(msg);",
            "}",
            "  }",
            "}")
        .doTest();
  }

  /**
   * README.md, What it catches: the release after done.await(300 ms) is reported; the task that
   * owns its connection is not.
   */
  @Test
  void identificationReadmeReleaseOrderedByTimeout() {
    check(ReleaseOrderedByTimeout.class)
        .addSourceLines(
            "demo/PoolExhaustedException.java",
            "package demo;",
            "public class PoolExhaustedException extends Exception {}")
        .addSourceLines(
            "demo/PooledConnection.java",
            "package demo;",
            "public final class PooledConnection {",
            "  public String execute(String sql) { return sql; }",
            "}")
        .addSourceLines(
            "demo/ConnectionPool.java",
            "package demo;",
            "import java.time.Duration;",
            "public class ConnectionPool {",
            "  public PooledConnection acquire(Duration timeout) throws InterruptedException, PoolExhaustedException {",
            "    return new PooledConnection();",
            "  }",
            "  public void release(PooledConnection c) {}",
            "}")
        .addSourceLines(
            "demo/Handler.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.concurrent.*;",
            "class Handler {",
            "  final ConnectionPool pool = new ConnectionPool();",
            "  final ExecutorService executor = Executors.newCachedThreadPool();",
            "  String before(String sql) throws InterruptedException {",
            "    PooledConnection[] holder = new PooledConnection[1];",
            "    String[] result = new String[1];",
            "    CountDownLatch done = new CountDownLatch(1);",
            "executor.execute(() -> {",
            "  try { holder[0] = pool.acquire(Duration.ofMillis(200)); result[0] = holder[0].execute(sql); }",
            "  catch (InterruptedException | PoolExhaustedException e) { /* ... */ }",
            "  finally { done.countDown(); }",
            "});",
            "done.await(300, TimeUnit.MILLISECONDS);        // \"200 ms < 300 ms, so the acquire is done\"",
            "// BUG: Diagnostic contains: `pool.release(holder[0])` is ordered after the task's `pool.acquire(...)` (line 12)",
            "if (holder[0] != null) pool.release(holder[0]); // may run before the acquire",
            "    return result[0];",
            "  }",
            "  String after(String sql) throws Exception {",
            "Future<String> report = executor.submit(() -> {",
            "  PooledConnection connection = pool.acquire(Duration.ofMillis(200));",
            "  try { return connection.execute(sql); } finally { pool.release(connection); }",
            "});",
            "try {",
            "  return report.get(300, TimeUnit.MILLISECONDS);",
            "} catch (TimeoutException e) {",
            "  report.cancel(true);",
            "  return null;",
            "}",
            "  }",
            "}")
        .doTest();
  }

  /**
   * BlockingPutUnderLock.md, "The consumer must need the held lock": a flush that only hurries the
   * writer thread, whose loop drains with no other lock, called (as the writes are) under an index
   * lock: not reported.
   */
  @Test
  void identificationBlockingPutUnderLockPagePageWrites() {
    check(BlockingPutUnderLock.class)
        .addSourceLines(
            "PageWrites.java",
            "import java.util.TreeMap;",
            "class PageWrites {",
            "  private final TreeMap<Long, byte[]> writes = new TreeMap<>();",
            "  private final boolean async = true;",
            "  private volatile boolean stopped;",
            "  void start() { new Thread(this::pollWrites).start(); }",
            "  void writeBatch() { synchronized (writes) { writes.clear(); } }",
            "  void write(long page, byte[] data) throws InterruptedException {",
            "    synchronized (writes) {",
            "      if (async) { while (writes.size() >= 64) writes.wait(); }   // capacity wait",
            "      writes.put(page, data);",
            "    }",
            "  }",
            "  void flush() {                          // called under the index lock",
            "    synchronized (writes) {",
            "      if (async) { writes.notifyAll(); }  // only hurries the writer thread: makes no"
                + " room",
            "      else { writeBatch(); }              // drains itself, but only where nothing"
                + " waits",
            "    }",
            "  }",
            "  void pollWrites() {                     // the writer thread's loop: the drainer",
            "    while (!stopped) {",
            "      synchronized (writes) { writes.notifyAll(); }",
            "      writeBatch();                       // removes the written pages, takes no other"
                + " lock",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "Index.java",
            "class Index {",
            "  private final Object indexLock = new Object();",
            "  private final PageWrites pages = new PageWrites();",
            "  void update(long page, byte[] data) throws InterruptedException {",
            "    synchronized (indexLock) { pages.write(page, data); }",
            "  }",
            "  void checkpoint() {",
            "    synchronized (indexLock) { pages.flush(); }",
            "  }",
            "}")
        .doTest();
  }
}
