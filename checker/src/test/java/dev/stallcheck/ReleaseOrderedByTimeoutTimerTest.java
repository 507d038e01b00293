package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * The timeout itself releases through a timer (Hystrix #1867): a timer task releases what the
 * method acquired when its delay expires, while the work that uses it may still run.
 */
class ReleaseOrderedByTimeoutTimerTest {
  private final CompilationTestHelper helper = ReleaseCheckTests.withPool(getClass());

  /**
   * A command with a semaphore bulkhead that runs {@code work} on the calling thread, releasing
   * once, at the end of the work or when {@code timerTask} runs.
   */
  private static String[] command(String timerTask, String... expected) {
    String[] head = {
      "package demo;",
      "import java.util.Timer;",
      "import java.util.TimerTask;",
      "import java.util.concurrent.Callable;",
      "import java.util.concurrent.Semaphore;",
      "import java.util.concurrent.atomic.AtomicBoolean;",
      "class Command {",
      "  private final Semaphore permits = new Semaphore(10);",
      "  private final Timer timer = new Timer(true);",
      "  <T> T execute(Callable<T> work) throws Exception {",
      "    if (!permits.tryAcquire()) {",
      "      throw new IllegalStateException(\"bulkhead full\");",
      "    }",
      "    AtomicBoolean released = new AtomicBoolean();",
      "    Runnable releaseOnce = () -> {",
      "      if (released.compareAndSet(false, true)) {",
      "        permits.release();",
      "      }",
      "    };",
      "    Thread worker = Thread.currentThread();",
      "    TimerTask timeout = new TimerTask() {",
      "      @Override public void run() {",
    };
    return Lines.of(
        head,
        expected,
        new String[] {
          "        " + timerTask,
          "      }",
          "    };",
          "    timer.schedule(timeout, 1000);",
          "    try {",
          "      return work.call();",
          "    } finally {",
          "      timeout.cancel();",
          "      releaseOnce.run();",
          "    }",
          "  }",
          "}"
        });
  }

  @Test
  void identificationTimerTaskReleasesThePermitWhileTheWorkRuns() {
    helper
        .addSourceLines(
            "demo/Command.java",
            command(
                "releaseOnce.run();",
                "        // BUG: Diagnostic contains: `releaseOnce.run()`, which releases through the"
                    + " lambda in `releaseOnce` → `permits.release()` (line 17), runs in the timer task"
                    + " scheduled by `timer.schedule(...)` (line 27) when its delay expires, while the"
                    + " work that uses what `permits.tryAcquire()` (line 11) took may still run: only a"
                    + " timeout orders this release before the end of the use (the work's own release"
                    + " is `releaseOnce.run()`, line 32)"))
        .doTest();
  }

  @Test
  void negativeTimerTaskOnlyInterrupts() {
    helper.addSourceLines("demo/Command.java", command("worker.interrupt();")).doTest();
  }

  @Test
  void negativeTimerTaskWaitsForTheWorkBeforeReleasing() {
    helper
        .addSourceLines(
            "demo/Command.java",
            command(
                "worker.interrupt();"
                    + " try { worker.join(); } catch (InterruptedException e) { return; }"
                    + " releaseOnce.run();"))
        .doTest();
  }

  /** A value resource, a scheduled executor and a release made directly in the timer lambda. */
  private static String[] query(String work, String... expected) {
    String[] head = {
      "package demo;",
      "import java.util.concurrent.*;",
      "import java.util.concurrent.atomic.AtomicBoolean;",
      "class Queries {",
      "  private final Pool pool = new Pool();",
      "  int run(ScheduledExecutorService scheduler) throws Exception {",
      "    Pool.Conn conn = pool.acquire();",
      "    AtomicBoolean released = new AtomicBoolean();",
      "    ScheduledFuture<?> timeout = scheduler.schedule(() -> {",
      "      if (released.compareAndSet(false, true)) {",
    };
    return Lines.of(
        head,
        expected,
        new String[] {
          "        pool.release(conn);",
          "      }",
          "    }, 1, TimeUnit.SECONDS);",
          "    try {",
          "      return " + work + ";",
          "    } finally {",
          "      timeout.cancel(false);",
          "      if (released.compareAndSet(false, true)) {",
          "        pool.release(conn);",
          "      }",
          "    }",
          "  }",
          "  int query(Pool.Conn c) { return c.hashCode(); }",
          "  int compute() { return 42; }",
          "}"
        });
  }

  @Test
  void identificationScheduledReleaseOfAConnectionTheWorkUses() {
    helper
        .addSourceLines(
            "demo/Queries.java",
            query(
                "query(conn)",
                "        // BUG: Diagnostic contains: `pool.release(conn)` runs in the timer task"
                    + " scheduled by `scheduler.schedule(...)` (line 9)"))
        .doTest();
  }

  @Test
  void negativeScheduledReleaseOfAConnectionTheWorkNeverUses() {
    helper.addSourceLines("demo/Queries.java", query("compute()")).doTest();
  }

  /** A permit given back only when the delay expires: a rate limiter, with nothing to race. */
  @Test
  void negativeReleasedOnlyByTheTimer() {
    helper
        .addSourceLines(
            "demo/Limiter.java",
            "package demo;",
            "import java.util.concurrent.*;",
            "class Limiter {",
            "  private final Semaphore permits = new Semaphore(100);",
            "  void call(ScheduledExecutorService scheduler, Runnable work) throws Exception {",
            "    permits.acquire();",
            "    scheduler.schedule(() -> permits.release(), 1, TimeUnit.SECONDS);",
            "    work.run();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationTimerHelperTwoDeep() {
    helper
        .addSourceLines(
            "demo/Timeouts.java",
            "package demo;",
            "import java.util.concurrent.*;",
            "final class Timeouts {",
            "  private static final ScheduledExecutorService TIMER =",
            "      Executors.newSingleThreadScheduledExecutor();",
            "  private Timeouts() {}",
            "  static ScheduledFuture<?> after(long ms, Runnable listener) {",
            "    return every(ms, listener);",
            "  }",
            "  private static ScheduledFuture<?> every(long ms, Runnable tick) {",
            "    return TIMER.scheduleAtFixedRate(tick, ms, ms, TimeUnit.MILLISECONDS);",
            "  }",
            "  static void log(long ms, Runnable message) {}",
            "}")
        .addSourceLines(
            "demo/Bulkhead.java",
            "package demo;",
            "import java.util.concurrent.*;",
            "class Bulkhead {",
            "  private final Semaphore permits = new Semaphore(10);",
            "  void run(Runnable work) {",
            "    if (!permits.tryAcquire()) return;",
            "    ScheduledFuture<?> timeout = Timeouts.after(500, () -> {",
            "      // BUG: Diagnostic contains: scheduled by `Timeouts.after(...)` (line 7)",
            "      permits.release();",
            "    });",
            "    try { work.run(); } finally { timeout.cancel(false); permits.release(); }",
            "  }",
            "  void logged(Runnable work) {",
            "    if (!permits.tryAcquire()) return;",
            "    Timeouts.log(500, () -> permits.release());",
            "    try { work.run(); } finally { permits.release(); }",
            "  }",
            "}")
        .doTest();
  }

  /** The work runs in a submitted task that uses the connection; the caller waits for it. */
  private static String[] submitted(String task, String... expected) {
    return Lines.of(
        new String[] {
          "package demo;",
          "import java.util.concurrent.*;",
          "import java.util.concurrent.atomic.AtomicBoolean;",
          "class Queries {",
          "  private final Pool pool = new Pool();",
          "  int query(Pool.Conn c) { return c.hashCode(); }",
          "  int compute() { return 42; }",
          "  int run(ExecutorService executor, ScheduledExecutorService timer) throws Exception {",
          "    Pool.Conn conn = pool.acquire();",
          "    AtomicBoolean released = new AtomicBoolean();",
          "    Future<Integer> f = executor.submit(() -> " + task + ");",
          "    timer.schedule(() -> {",
          "      f.cancel(true);",
          "      if (released.compareAndSet(false, true)) {",
        },
        expected,
        new String[] {
          "        pool.release(conn);",
          "      }",
          "    }, 1, TimeUnit.SECONDS);",
          "    try {",
          "      return f.get();",
          "    } finally {",
          "      if (released.compareAndSet(false, true)) pool.release(conn);",
          "    }",
          "  }",
          "}"
        });
  }

  @Test
  void identificationSubmittedWorkUsesTheConnectionTheTimerReleases() {
    helper
        .addSourceLines(
            "demo/Queries.java",
            submitted(
                "query(conn)",
                "        // BUG: Diagnostic contains: runs in the timer task scheduled by"
                    + " `timer.schedule(...)` (line 12)"))
        .doTest();
  }

  @Test
  void negativeSubmittedWorkNeverUsesTheConnection() {
    helper.addSourceLines("demo/Queries.java", submitted("compute()")).doTest();
  }
}
