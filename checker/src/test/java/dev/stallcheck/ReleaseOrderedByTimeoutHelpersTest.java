package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** Acquires and releases found through helper calls of any depth in the same compilation. */
class ReleaseOrderedByTimeoutHelpersTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ReleaseOrderedByTimeout.class, getClass())
          .setArgs("-XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=true")
          .addSourceLines("demo/Resource.java", "package demo;", "public final class Resource {}")
          .addSourceLines(
              "demo/Pool.java",
              "package demo;",
              "import java.time.Duration;",
              "public class Pool {",
              "  public Resource acquire(Duration timeout) throws InterruptedException {",
              "    return new Resource();",
              "  }",
              "  public void release(Resource r) {}",
              "}");

  /**
   * A helper's acquire that is not handed back, in a task that also passes literals and calls to
   * other methods: arguments that name no variable (found on Guava and Java-WebSocket, where they
   * crashed the analysis).
   */
  @Test
  void identificationHelperAcquireBesideArgumentsThatNameNoVariable() {
    CompilationTestHelper.newInstance(ReleaseOrderedByTimeout.class, getClass())
        .setArgs("-XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=true")
        .addSourceLines(
            "Permits.java",
            "import java.util.concurrent.*;",
            "class Permits {",
            "  private final Semaphore permits = new Semaphore(1);",
            "  private void take() throws InterruptedException { permits.acquire(); }",
            "  private void log(String s, int n) {}",
            "  void run(ExecutorService ex) throws Exception {",
            "    Future<?> f = ex.submit(() -> { take(); log(\"taken\", 1 + 2); return null; });",
            "    try {",
            "      f.get(1, TimeUnit.SECONDS);",
            "    } catch (TimeoutException e) {",
            "      // fall through to the release",
            "    }",
            "    // BUG: Diagnostic contains: reached via Permits.take",
            "    permits.release();",
            "  }",
            "  void runOrdered(ExecutorService ex) throws Exception {",
            "    Future<?> f = ex.submit(() -> { take(); log(\"taken\", 1 + 2); return null; });",
            "    f.get();",
            "    permits.release();",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A wrapper that is an acquire itself ({@code take()} in a class with a release method) is the
   * task's acquire: found at the class's release method, not at a direct release of the semaphore
   * inside it (a known limit, see the docs page).
   */
  @Test
  void identificationWrapperAcquireReleasedByTheClassOnly() {
    CompilationTestHelper.newInstance(ReleaseOrderedByTimeout.class, getClass())
        .setArgs("-XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=true")
        .addSourceLines(
            "Permits.java",
            "import java.util.concurrent.*;",
            "class Permits {",
            "  private final Semaphore permits = new Semaphore(1);",
            "  void take() throws InterruptedException { permits.acquire(); }",
            "  void giveBack() { permits.release(); }",
            "  void viaTheClass(ExecutorService ex) throws Exception {",
            "    Future<?> f = ex.submit(() -> { take(); return null; });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    // BUG: Diagnostic contains: `giveBack()` is ordered after the task's `take()` (line 7)",
            "    giveBack();",
            "  }",
            "  void direct(ExecutorService ex) throws Exception {",
            "    Future<?> f = ex.submit(() -> { take(); return null; });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    permits.release();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationDepthTwoAndThree() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.concurrent.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final Resource[] holder = new Resource[1];",
            "  private void outer() throws InterruptedException { middle(); }",
            "  private void middle() throws InterruptedException { inner(); }",
            "  private void inner() throws InterruptedException {",
            "    holder[0] = pool.acquire(Duration.ofMillis(5));",
            "  }",
            "  void depthTwo(ExecutorService executor) throws Exception {",
            "    Future<?> f = executor.submit(() -> { middle(); return null; });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    // BUG: Diagnostic contains: is ordered after the task's `pool.acquire(...)` (line 10),"
                + " reached via Caller.middle → Caller.inner, only by the timeout of"
                + " `f.get(1, SECONDS)` (line 14)",
            "    pool.release(holder[0]);",
            "  }",
            "  void depthThree(ExecutorService executor) throws Exception {",
            "    Future<?> f = executor.submit(() -> { outer(); return null; });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    // BUG: Diagnostic contains: (line 10), reached via Caller.outer → Caller.middle"
                + " → Caller.inner, only by",
            "    pool.release(holder[0]);",
            "  }",
            "  void depthThreeOrdered(ExecutorService executor) throws Exception {",
            "    Future<?> f = executor.submit(() -> { outer(); return null; });",
            "    f.get();",
            "    pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationStaticHelperChainInAnotherFile() {
    helper
        .addSourceLines(
            "demo/Leases.java",
            "package demo;",
            "import java.time.Duration;",
            "final class Leases {",
            "  private Leases() {}",
            "  static Resource take(Pool p) throws InterruptedException {",
            "    return takeNow(p);",
            "  }",
            "  private static Resource takeNow(Pool p) throws InterruptedException {",
            "    return p.acquire(Duration.ofMillis(5));",
            "  }",
            "  static void useOnce(Pool p) throws InterruptedException {",
            "    Resource r = takeNow(p);",
            "    try { } finally { p.release(r); }",
            "  }",
            "}")
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.util.concurrent.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final Pool other = new Pool();",
            "  void returnedToTheTask(ExecutorService executor) throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Future<?> f = executor.submit(() -> { holder[0] = Leases.take(pool); return null; });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    // BUG: Diagnostic contains: the task's `p.acquire(...)` (Leases.java:9), reached via"
                + " Leases.take → Leases.takeNow, only by the timeout",
            "    pool.release(holder[0]);",
            "  }",
            "  void acquiredAndReleasedByTheHelper(ExecutorService executor) throws Exception {",
            "    Future<?> f = executor.submit(() -> { Leases.useOnce(pool); return null; });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    pool.release(new Resource());",
            "  }",
            "  void anotherPool(ExecutorService executor) throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Future<?> f = executor.submit(() -> { holder[0] = Leases.take(other); return null; });",
            "    // The release names another pool: not this task's acquire. Only the hand-off is reported.",
            "    // BUG: Diagnostic contains: a `Resource` that the task acquires afterwards (Leases.java:9),"
                + " reached via Leases.take → Leases.takeNow, is never released",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { return; }",
            "    pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationReleasedThroughHelpersIsRewriteA() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.concurrent.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  private Resource obtain() throws InterruptedException {",
            "    return pool.acquire(Duration.ofMillis(5));",
            "  }",
            "  private void giveBack(Resource r) { pool.release(r); }",
            "  private void closeQuietly(Resource r) { finish(r); }",
            "  private void finish(Resource r) { pool.release(r); }",
            "  void taskReleasesThroughHelpers(ExecutorService executor) throws Exception {",
            "    Future<?> f = executor.submit(() -> {",
            "      Resource r = obtain();",
            "      try { return r.hashCode(); } finally { giveBack(r); }",
            "    });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    pool.release(new Resource());",
            "  }",
            "  void taskReleasesTwoHelpersDown(ExecutorService executor) throws Exception {",
            "    Future<?> f = executor.submit(() -> { closeQuietly(obtain()); return null; });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    pool.release(new Resource());",
            "  }",
            "  void taskKeepsIt(ExecutorService executor) throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Future<?> f = executor.submit(() -> { holder[0] = obtain(); return null; });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    // BUG: Diagnostic contains: the task's `pool.acquire(...)` (line 7), reached via Caller.obtain,",
            "    pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationRecursion() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.concurrent.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  private Resource retry(int n) throws InterruptedException {",
            "    if (n == 0) {",
            "      return pool.acquire(Duration.ofMillis(5));",
            "    }",
            "    return again(n - 1);",
            "  }",
            "  private Resource again(int n) throws InterruptedException { return retry(n); }",
            "  private void balanced(int n) throws InterruptedException {",
            "    if (n > 0) { balanced(n - 1); return; }",
            "    Resource r = pool.acquire(Duration.ofMillis(5));",
            "    pool.release(r);",
            "  }",
            "  void recursiveAcquire(ExecutorService executor) throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Future<?> f = executor.submit(() -> { holder[0] = again(3); return null; });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    // BUG: Diagnostic contains: the task's `pool.acquire(...)` (line 8), reached via"
                + " Caller.again → Caller.retry,",
            "    pool.release(holder[0]);",
            "  }",
            "  void recursiveBalanced(ExecutorService executor) throws Exception {",
            "    Future<?> f = executor.submit(() -> { balanced(3); return null; });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    pool.release(new Resource());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationOverridableHelperWithOneImplementationOnly() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.concurrent.*;",
            "class Caller {",
            "  static final Pool POOL = new Pool();",
            "  interface Source { Resource obtain() throws InterruptedException; void reset(); }",
            "  static class OnlySource implements Source {",
            "    @Override public Resource obtain() throws InterruptedException {",
            "      return POOL.acquire(Duration.ofMillis(5));",
            "    }",
            "    @Override public void reset() {}",
            "  }",
            "  interface Shared { Resource obtain() throws InterruptedException; void reset(); }",
            "  static class Acquiring implements Shared {",
            "    @Override public Resource obtain() throws InterruptedException {",
            "      return POOL.acquire(Duration.ofMillis(5));",
            "    }",
            "    @Override public void reset() {}",
            "  }",
            "  static class Cached implements Shared {",
            "    @Override public Resource obtain() { return new Resource(); }",
            "    @Override public void reset() {}",
            "  }",
            "  interface Lambdaable { Resource obtain() throws InterruptedException; }",
            "  static class LambdaableClass implements Lambdaable {",
            "    @Override public Resource obtain() throws InterruptedException {",
            "      return POOL.acquire(Duration.ofMillis(5));",
            "    }",
            "  }",
            "  void oneImplementation(ExecutorService executor, Source source) throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Future<?> f = executor.submit(() -> { holder[0] = source.obtain(); return null; });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    // BUG: Diagnostic contains: (line 9), reached via OnlySource.obtain,",
            "    POOL.release(holder[0]);",
            "  }",
            "  void severalImplementations(ExecutorService executor, Shared source) throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Future<?> f = executor.submit(() -> { holder[0] = source.obtain(); return null; });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    POOL.release(holder[0]);",
            "  }",
            "  void functionalInterface(ExecutorService executor, Lambdaable source) throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Future<?> f = executor.submit(() -> { holder[0] = source.obtain(); return null; });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    POOL.release(holder[0]);",
            "  }",
            "  static final Object[] MADE = {",
            "    new OnlySource(), new Acquiring(), new Cached(), new LambdaableClass()",
            "  };",
            "}")
        .doTest();
  }

  /**
   * Calls resolve as in BlockingPutUnderLock: only classes the compilation creates run, so of two
   * implementations the one never created does not count, and a helper no created class runs is not
   * followed, when code outside the compilation can name its type ({@code Named}). A type it cannot
   * name ({@code Unmade}, nested in a package-private class) has only the compilation's classes, so
   * a call on it reaches them even when none is created here.
   */
  @Test
  void identificationHelperOfTheOnlyCreatedImplementation() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.concurrent.*;",
            "class Caller {",
            "  static final Pool POOL = new Pool();",
            "  interface Source { Resource obtain() throws InterruptedException; void reset(); }",
            "  static class Acquiring implements Source {",
            "    @Override public Resource obtain() throws InterruptedException {",
            "      return POOL.acquire(Duration.ofMillis(5));",
            "    }",
            "    @Override public void reset() {}",
            "  }",
            "  static class Cached implements Source {",
            "    @Override public Resource obtain() { return new Resource(); }",
            "    @Override public void reset() {}",
            "  }",
            "  interface Unmade { Resource obtain() throws InterruptedException; void reset(); }",
            "  static class NeverCreated implements Unmade {",
            "    @Override public Resource obtain() throws InterruptedException {",
            "      return POOL.acquire(Duration.ofMillis(5));",
            "    }",
            "    @Override public void reset() {}",
            "  }",
            "  private final Source source = new Acquiring();",
            "  void created(ExecutorService executor, Source any) throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Future<?> f = executor.submit(() -> { holder[0] = any.obtain(); return null; });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    // BUG: Diagnostic contains: reached via Acquiring.obtain",
            "    POOL.release(holder[0]);",
            "  }",
            "  void neverCreated(ExecutorService executor, Unmade unmade) throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Future<?> f = executor.submit(() -> { holder[0] = unmade.obtain(); return null; });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    // BUG: Diagnostic contains: reached via NeverCreated.obtain",
            "    POOL.release(holder[0]);",
            "  }",
            "  void neverCreatedNameable(ExecutorService executor, Named named) throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Future<?> f = executor.submit(() -> { holder[0] = named.obtain(); return null; });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    POOL.release(holder[0]);",
            "  }",
            "}")
        .addSourceLines(
            "demo/Named.java",
            "package demo;",
            "public interface Named { Resource obtain() throws InterruptedException; }")
        .addSourceLines(
            "demo/NamedNeverCreated.java",
            "package demo;",
            "import java.time.Duration;",
            "public class NamedNeverCreated implements Named {",
            "  @Override public Resource obtain() throws InterruptedException {",
            "    return Caller.POOL.acquire(Duration.ofMillis(5));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationHelperPublishesIntoHolderParameter() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.concurrent.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  static void fill(Resource[] out, Pool p) throws InterruptedException {",
            "    out[0] = p.acquire(Duration.ofMillis(5));",
            "  }",
            "  static void store(Resource[] out, Resource r) { out[0] = r; }",
            "  void filled(ExecutorService executor) throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    CountDownLatch done = new CountDownLatch(1);",
            "    executor.execute(() -> {",
            "      try { fill(holder, pool); } catch (InterruptedException e) { } finally { done.countDown(); }",
            "    });",
            "    // BUG: Diagnostic contains: if `done.await(1, SECONDS)` times out, a `Resource` that the"
                + " task acquires afterwards (line 7), reached via Caller.fill, is never released",
            "    if (done.await(1, TimeUnit.SECONDS)) {",
            "      pool.release(holder[0]);",
            "    }",
            "  }",
            "  void passedOnToAStoringHelper(ExecutorService executor) throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Thread t = new Thread(() -> {",
            "      try { store(holder, pool.acquire(Duration.ofMillis(5))); } catch (InterruptedException e) { }",
            "    });",
            "    t.start();",
            "    // BUG: Diagnostic contains: a `Resource` that the task acquires afterwards (line 24)",
            "    t.join(100);",
            "  }",
            "  void filledAndReleasedByTheTask(ExecutorService executor) throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Future<?> f = executor.submit(() -> {",
            "      fill(holder, pool);",
            "      pool.release(holder[0]);",
            "      return null;",
            "    });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    pool.release(new Resource());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationAbandonedHandOffThroughHelper() {
    helper
        .addSourceLines(
            "demo/SocketOpener.java",
            "package demo;",
            "import java.io.IOException;",
            "import java.net.Socket;",
            "class SocketOpener implements Runnable {",
            "  private final String host;",
            "  private volatile Socket socket;",
            "  SocketOpener(String host) { this.host = host; }",
            "  Socket getSocket() { return socket; }",
            "  @Override public void run() {",
            "    try { connect(); } catch (IOException e) { }",
            "  }",
            "  private void connect() throws IOException {",
            "    socket = new Socket(host, 80);",
            "  }",
            "}")
        .addSourceLines(
            "demo/CarefulOpener.java",
            "package demo;",
            "import java.io.IOException;",
            "import java.net.Socket;",
            "class CarefulOpener implements Runnable {",
            "  private final String host;",
            "  private Socket socket;",
            "  private boolean abandoned;",
            "  CarefulOpener(String host) { this.host = host; }",
            "  synchronized Socket take() { abandoned = true; return socket; }",
            "  @Override public void run() {",
            "    try { connect(); } catch (IOException e) { }",
            "  }",
            "  private void connect() throws IOException {",
            "    Socket s = new Socket(host, 80);",
            "    synchronized (this) {",
            "      if (abandoned) { s.close(); return; }",
            "      socket = s;",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "demo/Connector.java",
            "package demo;",
            "import java.net.Socket;",
            "final class Connector {",
            "  static Socket open(String host, long openTimeoutMillis) throws InterruptedException {",
            "    SocketOpener opener = new SocketOpener(host);",
            "    Thread t = new Thread(opener);",
            "    t.start();",
            "    // BUG: Diagnostic contains: if `t.join(openTimeoutMillis)` times out, a `Socket` that the"
                + " task opens afterwards (SocketOpener.java:13), reached via SocketOpener.run →"
                + " SocketOpener.connect, is never closed",
            "    t.join(openTimeoutMillis);",
            "    return opener.getSocket();",
            "  }",
            "  static Socket openCarefully(String host, long openTimeoutMillis) throws InterruptedException {",
            "    CarefulOpener opener = new CarefulOpener(host);",
            "    Thread t = new Thread(opener);",
            "    t.start();",
            "    t.join(openTimeoutMillis);",
            "    return opener.take();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationStandardFixRegisteredInHelper() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.concurrent.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  private void freeOnExit(Resource r, CountDownLatch exit) {",
            "    new Thread(() -> {",
            "      try { exit.await(); } catch (InterruptedException e) { } finally { pool.release(r); }",
            "    }).start();",
            "  }",
            "  private Resource obtainUntilExit(CountDownLatch exit) throws InterruptedException {",
            "    Resource r = pool.acquire(Duration.ofMillis(5));",
            "    freeOnExit(r, exit);",
            "    return r;",
            "  }",
            "  void registeredByTheTask(ExecutorService executor) throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    CountDownLatch acquired = new CountDownLatch(1);",
            "    CountDownLatch exit = new CountDownLatch(1);",
            "    executor.execute(() -> {",
            "      try { holder[0] = obtainUntilExit(exit); acquired.countDown(); }",
            "      catch (InterruptedException e) { }",
            "    });",
            "    try {",
            "      acquired.await(1, TimeUnit.SECONDS);",
            "    } finally {",
            "      exit.countDown();",
            "    }",
            "    pool.release(new Resource());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationSocketClosedByAHelperIsNotAbandoned() {
    helper
        .addSourceLines(
            "demo/Connector.java",
            "package demo;",
            "import java.io.IOException;",
            "import java.net.Socket;",
            "final class Connector {",
            "  static void closeQuietly(Socket s) {",
            "    try { s.close(); } catch (IOException e) { }",
            "  }",
            "  static void discard(Socket s) { closeQuietly(s); }",
            "  static void closeAll(Socket[] sockets) { for (Socket s : sockets) closeQuietly(s); }",
            "  static Socket[] probe(String host, long timeoutMillis) throws InterruptedException {",
            "    Socket[] holder = new Socket[1];",
            "    Thread t = new Thread(() -> {",
            "      try { Socket s = new Socket(host, 80); holder[0] = s; discard(s); } catch (IOException e) { }",
            "    });",
            "    t.start();",
            "    t.join(timeoutMillis);",
            "    return holder;",
            "  }",
            "  static Socket[] cleansUpInAHelper(String host, long timeoutMillis, java.util.concurrent.atomic.AtomicBoolean late)"
                + " throws InterruptedException {",
            "    Socket[] holder = new Socket[1];",
            "    Thread t = new Thread(() -> {",
            "      try { holder[0] = new Socket(host, 80); if (late.get()) closeAll(holder); } catch (IOException e) { }",
            "    });",
            "    t.start();",
            "    t.join(timeoutMillis);",
            "    return holder;",
            "  }",
            "  static Socket[] keep(String host, long timeoutMillis) throws InterruptedException {",
            "    Socket[] holder = new Socket[1];",
            "    Thread t = new Thread(() -> {",
            "      try { Socket s = new Socket(host, 80); holder[0] = s; } catch (IOException e) { }",
            "    });",
            "    t.start();",
            "    // BUG: Diagnostic contains: a `Socket` that the task opens afterwards (line 31) is never closed",
            "    t.join(timeoutMillis);",
            "    return holder;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationValueClosedByAHelperThroughItsParameter() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.util.concurrent.*;",
            "class Caller {",
            "  interface Conn extends AutoCloseable {}",
            "  interface Lender { Conn borrow(); void giveBack(Conn c); }",
            "  static void closeQuietly(AutoCloseable c) {",
            "    try { c.close(); } catch (Exception e) { }",
            "  }",
            "  static void done(Conn c) { closeQuietly(c); }",
            "  void closedByHelpers(ExecutorService executor, Lender lender) throws Exception {",
            "    Conn[] holder = new Conn[1];",
            "    Future<?> f = executor.submit(() -> {",
            "      Conn c = lender.borrow();",
            "      holder[0] = c;",
            "      try { return c.hashCode(); } finally { done(c); }",
            "    });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    lender.giveBack(holder[0]);",
            "  }",
            "  void notClosed(ExecutorService executor, Lender lender) throws Exception {",
            "    Conn[] holder = new Conn[1];",
            "    Future<?> f = executor.submit(() -> {",
            "      Conn c = lender.borrow();",
            "      holder[0] = c;",
            "      return c.hashCode();",
            "    });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    // BUG: Diagnostic contains: the task's `lender.borrow()` (line 23)",
            "    lender.giveBack(holder[0]);",
            "  }",
            "}")
        .doTest();
  }
}
