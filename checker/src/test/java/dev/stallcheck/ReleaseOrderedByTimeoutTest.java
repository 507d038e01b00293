package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class ReleaseOrderedByTimeoutTest {
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

  @Test
  void identificationIssueExampleLatch() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.concurrent.CountDownLatch;",
            "import java.util.concurrent.TimeUnit;",
            "class Caller {",
            "  Pool pool = new Pool();",
            "  void doWork(Resource r) {}",
            "  void run() throws InterruptedException {",
            "    Resource[] holder = new Resource[1];",
            "    CountDownLatch done = new CountDownLatch(1);",
            "    new Thread(() -> {",
            "      try { holder[0] = pool.acquire(Duration.ofMillis(200)); doWork(holder[0]); }",
            "      catch (InterruptedException e) { Thread.currentThread().interrupt(); }",
            "      finally { done.countDown(); }",
            "    }).start();",
            "    done.await(300, TimeUnit.MILLISECONDS);",
            "    // BUG: Diagnostic contains: `pool.release(holder[0])` is ordered after the task's"
                + " `pool.acquire(...)` (line 12) only by the timeout of `done.await(300, MILLISECONDS)`"
                + " (line 16); if the wait times out first, this release runs before the acquire and"
                + " the acquired resource leaks.",
            "    if (holder[0] != null) pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationFutureGetVariant() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  void run() throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Future<?> f = executor.submit(() -> {",
            "      holder[0] = pool.acquire(Duration.ofMillis(200));",
            "      return null;",
            "    });",
            "    try {",
            "      f.get(300, TimeUnit.MILLISECONDS);",
            "    } catch (TimeoutException e) {",
            "      f.cancel(true);",
            "    }",
            "    // BUG: Diagnostic contains: only by the timeout of `f.get(300, MILLISECONDS)`",
            "    if (holder[0] != null) pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationJoinVariant() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  void run() throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Thread t = new Thread(() -> {",
            "      try { holder[0] = pool.acquire(Duration.ofMillis(200)); } catch (InterruptedException e) {}",
            "    });",
            "    t.start();",
            "    t.join(300);",
            "    // BUG: Diagnostic contains: only by the timeout of `t.join(300)`",
            "    if (holder[0] != null) pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationReleaseInFinallyIsReachedOnTimeout() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  void run() throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Future<?> f = executor.submit(() -> { holder[0] = pool.acquire(Duration.ofMillis(200)); return null; });",
            "    try {",
            "      f.get(300, TimeUnit.MILLISECONDS);",
            "      doWork(holder[0]);",
            "    } finally {",
            "      // BUG: Diagnostic contains: ReleaseOrderedByTimeout",
            "      if (holder[0] != null) pool.release(holder[0]);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationReleaseInTimeoutCatch() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  void run() throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Future<?> f = executor.submit(() -> { holder[0] = pool.acquire(Duration.ofMillis(200)); return null; });",
            "    try {",
            "      f.get(300, TimeUnit.MILLISECONDS);",
            "    } catch (TimeoutException e) {",
            "      // BUG: Diagnostic contains: ReleaseOrderedByTimeout",
            "      if (holder[0] != null) pool.release(holder[0]);",
            "      throw e;",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationSemaphore() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Semaphore permits = new Semaphore(4);",
            "  void run() throws InterruptedException {",
            "    CountDownLatch started = new CountDownLatch(1);",
            "    new Thread(() -> {",
            "      try { permits.acquire(); } catch (InterruptedException e) { return; }",
            "      started.countDown();",
            "    }).start();",
            "    started.await(1, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: `permits.release()` is ordered after the task's `permits.acquire()` (line 11) only by the timeout of `started.await(1, SECONDS)` (line 14); if the wait times out first, this release runs before the acquire, and while the task then runs the semaphore lets in one holder more than its permits.",
            "    permits.release();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationReentrantLockMentionsIllegalMonitorState() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final ReentrantLock lock = new ReentrantLock();",
            "  void run() throws InterruptedException {",
            "    Thread t = new Thread(() -> lock.lock());",
            "    t.start();",
            "    t.join(100);",
            "    // BUG: Diagnostic contains: the acquired lock is never unlocked; a cross-thread unlock of a ReentrantLock also throws IllegalMonitorStateException",
            "    lock.unlock();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationLockTypedAsLockInitialisedReentrant() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Lock lock = new ReentrantLock();",
            "  void run() throws InterruptedException {",
            "    CountDownLatch locked = new CountDownLatch(1);",
            "    new Thread(() -> { lock.lock(); locked.countDown(); }).start();",
            "    locked.await(50, TimeUnit.MILLISECONDS);",
            "    // BUG: Diagnostic contains: IllegalMonitorStateException",
            "    lock.unlock();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationTaskAnonymousRunnableViaExecute() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  void run() throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    CountDownLatch done = new CountDownLatch(1);",
            "    executor.execute(new Runnable() {",
            "      @Override public void run() {",
            "        try { holder[0] = pool.acquire(Duration.ofMillis(5)); } catch (InterruptedException e) {}",
            "        done.countDown();",
            "      }",
            "    });",
            "    done.await(300, TimeUnit.MILLISECONDS);",
            "    // BUG: Diagnostic contains: ReleaseOrderedByTimeout",
            "    pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationTaskAnonymousCallable() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  void run() throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Future<Void> f = executor.submit(new Callable<Void>() {",
            "      @Override public Void call() throws Exception {",
            "        holder[0] = pool.acquire(Duration.ofMillis(5));",
            "        return null;",
            "      }",
            "    });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    // BUG: Diagnostic contains: ReleaseOrderedByTimeout",
            "    pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationTaskLocalClass() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  void run() throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    class Acquirer implements Runnable {",
            "      @Override public void run() {",
            "        try { holder[0] = pool.acquire(Duration.ofMillis(5)); } catch (InterruptedException e) {}",
            "      }",
            "    }",
            "    Thread t = new Thread(new Acquirer());",
            "    t.start();",
            "    t.join(300);",
            "    // BUG: Diagnostic contains: ReleaseOrderedByTimeout",
            "    pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationTaskMethodReferenceToBody() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  final Resource[] holder = new Resource[1];",
            "  private void grab() {",
            "    try { holder[0] = pool.acquire(Duration.ofMillis(5)); } catch (InterruptedException e) {}",
            "  }",
            "  void run() throws Exception {",
            "    Future<?> f = executor.submit(this::grab);",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    // BUG: Diagnostic contains: ReleaseOrderedByTimeout",
            "    pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationTaskRunnableVariable() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  void run() throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Runnable task = () -> {",
            "      try { holder[0] = pool.acquire(Duration.ofMillis(5)); } catch (InterruptedException e) {}",
            "    };",
            "    executor.execute(task);",
            "    Thread.sleep(300);",
            "    // BUG: Diagnostic contains: only by the timeout of `Thread.sleep(300)`",
            "    pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationTaskSchedule() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  void run(ScheduledExecutorService scheduler) throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    ScheduledFuture<?> f = scheduler.schedule(() -> {",
            "      try { holder[0] = pool.acquire(Duration.ofMillis(5)); } catch (InterruptedException e) {}",
            "    }, 10, TimeUnit.MILLISECONDS);",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    // BUG: Diagnostic contains: ReleaseOrderedByTimeout",
            "    pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationTaskRunAsyncWithCompletableFutureGet() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  void run() throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    CompletableFuture<Void> cf = CompletableFuture.runAsync(() -> {",
            "      try { holder[0] = pool.acquire(Duration.ofMillis(5)); } catch (InterruptedException e) {}",
            "    }, executor);",
            "    try { cf.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    // BUG: Diagnostic contains: ReleaseOrderedByTimeout",
            "    pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationTaskSupplyAsyncOrTimeoutJoin() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  Resource acquireQuietly() {",
            "    try { return pool.acquire(Duration.ofMillis(5)); } catch (InterruptedException e) { return null; }",
            "  }",
            "  void run() {",
            "    Resource[] holder = new Resource[1];",
            "    try {",
            "      CompletableFuture.supplyAsync(() -> { holder[0] = pool2().borrowOne(); return holder[0]; })",
            "          .orTimeout(300, TimeUnit.MILLISECONDS).join();",
            "    } catch (CompletionException e) {",
            "      // BUG: Diagnostic contains: only by the timeout of `CompletableFuture.supplyAsync",
            "      pool2().returnOne(holder[0]);",
            "    }",
            "  }",
            "  final Lender lender = new Lender();",
            "  Lender pool2() { return lender; }",
            "  static final class Lender {",
            "    Resource borrowOne() { return new Resource(); }",
            "    void returnOne(Resource r) {}",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationTaskThreadBuilderAndJoinDuration() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  void run() throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Thread t = Thread.ofPlatform().start(() -> {",
            "      try { holder[0] = pool.acquire(Duration.ofMillis(5)); } catch (InterruptedException e) {}",
            "    });",
            "    t.join(Duration.ofMillis(300));",
            "    // BUG: Diagnostic contains: ReleaseOrderedByTimeout",
            "    pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationTaskVirtualThreadAndConditionAwait() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  final ReentrantLock lock = new ReentrantLock();",
            "  final Condition acquired = lock.newCondition();",
            "  void run() throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Thread.ofVirtual().start(() -> {",
            "      try { holder[0] = pool.acquire(Duration.ofMillis(5)); } catch (InterruptedException e) {}",
            "      lock.lock();",
            "      try { acquired.signalAll(); } finally { lock.unlock(); }",
            "    });",
            "    lock.lock();",
            "    try {",
            "      acquired.await(300, TimeUnit.MILLISECONDS);",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "    // BUG: Diagnostic contains: only by the timeout of `acquired.await(300, MILLISECONDS)`",
            "    pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationTaskInvokeAnyWithTimeout() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  void run() throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    try {",
            "      executor.invokeAny(List.of(() -> { holder[0] = pool.acquire(Duration.ofMillis(5)); return 1; }),",
            "          300, TimeUnit.MILLISECONDS);",
            "    } catch (TimeoutException e) {",
            "    }",
            "    // BUG: Diagnostic contains: ReleaseOrderedByTimeout",
            "    pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationWaitObjectWait() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  final Object monitor = new Object();",
            "  void run() throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    new Thread(() -> {",
            "      try { holder[0] = pool.acquire(Duration.ofMillis(5)); } catch (InterruptedException e) {}",
            "      synchronized (monitor) { monitor.notifyAll(); }",
            "    }).start();",
            "    synchronized (monitor) {",
            "      monitor.wait(300);",
            "    }",
            "    // BUG: Diagnostic contains: only by the timeout of `monitor.wait(300)`",
            "    pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationWaitPoll() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  void run() throws Exception {",
            "    BlockingQueue<Resource> handOff = new ArrayBlockingQueue<>(1);",
            "    Resource[] holder = new Resource[1];",
            "    executor.execute(() -> {",
            "      try { holder[0] = pool.acquire(Duration.ofMillis(5)); handOff.put(holder[0]); } catch (InterruptedException e) {}",
            "    });",
            "    handOff.poll(300, TimeUnit.MILLISECONDS);",
            "    // BUG: Diagnostic contains: ReleaseOrderedByTimeout",
            "    pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationWaitAwaitTermination() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  void run() throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    executor.execute(() -> {",
            "      try { holder[0] = pool.acquire(Duration.ofMillis(5)); } catch (InterruptedException e) {}",
            "    });",
            "    executor.shutdown();",
            "    executor.awaitTermination(1, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: ReleaseOrderedByTimeout",
            "    pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationWaitCompleteOnTimeout() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  void run() {",
            "    Resource[] holder = new Resource[1];",
            "    CompletableFuture<Resource> cf = CompletableFuture.supplyAsync(() -> {",
            "      try { holder[0] = pool.acquire(Duration.ofMillis(5)); } catch (InterruptedException e) {}",
            "      return holder[0];",
            "    });",
            "    cf.completeOnTimeout(null, 300, TimeUnit.MILLISECONDS).join();",
            "    // BUG: Diagnostic contains: ReleaseOrderedByTimeout",
            "    pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationBooleanLocalFromWaitNotCheckedOnAllPaths() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  void run() throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    CountDownLatch done = new CountDownLatch(1);",
            "    executor.execute(() -> {",
            "      try { holder[0] = pool.acquire(Duration.ofMillis(5)); } catch (InterruptedException e) {}",
            "      done.countDown();",
            "    });",
            "    boolean finished = done.await(300, TimeUnit.MILLISECONDS);",
            "    if (!finished) {",
            "      System.err.println(\"slow\");",
            "    }",
            "    // BUG: Diagnostic contains: ReleaseOrderedByTimeout",
            "    pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationCloseOfPublishedHolder() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  void run(String host) throws Exception {",
            "    java.net.Socket[] socket = new java.net.Socket[1];",
            "    Thread t = new Thread(() -> {",
            "      try { socket[0] = new java.net.Socket(host, 80); } catch (java.io.IOException e) {}",
            "    });",
            "    t.start();",
            "    t.join(500);",
            "    // BUG: Diagnostic contains: `socket[0].close()` is ordered after the task's `new Socket(...)`",
            "    if (socket[0] != null) socket[0].close();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void negativeAcquireAndReleaseBothInsideTask() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  void run() throws Exception {",
            "    CountDownLatch done = new CountDownLatch(1);",
            "    executor.execute(() -> {",
            "      try {",
            "        Resource r = pool.acquire(Duration.ofMillis(200));",
            "        try { doWork(r); } finally { pool.release(r); }",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      } finally {",
            "        done.countDown();",
            "      }",
            "    });",
            "    done.await(300, TimeUnit.MILLISECONDS);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void negativeUntimedWaitsBeforeRelease() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  void latch() throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    CountDownLatch done = new CountDownLatch(1);",
            "    executor.execute(() -> {",
            "      try { holder[0] = pool.acquire(Duration.ofMillis(5)); } catch (InterruptedException e) {}",
            "      done.countDown();",
            "    });",
            "    done.await();",
            "    pool.release(holder[0]);",
            "  }",
            "  void future() throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Future<?> f = executor.submit(() -> { holder[0] = pool.acquire(Duration.ofMillis(5)); return null; });",
            "    f.get();",
            "    pool.release(holder[0]);",
            "  }",
            "  void thread() throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Thread t = new Thread(() -> {",
            "      try { holder[0] = pool.acquire(Duration.ofMillis(5)); } catch (InterruptedException e) {}",
            "    });",
            "    t.start();",
            "    t.join();",
            "    pool.release(holder[0]);",
            "  }",
            "  void timedThenUntimed() throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Thread t = new Thread(() -> {",
            "      try { holder[0] = pool.acquire(Duration.ofMillis(5)); } catch (InterruptedException e) {}",
            "    });",
            "    t.start();",
            "    t.join(300);",
            "    if (t.isAlive()) {",
            "      t.interrupt();",
            "      t.join();",
            "    }",
            "    pool.release(holder[0]);",
            "  }",
            "  void joinZeroIsForever() throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Thread t = new Thread(() -> {",
            "      try { holder[0] = pool.acquire(Duration.ofMillis(5)); } catch (InterruptedException e) {}",
            "    });",
            "    t.start();",
            "    t.join(0);",
            "    pool.release(holder[0]);",
            "  }",
            "  void invokeAllWaitsForAll() throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    executor.invokeAll(List.of(() -> { holder[0] = pool.acquire(Duration.ofMillis(5)); return 1; }));",
            "    pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void negativeStandardFixTaskRegistersCleanup() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  void run() throws Exception {",
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
            "        acquired.countDown();",
            "        exit.await();",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      } finally {",
            "        pool.release(r);",
            "      }",
            "    });",
            "    acquired.await(300, TimeUnit.MILLISECONDS);",
            "    exit.countDown();",
            "  }",
            "}")
        .doTest();
  }

  /**
   * The caller's own acquire is no task acquire, so no release races with it; but the caller hands
   * it to the task and releases it while the timed-out task may still use it, which is reported as
   * that (ReleaseOrderedByTimeoutHandedOverTest).
   */
  @Test
  void identificationCallerAcquiredBeforeSubmittingIsHandedOver() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  void run() throws Exception {",
            "    Resource r = pool.acquire(Duration.ofMillis(200));",
            "    CountDownLatch done = new CountDownLatch(1);",
            "    executor.execute(() -> { doWork(r); done.countDown(); });",
            "    done.await(300, TimeUnit.MILLISECONDS);",
            "    // BUG: Diagnostic contains: `pool.release(r)` gives back what `pool.acquire(...)`"
                + " (line 12) took while the task started by `executor.execute(...)` (line 14) may"
                + " still use it",
            "    pool.release(r);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void negativeCancelAndTaskReleasesInItsFinally() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  void run() throws Exception {",
            "    Future<?> f = executor.submit(() -> {",
            "      Resource r = pool.acquire(Duration.ofMillis(200));",
            "      try { doWork(r); } finally { pool.release(r); }",
            "      return null;",
            "    });",
            "    try {",
            "      f.get(300, TimeUnit.MILLISECONDS);",
            "    } catch (TimeoutException e) {",
            "      f.cancel(true);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void negativeReleaseGuardedByWaitResult() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Semaphore permits = new Semaphore(4);",
            "  void run(ExecutorService executor) throws Exception {",
            "    CountDownLatch done = new CountDownLatch(1);",
            "    executor.execute(() -> {",
            "      try { permits.acquire(); } catch (InterruptedException e) { return; }",
            "      done.countDown();",
            "    });",
            "    if (done.await(300, TimeUnit.MILLISECONDS)) {",
            "      permits.release();",
            "    }",
            "  }",
            "  void earlyExit(ExecutorService executor) throws Exception {",
            "    CountDownLatch done = new CountDownLatch(1);",
            "    executor.execute(() -> {",
            "      try { permits.acquire(); } catch (InterruptedException e) { return; }",
            "      done.countDown();",
            "    });",
            "    boolean ok = done.await(300, TimeUnit.MILLISECONDS);",
            "    if (!ok) {",
            "      throw new IllegalStateException(\"still acquiring\");",
            "    }",
            "    permits.release();",
            "  }",
            "  void retryUntilDone(ExecutorService executor) throws Exception {",
            "    CountDownLatch done = new CountDownLatch(1);",
            "    executor.execute(() -> {",
            "      try { permits.acquire(); } catch (InterruptedException e) { return; }",
            "      done.countDown();",
            "    });",
            "    while (!done.await(100, TimeUnit.MILLISECONDS)) {",
            "      System.err.println(\"waiting\");",
            "    }",
            "    permits.release();",
            "  }",
            "  void getReturnedNormally(ExecutorService executor) throws Exception {",
            "    Future<?> f = executor.submit(() -> { permits.acquire(); return null; });",
            "    try {",
            "      f.get(300, TimeUnit.MILLISECONDS);",
            "    } catch (TimeoutException e) {",
            "      return;",
            "    }",
            "    permits.release();",
            "  }",
            "  void threadSeenTerminated() throws Exception {",
            "    Thread t = new Thread(() -> {",
            "      try { permits.acquire(); } catch (InterruptedException e) {}",
            "    });",
            "    t.start();",
            "    t.join(300);",
            "    if (!t.isAlive()) {",
            "      permits.release();",
            "    }",
            "  }",
            "  void pollChecked(ExecutorService executor) throws Exception {",
            "    BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "    executor.execute(() -> {",
            "      try { permits.acquire(); q.put(\"ok\"); } catch (InterruptedException e) {}",
            "    });",
            "    String signal = q.poll(300, TimeUnit.MILLISECONDS);",
            "    if (signal != null) {",
            "      permits.release();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void negativeUnrelatedWaitOrNoAcquireInTask() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Semaphore permits = new Semaphore(4);",
            "  void unrelatedLatch(ExecutorService executor, CountDownLatch other) throws Exception {",
            "    CountDownLatch done = new CountDownLatch(1);",
            "    executor.execute(() -> {",
            "      try { permits.acquire(); } catch (InterruptedException e) { return; }",
            "      done.countDown();",
            "    });",
            "    done.await();",
            "    other.await(10, TimeUnit.MILLISECONDS);",
            "    permits.release();",
            "  }",
            "  void taskDoesNotAcquire(ExecutorService executor) throws Exception {",
            "    CountDownLatch done = new CountDownLatch(1);",
            "    executor.execute(done::countDown);",
            "    done.await(10, TimeUnit.MILLISECONDS);",
            "    permits.release();",
            "  }",
            "  void waitBeforeSubmission(ExecutorService executor, CountDownLatch gate) throws Exception {",
            "    gate.await(10, TimeUnit.MILLISECONDS);",
            "    permits.release();",
            "    executor.execute(() -> {",
            "      try { permits.acquire(); gate.countDown(); } catch (InterruptedException e) {}",
            "    });",
            "  }",
            "  void otherSemaphore(ExecutorService executor, Semaphore other) throws Exception {",
            "    CountDownLatch done = new CountDownLatch(1);",
            "    executor.execute(() -> {",
            "      try { permits.acquire(); } catch (InterruptedException e) { return; }",
            "      done.countDown();",
            "    });",
            "    done.await(10, TimeUnit.MILLISECONDS);",
            "    other.release();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void negativeRewriteAAllInsideTask() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  boolean run() throws Exception {",
            "    Future<?> job = executor.submit(() -> {",
            "      Resource r = pool.acquire(Duration.ofMillis(200));",
            "      try {",
            "        doWork(r);",
            "      } finally {",
            "        pool.release(r);",
            "      }",
            "      return null;",
            "    });",
            "    try {",
            "      job.get(300, TimeUnit.MILLISECONDS);",
            "      return true;",
            "    } catch (TimeoutException e) {",
            "      job.cancel(true);",
            "      return false;",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void negativeRewriteCWhenComplete() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  Resource acquireUnchecked() {",
            "    try { return pool.acquire(Duration.ofMillis(200)); } catch (InterruptedException e) { throw new CompletionException(e); }",
            "  }",
            "  boolean run() throws Exception {",
            "    CompletableFuture<Resource> acquired = CompletableFuture.supplyAsync(() -> acquireUnchecked(), executor);",
            "    CompletableFuture<Void> worked = acquired.thenAccept(this::doWork)",
            "        .whenComplete((ignored, failure) -> {",
            "          Resource r = acquired.getNow(null);",
            "          if (r != null) {",
            "            pool.release(r);",
            "          }",
            "        });",
            "    try {",
            "      worked.get(300, TimeUnit.MILLISECONDS);",
            "      return true;",
            "    } catch (TimeoutException e) {",
            "      return false;",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationSuppressed() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
            "  void doWork(Resource r) {}",
            "",
            "  @SuppressWarnings(\"ReleaseOrderedByTimeout\")",
            "  void run() throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    Thread t = new Thread(() -> {",
            "      try { holder[0] = pool.acquire(Duration.ofMillis(5)); } catch (InterruptedException e) {}",
            "    });",
            "    t.start();",
            "    t.join(300);",
            "    pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void negativeNoCrashOnTaskWithoutBody() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "abstract class Caller implements Runnable {",
            "  final Semaphore permits = new Semaphore(1);",
            "  @Override public abstract void run();",
            "  void go(ExecutorService executor) throws Exception {",
            "    Future<?> f = executor.submit(this::run);",
            "    executor.execute(this);",
            "    Runnable unknown = pick();",
            "    executor.execute(unknown);",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) {}",
            "    permits.release();",
            "  }",
            "  abstract Runnable pick();",
            "}")
        .doTest();
  }

  @Test
  void negativeStandardFixAsDocumented() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.atomic.AtomicReference;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  void use(Resource r) {}",
            "  void run(ExecutorService executor) throws Exception {",
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
            "        exit.await();",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      } finally {",
            "        pool.release(r);",
            "      }",
            "    });",
            "    try {",
            "      if (acquired.await(300, TimeUnit.MILLISECONDS)) {",
            "        use(holder.get());",
            "      }",
            "    } finally {",
            "      exit.countDown();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Reduced from commons-pool's TestGenericObjectPool: the caller returns the object it borrowed
   * itself on its own thread, while a task borrows (and keeps) another one. That release is not the
   * task's resource, whatever the waits around it. A local read from the task's holder is.
   */
  @Test
  void identificationReleaseOfCallersOwnResource() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  void readFromHolder() throws InterruptedException {",
            "    Resource[] holder = new Resource[1];",
            "    Thread t = new Thread(() -> {",
            "      try { holder[0] = pool.acquire(Duration.ofMillis(100)); }",
            "      catch (InterruptedException e) { Thread.currentThread().interrupt(); }",
            "    });",
            "    t.start();",
            "    Thread.sleep(10);",
            "    Resource r = holder[0];",
            "    // BUG: Diagnostic contains: `pool.release(r)` is ordered after the task's",
            "    pool.release(r);",
            "  }",
            "  void borrowedHere() throws InterruptedException {",
            "    final Resource mine = pool.acquire(Duration.ofMillis(100));",
            "    Thread t = new Thread(() -> {",
            "      try { pool.acquire(Duration.ofMillis(100)); }",
            "      catch (InterruptedException e) { Thread.currentThread().interrupt(); }",
            "    });",
            "    t.start();",
            "    Thread.sleep(10);",
            "    pool.release(mine);",
            "    t.join();",
            "  }",
            "  void borrowedHereInTry() throws InterruptedException {",
            "    Resource mine = null;",
            "    Thread t = new Thread(() -> {",
            "      try { pool.acquire(Duration.ofMillis(100)); }",
            "      catch (InterruptedException e) { Thread.currentThread().interrupt(); }",
            "    });",
            "    try {",
            "      mine = pool.acquire(Duration.ofMillis(100));",
            "      t.start();",
            "      Thread.sleep(10);",
            "    } finally {",
            "      if (mine != null) pool.release(mine);",
            "    }",
            "  }",
            "  void passedIn(Resource given) throws InterruptedException {",
            "    Thread t = new Thread(() -> {",
            "      try { pool.acquire(Duration.ofMillis(100)); }",
            "      catch (InterruptedException e) { Thread.currentThread().interrupt(); }",
            "    });",
            "    t.start();",
            "    t.join(10);",
            "    pool.release(given);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationTaskInvokeAllWithTimeout() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "class Caller {",
            "  final Pool pool = new Pool();",
            "  void timed(ExecutorService executor) throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    executor.invokeAll(",
            "        List.of(() -> { holder[0] = pool.acquire(Duration.ofMillis(5)); return 1; }),",
            "        300, TimeUnit.MILLISECONDS);",
            "    // BUG: Diagnostic contains: only by the timeout of `executor.invokeAll(",
            "    pool.release(holder[0]);",
            "  }",
            "  void untimed(ExecutorService executor) throws Exception {",
            "    Resource[] holder = new Resource[1];",
            "    executor.invokeAll(",
            "        List.of(() -> { holder[0] = pool.acquire(Duration.ofMillis(5)); return 1; }));",
            "    pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * The acquire vocabulary of the issue, one method each: Semaphore and Lock forms, and the
   * acquire-named methods that return an AutoCloseable or whose class has a release method, each
   * released by its built-in counterpart ({@code release*}, {@code return*}, {@code giveBack},
   * {@code unlock}, {@code close}). The twins: a plain-object factory named {@code open*} and a
   * name that only contains an acquire word are no acquires.
   */
  @Test
  void identificationAcquireAndReleaseNames() {
    helper
        .addSourceLines(
            "demo/Lenders.java",
            "package demo;",
            "final class Lenders {",
            "  static final class Handle implements AutoCloseable {",
            "    @Override public void close() {}",
            "  }",
            "  static class Store {",
            "    Handle checkoutHandle() { return new Handle(); }",
            "    Handle openHandle() { return new Handle(); }",
            "    Resource leaseOne() { return new Resource(); }",
            "    Resource reserveOne() { return new Resource(); }",
            "    Resource peekCheckout() { return new Resource(); }",
            "    void returnHandle(Handle h) {}",
            "    void giveBack(Resource r) {}",
            "  }",
            "  static class Views {",
            "    Object openView() { return new Object(); }",
            "    void close() {}",
            "  }",
            "}")
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Caller {",
            "  final Lenders.Store store = new Lenders.Store();",
            "  final Lenders.Views views = new Lenders.Views();",
            "  final Semaphore permits = new Semaphore(1);",
            "  final Lock lock = new ReentrantLock();",
            "  void checkout() throws Exception {",
            "    Lenders.Handle[] h = new Lenders.Handle[1];",
            "    Thread t = new Thread(() -> h[0] = store.checkoutHandle());",
            "    t.start();",
            "    t.join(100);",
            "    // BUG: Diagnostic contains: the task's `store.checkoutHandle()` (line 11)",
            "    store.returnHandle(h[0]);",
            "  }",
            "  void open() throws Exception {",
            "    Lenders.Handle[] h = new Lenders.Handle[1];",
            "    Thread t = new Thread(() -> h[0] = store.openHandle());",
            "    t.start();",
            "    t.join(100);",
            "    // BUG: Diagnostic contains: the task's `store.openHandle()` (line 19)",
            "    if (h[0] != null) h[0].close();",
            "  }",
            "  void lease() throws Exception {",
            "    Resource[] r = new Resource[1];",
            "    Thread t = new Thread(() -> r[0] = store.leaseOne());",
            "    t.start();",
            "    t.join(100);",
            "    // BUG: Diagnostic contains: the task's `store.leaseOne()` (line 27)",
            "    store.giveBack(r[0]);",
            "  }",
            "  void reserve() throws Exception {",
            "    Resource[] r = new Resource[1];",
            "    Thread t = new Thread(() -> r[0] = store.reserveOne());",
            "    t.start();",
            "    t.join(100);",
            "    // BUG: Diagnostic contains: the task's `store.reserveOne()` (line 35)",
            "    store.giveBack(r[0]);",
            "  }",
            "  void tryAcquire() throws Exception {",
            "    Thread t = new Thread(() -> permits.tryAcquire());",
            "    t.start();",
            "    t.join(100);",
            "    // BUG: Diagnostic contains: the task's `permits.tryAcquire()` (line 42)",
            "    permits.release();",
            "  }",
            "  void lockInterruptibly() throws Exception {",
            "    Thread t = new Thread(() -> {",
            "      try { lock.lockInterruptibly(); } catch (InterruptedException e) {}",
            "    });",
            "    t.start();",
            "    t.join(100);",
            "    // BUG: Diagnostic contains: the task's `lock.lockInterruptibly()` (line 50)",
            "    lock.unlock();",
            "  }",
            "  void tryLock() throws Exception {",
            "    Thread t = new Thread(() -> lock.tryLock());",
            "    t.start();",
            "    t.join(100);",
            "    // BUG: Diagnostic contains: the task's `lock.tryLock()` (line 58)",
            "    lock.unlock();",
            "  }",
            "  void plainFactoryNamedOpen() throws Exception {",
            "    Object[] v = new Object[1];",
            "    Thread t = new Thread(() -> v[0] = views.openView());",
            "    t.start();",
            "    t.join(100);",
            "    views.close();",
            "  }",
            "  void acquireWordInsideTheName() throws Exception {",
            "    Resource[] r = new Resource[1];",
            "    Thread t = new Thread(() -> r[0] = store.peekCheckout());",
            "    t.start();",
            "    t.join(100);",
            "    store.giveBack(r[0]);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * {@code f.isDone()} on an executor's future says the task ran to its end: a release under it is
   * ordered, unless the method cancels a future (a cancelled one is done too) or the future is a
   * {@code CompletableFuture} (done when anyone completes it).
   */
  @Test
  void identificationReleaseUnderIsDone() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.util.concurrent.*;",
            "class Caller {",
            "  final Semaphore permits = new Semaphore(4);",
            "  String seenDone(ExecutorService executor) throws Exception {",
            "    Future<String> f = executor.submit(() -> { permits.acquire(); return \"x\"; });",
            "    try {",
            "      return f.get(300, TimeUnit.MILLISECONDS);",
            "    } finally {",
            "      if (f.isDone()) {",
            "        permits.release();",
            "      }",
            "    }",
            "  }",
            "  String cancelled(ExecutorService executor) throws Exception {",
            "    Future<String> f = executor.submit(() -> { permits.acquire(); return \"x\"; });",
            "    try {",
            "      return f.get(300, TimeUnit.MILLISECONDS);",
            "    } catch (TimeoutException e) {",
            "      f.cancel(true);",
            "      throw e;",
            "    } finally {",
            "      if (f.isDone()) {",
            "        // BUG: Diagnostic contains: only by the timeout of `f.get(300, MILLISECONDS)`",
            "        permits.release();",
            "      }",
            "    }",
            "  }",
            "  String completable(ExecutorService executor) throws Exception {",
            "    CompletableFuture<String> f =",
            "        CompletableFuture.supplyAsync(",
            "            () -> { permits.acquireUninterruptibly(); return \"x\"; }, executor);",
            "    try {",
            "      return f.get(300, TimeUnit.MILLISECONDS);",
            "    } finally {",
            "      if (f.isDone()) {",
            "        // BUG: Diagnostic contains: only by the timeout of `f.get(300, MILLISECONDS)`",
            "        permits.release();",
            "      }",
            "    }",
            "  }",
            "}")
        .doTest();
  }
}
