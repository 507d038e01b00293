package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Each timed wait of the JDK counts as a wait that may give up before the task acquires; its
 * untimed twin orders the release after the task and is silent.
 */
class ReleaseOrderedByTimeoutTimedWaitsTest {
  private final CompilationTestHelper helper = ReleaseCheckTests.withPool(getClass());

  /**
   * A task that acquires into {@code holder[0]} and then runs {@code signal}; the caller runs
   * {@code wait} and releases {@code holder[0]} (line 14 when {@code wait} is one line).
   */
  private static String[] caller(String field, String signal, String... wait) {
    String[] head = {
      "package demo;",
      "import java.util.concurrent.*;",
      "import java.util.concurrent.locks.*;",
      "class Caller {",
      "  final Pool pool = new Pool();",
      "  " + field,
      "  void run(ExecutorService executor) throws Exception {",
      "    Pool.Conn[] holder = new Pool.Conn[1];",
      "    executor.execute(() -> {",
      "      try { holder[0] = pool.acquire(); " + signal + " } catch (Exception e) { }",
      "    });",
    };
    return Lines.of(head, wait, new String[] {"    pool.release(holder[0]);", "  }", "}"});
  }

  private static String reported(String wait) {
    return "    // BUG: Diagnostic contains: only by the timeout of `" + wait + "`";
  }

  /** A task that counts a latch down once it has acquired; the caller sleeps, then {@code then}. */
  private static String[] sleeper(String... then) {
    return caller(
        "final CountDownLatch acquired = new CountDownLatch(1);",
        "acquired.countDown();",
        Lines.of(new String[] {"    TimeUnit.MILLISECONDS.sleep(300);"}, then));
  }

  /** {@code TimeUnit.sleep} is {@code Thread.sleep} in other units: it waits on nothing. */
  @Test
  void identificationTimeUnitSleep() {
    helper
        .addSourceLines("demo/Caller.java", sleeper(reported("TimeUnit.MILLISECONDS.sleep(300)")))
        .doTest();
  }

  /** Silent: after the sleep the caller waits for the task's signal without a timeout. */
  @Test
  void negativeTimeUnitSleepThenUntimedWait() {
    helper.addSourceLines("demo/Caller.java", sleeper("    acquired.await();")).doTest();
  }

  @Test
  void identificationExchangeWithTimeout() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            caller(
                "final Exchanger<Pool.Conn> exchanger = new Exchanger<>();",
                "exchanger.exchange(holder[0]);",
                "    try { exchanger.exchange(null, 300, TimeUnit.MILLISECONDS); }"
                    + " catch (TimeoutException e) { }",
                reported("exchanger.exchange(null, 300, MILLISECONDS)")))
        .doTest();
  }

  @Test
  void negativeExchangeWithoutTimeout() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            caller(
                "final Exchanger<Pool.Conn> exchanger = new Exchanger<>();",
                "exchanger.exchange(holder[0]);",
                "    exchanger.exchange(null);"))
        .doTest();
  }

  @Test
  void identificationPollWithTimeout() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            caller(
                "final BlockingQueue<String> done = new LinkedBlockingQueue<>();",
                "done.put(\"acquired\");",
                "    done.poll(300, TimeUnit.MILLISECONDS);",
                reported("done.poll(300, MILLISECONDS)")))
        .doTest();
  }

  @Test
  void negativeTake() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            caller(
                "final BlockingQueue<String> done = new LinkedBlockingQueue<>();",
                "done.put(\"acquired\");",
                "    done.take();"))
        .doTest();
  }

  private static String[] conditionWait(String await, String... reported) {
    return caller(
        "final Lock lock = new ReentrantLock(); final Condition acquired = lock.newCondition();",
        "lock.lock(); try { acquired.signalAll(); } finally { lock.unlock(); }",
        Lines.of(
            new String[] {
              "    lock.lock();", "    try { " + await + "; } finally { lock.unlock(); }"
            },
            reported));
  }

  @Test
  void identificationConditionAwaitWithTimeout() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            conditionWait(
                "acquired.await(300, TimeUnit.MILLISECONDS)",
                reported("acquired.await(300, MILLISECONDS)")))
        .doTest();
  }

  @Test
  void identificationConditionAwaitNanos() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            conditionWait(
                "acquired.awaitNanos(300_000_000L)", reported("acquired.awaitNanos(300000000L)")))
        .doTest();
  }

  @Test
  void negativeConditionAwaitWithoutTimeout() {
    helper.addSourceLines("demo/Caller.java", conditionWait("acquired.await()")).doTest();
  }

  @Test
  void identificationObjectWaitWithTimeout() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            caller(
                "final Object monitor = new Object();",
                "synchronized (monitor) { monitor.notifyAll(); }",
                "    synchronized (monitor) { monitor.wait(300); }",
                reported("monitor.wait(300)")))
        .doTest();
  }

  @Test
  void negativeObjectWaitWithoutTimeout() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            caller(
                "final Object monitor = new Object();",
                "synchronized (monitor) { monitor.notifyAll(); }",
                "    synchronized (monitor) { monitor.wait(); }"))
        .doTest();
  }

  /** A {@code ScheduledFuture}: {@code get(t, u)} of any {@code Future} is a timed wait. */
  private static String[] scheduled(String wait, String... reported) {
    return Lines.of(
        new String[] {
          "package demo;",
          "import java.util.concurrent.*;",
          "class Caller {",
          "  final Pool pool = new Pool();",
          "  void run(ScheduledExecutorService scheduler) throws Exception {",
          "    Pool.Conn[] holder = new Pool.Conn[1];",
          "    ScheduledFuture<Object> job =",
          "        scheduler.schedule(() -> { holder[0] = pool.acquire(); return null; }, 5,"
              + " TimeUnit.MILLISECONDS);",
          "    try { " + wait + "; } catch (Exception e) { }",
        },
        reported,
        new String[] {"    pool.release(holder[0]);", "  }", "}"});
  }

  @Test
  void identificationGetWithTimeoutOnAScheduledFuture() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            scheduled(
                "job.get(300, TimeUnit.MILLISECONDS)", reported("job.get(300, MILLISECONDS)")))
        .doTest();
  }

  @Test
  void negativeGetWithoutTimeoutOnAScheduledFuture() {
    helper.addSourceLines("demo/Caller.java", scheduled("job.get()")).doTest();
  }

  private static String[] async(String wait, String... reported) {
    return Lines.of(
        new String[] {
          "package demo;",
          "import java.util.concurrent.*;",
          "class Caller {",
          "  final Pool pool = new Pool();",
          "  void run() throws Exception {",
          "    Pool.Conn[] holder = new Pool.Conn[1];",
          "    CompletableFuture<Void> job = CompletableFuture.runAsync(() -> {",
          "      try { holder[0] = pool.acquire(); } catch (InterruptedException e) { }",
          "    });",
          "    try { " + wait + "; } catch (CompletionException e) { }",
        },
        reported,
        new String[] {"    pool.release(holder[0]);", "  }", "}"});
  }

  @Test
  void identificationOrTimeoutJoin() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            async(
                "job.orTimeout(300, TimeUnit.MILLISECONDS).join()",
                reported("job.orTimeout(300, MILLISECONDS).join()")))
        .doTest();
  }

  @Test
  void negativeJoinWithoutTimeout() {
    helper.addSourceLines("demo/Caller.java", async("job.join()")).doTest();
  }

  @Test
  void identificationBarrierAwaitWithTimeout() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            caller(
                "final CyclicBarrier met = new CyclicBarrier(2);",
                "met.await();",
                "    try { met.await(300, TimeUnit.MILLISECONDS); } catch (TimeoutException e) { }",
                reported("met.await(300, MILLISECONDS)")))
        .doTest();
  }

  @Test
  void negativeBarrierAwaitWithoutTimeout() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            caller(
                "final CyclicBarrier met = new CyclicBarrier(2);",
                "met.await();",
                "    met.await();"))
        .doTest();
  }

  @Test
  void identificationPhaserAwaitAdvanceWithTimeout() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            caller(
                "final Phaser phaser = new Phaser(2);",
                "phaser.arrive();",
                "    try { phaser.awaitAdvanceInterruptibly(phaser.arrive(), 300,"
                    + " TimeUnit.MILLISECONDS); } catch (TimeoutException e) { }",
                reported("phaser.awaitAdvanceInterruptibly(phaser.arrive(), 300, MILLISECONDS)")))
        .doTest();
  }

  @Test
  void negativePhaserAwaitAdvanceWithoutTimeout() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            caller(
                "final Phaser phaser = new Phaser(2);",
                "phaser.arrive();",
                "    phaser.awaitAdvanceInterruptibly(phaser.arrive());",
                "    phaser.awaitAdvance(phaser.arrive());"))
        .doTest();
  }

  /**
   * A task submitted to a completion service, waited for through the service: {@code take()}
   * returns its completed future, {@code poll(t, unit)} may return {@code null} first.
   */
  private static String[] completionService(String wait, String... reported) {
    return Lines.of(
        new String[] {
          "package demo;",
          "import java.util.concurrent.*;",
          "class Caller {",
          "  final Pool pool = new Pool();",
          "  void run(ExecutorService executor) throws Exception {",
          "    Pool.Conn[] holder = new Pool.Conn[1];",
          "    CompletionService<Object> done = new ExecutorCompletionService<>(executor);",
          "    done.submit(() -> holder[0] = pool.acquire());",
          "    " + wait,
        },
        reported,
        new String[] {"    pool.release(holder[0]);", "  }", "}"});
  }

  @Test
  void identificationCompletionServicePollWithTimeout() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            completionService(
                "done.poll(300, TimeUnit.MILLISECONDS);", reported("done.poll(300, MILLISECONDS)")))
        .doTest();
  }

  @Test
  void negativeCompletionServiceTake() {
    helper.addSourceLines("demo/Caller.java", completionService("done.take();")).doTest();
  }
}
