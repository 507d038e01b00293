package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Guava's forms of the JDK's waits ({@code Uninterruptibles.getUninterruptibly}, {@code
 * awaitUninterruptibly}, {@code joinUninterruptibly}, {@code MoreExecutors.
 * shutdownAndAwaitTermination}) take the waited object first: with a timeout they order nothing, as
 * the JDK's do; without one they order the release after the task.
 */
final class ReleaseOrderedByTimeoutGuavaWaitsTest {
  private final CompilationTestHelper helper = ReleaseCheckTests.withPool(getClass());

  /** Class {@code name}: hands {@code task} over in {@code start}, waits, then releases. */
  private static String[] caller(String name, String start, String... waitAndRelease) {
    String[] head = {
      "package demo;",
      "import com.google.common.util.concurrent.*;",
      "import java.time.Duration;",
      "import java.util.concurrent.*;",
      "class " + name + " {",
      "  final Pool pool = new Pool();",
      "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
      "  final CountDownLatch acquired = new CountDownLatch(1);",
      "  void run() throws Exception {",
      "    Pool.Conn[] holder = new Pool.Conn[1];",
      "    Runnable task = () -> {",
      "      try { holder[0] = pool.acquire(); acquired.countDown(); } catch (Exception e) { }",
      "    };",
      "    " + start,
    };
    return Lines.of(head, waitAndRelease, new String[] {"  }", "}"});
  }

  private static final String RELEASE = "    pool.release(holder[0]);";

  private static String reported(String wait) {
    return "    // BUG: Diagnostic contains: only by the timeout of `" + wait;
  }

  @Test
  void identification() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            caller(
                "Caller",
                "Future<?> f = executor.submit(task);",
                "    try {",
                "      Uninterruptibles.getUninterruptibly(f, 300, TimeUnit.MILLISECONDS);",
                "    } catch (TimeoutException e) {",
                "    }",
                reported("Uninterruptibles.getUninterruptibly(f, 300, MILLISECONDS)"),
                RELEASE))
        .addSourceLines(
            "demo/Latch.java",
            caller(
                "Latch",
                "executor.execute(task);",
                "    Uninterruptibles.awaitUninterruptibly(acquired, Duration.ofMillis(300));",
                reported("Uninterruptibles.awaitUninterruptibly(acquired,"),
                RELEASE))
        .addSourceLines(
            "demo/Join.java",
            caller(
                "Join",
                "Thread t = new Thread(task); t.start();",
                "    Uninterruptibles.joinUninterruptibly(t, 300, TimeUnit.MILLISECONDS);",
                reported("Uninterruptibles.joinUninterruptibly(t, 300, MILLISECONDS)"),
                RELEASE))
        .addSourceLines(
            "demo/Shutdown.java",
            caller(
                "Shutdown",
                "executor.execute(task);",
                "    MoreExecutors.shutdownAndAwaitTermination(executor, 1, TimeUnit.SECONDS);",
                reported("MoreExecutors.shutdownAndAwaitTermination(executor, 1, SECONDS)"),
                RELEASE))
        .doTest();
  }

  /** Silent: each untimed form waits until the task is done, or has counted down. */
  @Test
  void identificationUntimedTwins() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            caller(
                "Caller",
                "Future<?> f = executor.submit(task);",
                "    Uninterruptibles.getUninterruptibly(f);",
                RELEASE))
        .addSourceLines(
            "demo/Unchecked.java",
            caller(
                "Unchecked",
                "Future<?> f = executor.submit(task);",
                "    Futures.getUnchecked(f);",
                RELEASE))
        .addSourceLines(
            "demo/Latch.java",
            caller(
                "Latch",
                "executor.execute(task);",
                "    Uninterruptibles.awaitUninterruptibly(acquired);",
                RELEASE))
        .addSourceLines(
            "demo/Join.java",
            caller(
                "Join",
                "Thread t = new Thread(task); t.start();",
                "    Uninterruptibles.joinUninterruptibly(t);",
                RELEASE))
        .doTest();
  }
}
