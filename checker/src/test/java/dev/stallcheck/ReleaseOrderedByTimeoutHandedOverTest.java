package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * The caller acquires, hands the resource to a task, and releases it after a timed wait that gave
 * up while the task may still use it.
 */
class ReleaseOrderedByTimeoutHandedOverTest {
  private final CompilationTestHelper helper = ReleaseCheckTests.withPool(getClass());

  /** A query that hands {@code conn} (or not) to {@code task} and then runs {@code body}. */
  private static String[] queries(String task, String... body) {
    String[] head = {
      "package demo;",
      "import java.util.concurrent.*;",
      "class Queries {",
      "  private final Pool pool = new Pool();",
      "  int query(Pool.Conn c) { return c.hashCode(); }",
      "  int compute() { return 42; }",
      "  int run(ExecutorService executor) throws Exception {",
      "    Pool.Conn conn = pool.acquire();",
      "    Future<Integer> f = executor.submit(() -> " + task + ");",
    };
    return Lines.of(head, body, new String[] {"  }", "}"});
  }

  @Test
  void identificationConnectionReleasedWhileTheTaskMayUseIt() {
    helper
        .addSourceLines(
            "demo/Queries.java",
            queries(
                "query(conn)",
                "    try {",
                "      return f.get(1, TimeUnit.SECONDS);",
                "    } catch (TimeoutException e) {",
                "      f.cancel(true);",
                "      return -1;",
                "    } finally {",
                "      // BUG: Diagnostic contains: `pool.release(conn)` gives back what `pool.acquire()`"
                    + " (line 8) took while the task started by `executor.submit(...)` (line 9) may"
                    + " still use it: only a timeout orders this release before the end of the use,"
                    + " when `f.get(1, SECONDS)` (line 11) gives up",
                "      pool.release(conn);",
                "    }"))
        .doTest();
  }

  @Test
  void negativeTheTaskNeverUsesTheConnection() {
    helper
        .addSourceLines(
            "demo/Queries.java",
            queries(
                "compute()",
                "    try {",
                "      return f.get(1, TimeUnit.SECONDS);",
                "    } finally {",
                "      pool.release(conn);",
                "    }"))
        .doTest();
  }

  @Test
  void negativeReleasedOnlyWhenTheTaskFinished() {
    helper
        .addSourceLines(
            "demo/Queries.java",
            queries(
                "query(conn)",
                "    int result;",
                "    try {",
                "      result = f.get(1, TimeUnit.SECONDS);",
                "    } catch (TimeoutException e) {",
                "      f.cancel(true);",
                "      return -1;",
                "    }",
                "    pool.release(conn);",
                "    return result;"))
        .doTest();
  }

  @Test
  void negativeUntimedWait() {
    helper
        .addSourceLines(
            "demo/Queries.java",
            queries(
                "query(conn)",
                "    try {",
                "      return f.get();",
                "    } finally {",
                "      pool.release(conn);",
                "    }"))
        .doTest();
  }

  @Test
  void negativeTheTaskReleasesItInItsFinally() {
    helper
        .addSourceLines(
            "demo/Queries.java",
            queries(
                "{ try { return query(conn); } finally { pool.release(conn); } }",
                "    try {",
                "      return f.get(1, TimeUnit.SECONDS);",
                "    } catch (TimeoutException e) {",
                "      return -1;",
                "    }"))
        .doTest();
  }

  /** A permit bounds the work the task does: giving it back on timeout admits more work. */
  @Test
  void identificationPermitReleasedWhileTheTaskRuns() {
    helper
        .addSourceLines(
            "demo/Bulkhead.java",
            "package demo;",
            "import java.util.concurrent.*;",
            "class Bulkhead {",
            "  private final Semaphore permits = new Semaphore(10);",
            "  void run(ExecutorService executor, Runnable work) throws Exception {",
            "    permits.acquire();",
            "    try {",
            "      Future<?> f = executor.submit(() -> work.run());",
            "      f.get(1, TimeUnit.SECONDS);",
            "    } finally {",
            "      // BUG: Diagnostic contains: `permits.release()` gives back what `permits.acquire()`"
                + " (line 6) took while the task",
            "      permits.release();",
            "    }",
            "  }",
            "  void runUntimed(ExecutorService executor, Runnable work) throws Exception {",
            "    permits.acquire();",
            "    try {",
            "      Future<?> f = executor.submit(() -> work.run());",
            "      f.get();",
            "    } finally {",
            "      permits.release();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void negativeReleaseRegisteredForTheEndOfTheTask() {
    helper
        .addSourceLines(
            "demo/Queries.java",
            "package demo;",
            "import java.util.concurrent.*;",
            "class Queries {",
            "  private final Pool pool = new Pool();",
            "  int query(Pool.Conn c) { return c.hashCode(); }",
            "  int run(ExecutorService executor) throws Exception {",
            "    Pool.Conn conn = pool.acquire();",
            "    CompletableFuture<Integer> f = CompletableFuture.supplyAsync(() -> query(conn), executor);",
            "    f.whenComplete((r, e) -> pool.release(conn));",
            "    return f.get(1, TimeUnit.SECONDS);",
            "  }",
            "}")
        .doTest();
  }
}
