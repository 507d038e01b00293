package dev.stallcheck;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The fix: the release moves into a cleaner thread that waits, without a timeout, for the task.
 * Each replacement's output is compiled again with the check on, so it compiles and is no longer
 * reported.
 */
class ReleaseOrderedByTimeoutFixTest {
  private static final String[] POOL = {
    "package demo;",
    "public class Pool {",
    "  public Conn acquire() throws InterruptedException { return new Conn(); }",
    "  public void release(Conn c) {}",
    "  public static class Conn {",
    "    public String run(String sql) { return sql; }",
    "    public void close() throws java.io.IOException {}",
    "  }",
    "}",
  };

  /**
   * Applies the rewrite, never the suppression every finding also offers as its last alternative: a
   * finding with no rewrite then leaves the source unchanged.
   */
  private BugCheckerRefactoringTestHelper refactoring() {
    return BugCheckerRefactoringTestHelper.newInstance(ReleaseOrderedByTimeout.class, getClass())
        .setArgs("-XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=true")
        .setFixChooser(RewriteOnly.FIRST)
        .addInputLines("demo/Pool.java", POOL)
        .expectUnchanged();
  }

  /** Compiles {@code lines} (a fix's output) with the check on, expecting no finding. */
  private void compilesClean(String path, String... lines) {
    CompilationTestHelper.newInstance(ReleaseOrderedByTimeout.class, getClass())
        .setArgs("-XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=true")
        .addSourceLines("demo/Pool.java", POOL)
        .addSourceLines(path, lines)
        .doTest();
  }

  /** A probe thread that acquires into {@code probe[0]}, joined with a timeout. */
  private static final String[] JOIN_HEAD = {
    "package demo;",
    "class Probe {",
    "  boolean probe(Pool pool) throws InterruptedException {",
    "    Pool.Conn[] probe = new Pool.Conn[1];",
    "    Thread prober = new Thread(() -> {",
    "      try {",
    "        probe[0] = pool.acquire();",
    "      } catch (InterruptedException e) {",
    "        Thread.currentThread().interrupt();",
    "      }",
    "    });",
    "    prober.start();",
    "    prober.join(1000);",
  };

  private static final String[] JOIN_FIXED =
      Lines.of(
          JOIN_HEAD,
          new String[] {
            "    new Thread(() -> { // The task may still run: release once it has ended.",
            "      try {",
            "        prober.join();",
            "      } catch (InterruptedException interrupted) {",
            "        Thread.currentThread().interrupt();",
            "        return;",
            "      }",
            "      if (probe[0] != null) {",
            "        pool.release(probe[0]);",
            "      }",
            "    }).start();",
            "    return probe[0] != null;",
            "  }",
            "}",
          });

  @Test
  void replacementThreadJoin() {
    refactoring()
        .addInputLines(
            "demo/Probe.java",
            Lines.of(
                JOIN_HEAD,
                new String[] {
                  "    if (probe[0] != null) {",
                  "      pool.release(probe[0]);",
                  "    }",
                  "    return probe[0] != null;",
                  "  }",
                  "}"
                }))
        .addOutputLines("demo/Probe.java", JOIN_FIXED)
        .doTest();
    compilesClean("demo/Probe.java", JOIN_FIXED);
  }

  /** A task that acquires into {@code holder[0]} and counts {@code done} down in its finally. */
  private static final String[] LATCH_HEAD = {
    "package demo;",
    "import java.util.concurrent.CountDownLatch;",
    "import java.util.concurrent.ExecutorService;",
    "import java.util.concurrent.TimeUnit;",
    "class Handler {",
    "  String handle(Pool pool, ExecutorService executor) throws InterruptedException {",
    "    Pool.Conn[] holder = new Pool.Conn[1];",
    "    CountDownLatch done = new CountDownLatch(1);",
    "    executor.execute(() -> {",
    "      try {",
    "        holder[0] = pool.acquire();",
    "      } catch (InterruptedException e) {",
    "        Thread.currentThread().interrupt();",
    "      } finally {",
    "        done.countDown();",
    "      }",
    "    });",
    "    boolean finished = done.await(300, TimeUnit.MILLISECONDS);",
  };

  private static final String[] LATCH_TAIL = {
    "    int interrupted = 0;", "    return finished ? \"ok\" : \"timeout\";", "  }", "}",
  };

  private static final String[] LATCH_FIXED =
      Lines.of(
          LATCH_HEAD,
          new String[] {
            "    new Thread(() -> { // The task may still run: release once it has ended.",
            "      try {",
            "        done.await();",
            "      } catch (InterruptedException interrupted2) {",
            "        Thread.currentThread().interrupt();",
            "        return;",
            "      }",
            "      if (holder[0] != null) pool.release(holder[0]);",
            "    }).start();",
          },
          LATCH_TAIL);

  @Test
  void replacementLatchCountedDownInTheTasksFinally() {
    refactoring()
        .addInputLines(
            "demo/Handler.java",
            Lines.of(
                LATCH_HEAD,
                new String[] {"    if (holder[0] != null) pool.release(holder[0]);"},
                LATCH_TAIL))
        .addOutputLines("demo/Handler.java", LATCH_FIXED)
        .doTest();
    compilesClean("demo/Handler.java", LATCH_FIXED);
  }

  /**
   * A submitted task that acquires into {@code holder[0]}, waited for with {@code get(t, unit)}.
   */
  private static final String[] FUTURE_HEAD = {
    "package demo;",
    "import java.util.concurrent.ExecutorService;",
    "import java.util.concurrent.Future;",
    "import java.util.concurrent.TimeUnit;",
    "import java.util.concurrent.TimeoutException;",
    "class Lookup {",
    "  void lookup(Pool pool, ExecutorService executor) throws Exception {",
    "    Pool.Conn[] holder = new Pool.Conn[1];",
    "    Future<?> task = executor.submit(() -> {",
    "      holder[0] = pool.acquire();",
    "      return null;",
    "    });",
    "    try {",
    "      task.get(1, TimeUnit.SECONDS);",
    "    } catch (TimeoutException e) {",
    "      System.err.println(\"slow lookup\");",
    "    }",
  };

  private static final String[] FUTURE_FIXED =
      Lines.of(
          new String[] {"package demo;", "import java.util.concurrent.ExecutionException;"},
          Arrays.copyOfRange(FUTURE_HEAD, 1, FUTURE_HEAD.length),
          new String[] {
            "    new Thread(() -> { // The task may still run: release once it has ended.",
            "      try {",
            "        task.get();",
            "      } catch (InterruptedException interrupted) {",
            "        Thread.currentThread().interrupt();",
            "        return;",
            "      } catch (ExecutionException failed) {",
            "        // The task has ended; release what it acquired.",
            "      }",
            "      pool.release(holder[0]);",
            "    }).start();",
            "  }",
            "}",
          });

  @Test
  void replacementFutureNeverCancelled() {
    refactoring()
        .addInputLines(
            "demo/Lookup.java",
            Lines.of(FUTURE_HEAD, new String[] {"    pool.release(holder[0]);", "  }", "}"}))
        .addOutputLines("demo/Lookup.java", FUTURE_FIXED)
        .doTest();
    compilesClean("demo/Lookup.java", FUTURE_FIXED);
  }

  /** A task that acquires into {@code holder[0]} and signals {@code done} only on success. */
  private static String[] latchTask(String... rest) {
    String[] head = {
      "package demo;",
      "import java.util.concurrent.CountDownLatch;",
      "import java.util.concurrent.ExecutorService;",
      "import java.util.concurrent.Future;",
      "import java.util.concurrent.TimeUnit;",
      "class Handler {",
      "  Pool shared;",
      "  void handle(Pool pool, ExecutorService executor) throws Exception {",
      "    Pool.Conn[] holder = new Pool.Conn[1];",
      "    CountDownLatch done = new CountDownLatch(1);",
      "    Future<?> task = executor.submit(() -> {",
      "      holder[0] = pool.acquire();",
      "      done.countDown();",
      "      return null;",
      "    });",
    };
    return Lines.of(head, rest, new String[] {"  }", "}"});
  }

  @Test
  void noFixWhenTheTaskMaySkipTheCountDown() {
    refactoring()
        .addInputLines(
            "demo/Handler.java",
            latchTask("    done.await(1, TimeUnit.SECONDS);", "    pool.release(holder[0]);"))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void noFixWhenTheFutureMayBeCancelled() {
    refactoring()
        .addInputLines(
            "demo/Handler.java",
            latchTask(
                "    try {",
                "      task.get(1, TimeUnit.SECONDS);",
                "    } catch (java.util.concurrent.TimeoutException e) {",
                "      task.cancel(true);",
                "    }",
                "    pool.release(holder[0]);"))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void noFixWhenTheReleaseReadsAMutableField() {
    refactoring()
        .addInputLines(
            "demo/Handler.java",
            latchTask(
                "    shared = pool;",
                "    try {",
                "      task.get(1, TimeUnit.SECONDS);",
                "    } catch (java.util.concurrent.TimeoutException e) {",
                "    }",
                "    shared.release(holder[0]);"))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void noFixWhenTheReleaseStatementDoesMore() {
    refactoring()
        .addInputLines(
            "demo/Handler.java",
            latchTask(
                "    try {",
                "      task.get(1, TimeUnit.SECONDS);",
                "    } catch (java.util.concurrent.TimeoutException e) {",
                "    }",
                "    if (holder[0] != null) {",
                "      pool.release(holder[0]);",
                "      System.out.println(\"released\");",
                "    }"))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void noFixForAReleaseThatThrowsACheckedException() {
    refactoring()
        .addInputLines(
            "demo/Handler.java",
            latchTask(
                "    try {",
                "      task.get(1, TimeUnit.SECONDS);",
                "    } catch (java.util.concurrent.TimeoutException e) {",
                "    }",
                "    holder[0].close();"))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void noFixInALoop() {
    refactoring()
        .addInputLines(
            "demo/Handler.java",
            latchTask(
                "    for (int i = 0; i < 2; i++) {",
                "      try {",
                "        task.get(1, TimeUnit.SECONDS);",
                "      } catch (java.util.concurrent.TimeoutException e) {",
                "      }",
                "      pool.release(holder[0]);",
                "    }"))
        .expectUnchanged()
        .doTest();
  }
}
