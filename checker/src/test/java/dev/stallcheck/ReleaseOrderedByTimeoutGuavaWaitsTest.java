package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Guava's forms of the JDK's waits ({@code Uninterruptibles.getUninterruptibly}, {@code
 * awaitUninterruptibly}, {@code joinUninterruptibly}, {@code MoreExecutors.
 * shutdownAndAwaitTermination}, {@code Futures.getChecked}) take the waited object first: with a
 * timeout they order nothing, as the JDK's do; without one they order the release after the task.
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

  /** The exception class given to {@code Futures.getChecked}. */
  private static final String[] GAVE_UP = {
    "package demo;",
    "public class GaveUp extends Exception {",
    "  public GaveUp(Throwable cause) { super(cause); }",
    "}"
  };

  /** An exception class that is not a {@code GaveUp}. */
  private static final String[] OTHER_FAILURE = {
    "package demo;", "public class OtherFailure extends RuntimeException {}"
  };

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

  /**
   * {@code Futures.getChecked} with a timeout gives up by throwing the exception class it is given:
   * a release after a handler of that class (or of a supertype) runs on the timeout's path.
   */
  @Test
  void identificationGetChecked() {
    helper
        .addSourceLines("demo/GaveUp.java", GAVE_UP)
        .addSourceLines(
            "demo/Checked.java",
            caller(
                "Checked",
                "Future<?> f = executor.submit(task);",
                "    try {",
                "      Futures.getChecked(f, GaveUp.class, 300, TimeUnit.MILLISECONDS);",
                "    } catch (GaveUp e) {",
                "    }",
                reported("Futures.getChecked(f, GaveUp.class, 300, MILLISECONDS)"),
                RELEASE))
        .addSourceLines(
            "demo/CheckedDuration.java",
            caller(
                "CheckedDuration",
                "Future<?> f = executor.submit(task);",
                "    try {",
                "      Futures.getChecked(f, GaveUp.class, Duration.ofMillis(300));",
                "    } catch (Exception e) {",
                "    }",
                reported("Futures.getChecked(f, GaveUp.class, Duration.ofMillis(300))"),
                RELEASE))
        .addSourceLines("demo/OtherFailure.java", OTHER_FAILURE)
        .addSourceLines(
            "demo/CheckedUnion.java",
            caller(
                "CheckedUnion",
                "Future<?> f = executor.submit(task);",
                "    try {",
                "      Futures.getChecked(f, GaveUp.class, 300, TimeUnit.MILLISECONDS);",
                "    } catch (OtherFailure | GaveUp e) {",
                "    }",
                reported("Futures.getChecked(f, GaveUp.class, 300, MILLISECONDS)"),
                RELEASE))
        .addSourceLines(
            "demo/CheckedFinally.java",
            caller(
                "CheckedFinally",
                "Future<?> f = executor.submit(task);",
                "    try {",
                "      Futures.getChecked(f, GaveUp.class, 300, TimeUnit.MILLISECONDS);",
                "    } finally {",
                reported("Futures.getChecked(f, GaveUp.class, 300, MILLISECONDS)"),
                "      pool.release(holder[0]);",
                "    }"))
        .doTest();
  }

  /**
   * Silent: without a timeout {@code getChecked} returns only once the task is done; a handler of
   * other classes than the one given (alone, or in a union whose common supertype would catch it)
   * does not catch the timeout, which leaves the method before the release; and of two handlers
   * that could, the first takes it.
   */
  @Test
  void identificationGetCheckedTwins() {
    helper
        .addSourceLines("demo/GaveUp.java", GAVE_UP)
        .addSourceLines(
            "demo/Untimed.java",
            caller(
                "Untimed",
                "Future<?> f = executor.submit(task);",
                "    Futures.getChecked(f, GaveUp.class);",
                RELEASE))
        .addSourceLines("demo/OtherFailure.java", OTHER_FAILURE)
        .addSourceLines(
            "demo/OtherHandler.java",
            permitsCaller(
                "OtherHandler",
                "    } catch (OtherFailure e) {",
                "      // GaveUp is not an OtherFailure: a timeout leaves the method here",
                "    }"))
        .addSourceLines(
            "demo/OtherUnion.java",
            permitsCaller(
                "OtherUnion",
                "      check();",
                "    } catch (java.io.IOException | OtherFailure e) {",
                "      // neither is a GaveUp, though both are Exceptions",
                "    }"))
        .addSourceLines(
            "demo/FirstHandler.java",
            permitsCaller(
                "FirstHandler",
                "    } catch (GaveUp e) {",
                "      throw new IllegalStateException(e); // the timeout's handler",
                "    } catch (Exception e) {",
                "      // another failure, after which the task has finished",
                "    }"))
        .doTest();
  }

  /**
   * Class {@code name}: a task takes a permit, the caller waits with {@code getChecked} in a {@code
   * try} that {@code handlers} (more of the {@code try}'s body, its handlers) ends, then gives a
   * permit back.
   */
  private static String[] permitsCaller(String name, String... handlers) {
    String[] head = {
      "package demo;",
      "import com.google.common.util.concurrent.Futures;",
      "import java.util.concurrent.*;",
      "class " + name + " {",
      "  final Semaphore permits = new Semaphore(4);",
      "  final ExecutorService executor = Executors.newFixedThreadPool(2);",
      "  void check() throws java.io.IOException {}",
      "  void run() throws Exception {",
      "    Future<?> f = executor.submit(() -> permits.acquireUninterruptibly());",
      "    try {",
      "      Futures.getChecked(f, GaveUp.class, 300, TimeUnit.MILLISECONDS);",
    };
    return Lines.of(head, handlers, new String[] {"    permits.release();", "  }", "}"});
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
