package dev.stallcheck;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The fixes, best first: the task releases in its own {@code finally} after the acquire and the
 * caller's release goes; or the release runs once the task has ended ({@code whenComplete} on a
 * {@code CompletableFuture}, else a cleaner thread that waits, without a timeout, for the task).
 * Each replacement's output is compiled again with the check on, so it compiles and is no longer
 * reported.
 */
class ReleaseOrderedByTimeoutFixTest {
  private static final String[] POOL = {
    "package demo;",
    "public class Pool {",
    "  public Conn acquire() throws InterruptedException { return new Conn(); }",
    "  public void release(Conn c) {}",
    "  public Pool other() { return this; }",
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

  /**
   * Compiles {@code lines} (a fix's output) with the check on, expecting no finding but those
   * marked {@code // BUG: Diagnostic contains:}.
   */
  private void compilesClean(String path, String... lines) {
    CompilationTestHelper.newInstance(ReleaseOrderedByTimeout.class, getClass())
        .setArgs("-XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=true")
        .addSourceLines("demo/Pool.java", POOL)
        .addSourceLines(path, lines)
        .doTest();
  }

  /**
   * Expects the first rewrite to turn {@code input} into {@code fixed}, and {@code fixed} to
   * compile with no finding left.
   */
  private void assertRewrite(String path, String[] input, String[] fixed) {
    refactoring().addInputLines(path, input).addOutputLines(path, fixed).doTest();
    compilesClean(path, fixed);
  }

  /**
   * Expects the finding marked {@code // BUG: Diagnostic contains:} in {@code lines}, so that the
   * finding is there, and no rewrite for it.
   */
  private void reportedWithoutRewrite(String path, String... lines) {
    refactoring().addInputLines(path, lines).expectUnchanged().doTest();
    compilesClean(path, lines);
  }

  /** Expects the caller's plain release after the submitted {@code task} reported, unrewritten. */
  private void releaseAfterHasNoRewrite(String[] task) {
    reportedWithoutRewrite(
        "demo/Lookup.java", submitted(task, MARK, "    pool.release(holder[0]);"));
  }

  private static final String MARK = "    // BUG: Diagnostic contains: ReleaseOrderedByTimeout";

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

  /**
   * A permit the task takes and the caller gives back in a {@code finally}. {@code wait} is the
   * caller's code around the wait, {@code task} the submission.
   */
  private static String[] permitCaller(String[] task, String... wait) {
    return Lines.of(
        new String[] {
          "package demo;",
          "import java.util.concurrent.*;",
          "class Gate {",
          "  private final Semaphore permits = new Semaphore(4);",
          "  String call(ExecutorService executor) throws Exception {",
        },
        task,
        wait,
        new String[] {"  }", "  private String work() { return \"x\"; }", "}"});
  }

  private static final String[] PERMIT_TASK = {
    "    Future<String> f = executor.submit(() -> {",
    "      permits.acquire();",
    "      return work();",
    "    });",
  };

  private static final String[] PERMIT_TASK_FIXED = {
    "    Future<String> f = executor.submit(() -> {",
    "      permits.acquire();",
    "      try {",
    "        return work();",
    "      } finally {",
    "        permits.release();",
    "      }",
    "    });",
  };

  /** The caller's {@code try} kept only its block once its {@code finally} is empty: it goes. */
  @Test
  void replacementTryLeftWithOnlyItsBlock() {
    assertRewrite(
        "demo/Gate.java",
        permitCaller(
            PERMIT_TASK,
            "    try {",
            "      String answer = f.get(2, TimeUnit.SECONDS);",
            "      return answer;",
            "    } finally {",
            "      permits.release();",
            "    }"),
        permitCaller(
            PERMIT_TASK_FIXED,
            "    String answer = f.get(2, TimeUnit.SECONDS);",
            "    return answer;"));
  }

  /** A {@code try} with a catch, or with resources, loses only its emptied {@code finally}. */
  @Test
  void replacementFinallyLeftEmptyGoes() {
    assertRewrite(
        "demo/Gate.java",
        permitCaller(
            PERMIT_TASK,
            "    try (AutoCloseable scope = () -> {}) {",
            "      return f.get(2, TimeUnit.SECONDS);",
            "    } catch (TimeoutException e) {",
            "      f.cancel(true);",
            "      return null;",
            "    } finally {",
            "      permits.release();",
            "    }"),
        permitCaller(
            PERMIT_TASK_FIXED,
            "    try (AutoCloseable scope = () -> {}) {",
            "      return f.get(2, TimeUnit.SECONDS);",
            "    } catch (TimeoutException e) {",
            "      f.cancel(true);",
            "      return null;",
            "    }"));
    assertRewrite(
        "demo/Gate.java",
        permitCaller(
            PERMIT_TASK,
            "    try (AutoCloseable scope = () -> {}) {",
            "      return f.get(2, TimeUnit.SECONDS);",
            "    } finally {",
            "      permits.release();",
            "    }"),
        permitCaller(
            PERMIT_TASK_FIXED,
            "    try (AutoCloseable scope = () -> {}) {",
            "      return f.get(2, TimeUnit.SECONDS);",
            "    }"));
  }

  /**
   * The task is written in the {@code try} the rewrite edits too: the {@code try} stays, with its
   * {@code finally} empty; and a block whose names the code after it declares again stays a block.
   */
  @Test
  void replacementTryThatMustStay() {
    assertRewrite(
        "demo/Gate.java",
        permitCaller(
            new String[] {"    try {"},
            Lines.of(
                new String[] {"  " + PERMIT_TASK[0]},
                Arrays.stream(PERMIT_TASK).skip(1).map(line -> "  " + line).toArray(String[]::new),
                new String[] {
                  "      return f.get(2, TimeUnit.SECONDS);",
                  "    } finally {",
                  "      permits.release();",
                  "    }"
                })),
        permitCaller(
            new String[] {"    try {"},
            Lines.of(
                Arrays.stream(PERMIT_TASK_FIXED).map(line -> "  " + line).toArray(String[]::new),
                new String[] {
                  "      return f.get(2, TimeUnit.SECONDS);", "    } finally {", "    }"
                })));
    assertRewrite(
        "demo/Gate.java",
        permitCaller(
            PERMIT_TASK,
            "    try {",
            "      String answer = f.get(2, TimeUnit.SECONDS);",
            "    } finally {",
            "      permits.release();",
            "    }",
            "    String answer = \"late\";",
            "    return answer;"),
        permitCaller(
            PERMIT_TASK_FIXED,
            "    {",
            "      String answer = f.get(2, TimeUnit.SECONDS);",
            "    }",
            "    String answer = \"late\";",
            "    return answer;"));
  }

  @Test
  void replacementThreadJoin() {
    assertRewrite(
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
            }),
        JOIN_FIXED);
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

  /** Reads the holder after the release, so the task's own finally is no fix here. */
  private static final String[] LATCH_TAIL = {
    "    System.out.println(\"released \" + holder[0]);",
    "    int interrupted = 0;",
    "    return finished ? \"ok\" : \"timeout\";",
    "  }",
    "}",
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
    assertRewrite(
        "demo/Handler.java",
        Lines.of(
            LATCH_HEAD,
            new String[] {"    if (holder[0] != null) pool.release(holder[0]);"},
            LATCH_TAIL),
        LATCH_FIXED);
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
            "    System.out.println(\"released \" + holder[0]);",
            "  }",
            "}",
          });

  @Test
  void replacementFutureNeverCancelled() {
    assertRewrite(
        "demo/Lookup.java",
        Lines.of(
            FUTURE_HEAD,
            new String[] {
              "    pool.release(holder[0]);",
              "    System.out.println(\"released \" + holder[0]);",
              "  }",
              "}"
            }),
        FUTURE_FIXED);
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
            latchTask(
                "    done.await(1, TimeUnit.SECONDS);",
                "    pool.release(holder[0]);",
                "    System.out.println(\"released \" + holder[0]);"))
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
                "    pool.release(holder[0]);",
                "    System.out.println(\"released \" + holder[0]);"))
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

  /**
   * A submitted lambda that acquires into {@code holder[0]}; the caller waits with {@code get(t,
   * unit)} and cancels on timeout (so the cleaner, which waits on the future, is no fix here).
   */
  private static String[] submitted(String[] task, String... caller) {
    String[] head = {
      "package demo;",
      "import java.util.concurrent.ExecutorService;",
      "import java.util.concurrent.Future;",
      "import java.util.concurrent.TimeUnit;",
      "import java.util.concurrent.TimeoutException;",
      "class Lookup {",
      "  String lookup(Pool pool, ExecutorService executor) throws Exception {",
      "    Pool.Conn[] holder = new Pool.Conn[1];",
    };
    String[] waits = {
      "    String answer = null;",
      "    try {",
      "      answer = task.get(1, TimeUnit.SECONDS);",
      "    } catch (TimeoutException e) {",
      "      task.cancel(true);",
      "    }",
    };
    return Lines.of(head, task, waits, caller, new String[] {"    return answer;", "  }", "}"});
  }

  private static final String[] LAMBDA_TASK = {
    "    Future<String> task = executor.submit(() -> {",
    "      holder[0] = pool.acquire();",
    "      String rows = holder[0].run(\"select 1\");",
    "      return rows;",
    "    });",
  };

  private static final String[] LAMBDA_TASK_FIXED = {
    "    Future<String> task = executor.submit(() -> {",
    "      holder[0] = pool.acquire();",
    "      try {",
    "        String rows = holder[0].run(\"select 1\");",
    "        return rows;",
    "      } finally {",
    "        if (holder[0] != null) {",
    "          pool.release(holder[0]);",
    "        }",
    "      }",
    "    });",
  };

  private static final String[] GUARDED_RELEASE = {
    "    if (holder[0] != null) {", "      pool.release(holder[0]);", "    }",
  };

  @Test
  void replacementLambdaTaskReleasesInItsFinally() {
    String[] fixed = submitted(LAMBDA_TASK_FIXED);
    assertRewrite("demo/Lookup.java", submitted(LAMBDA_TASK, GUARDED_RELEASE), fixed);
  }

  @Test
  void replacementAnonymousCallable() {
    String[] task = {
      "    Future<String> task = executor.submit(new java.util.concurrent.Callable<String>() {",
      "      @Override",
      "      public String call() throws InterruptedException {",
      "        holder[0] = pool.acquire();",
      "        return holder[0].run(\"select 1\");",
      "      }",
      "    });",
    };
    String[] fixed =
        submitted(
            new String[] {
              "    Future<String> task = executor.submit(new java.util.concurrent.Callable<String>() {",
              "      @Override",
              "      public String call() throws InterruptedException {",
              "        holder[0] = pool.acquire();",
              "        try {",
              "          return holder[0].run(\"select 1\");",
              "        } finally {",
              "          pool.release(holder[0]);",
              "        }",
              "      }",
              "    });",
            });
    assertRewrite("demo/Lookup.java", submitted(task, "    pool.release(holder[0]);"), fixed);
  }

  /** A thread that takes a permit, joined with a timeout; the caller gives the permit back. */
  private static String[] permitThread(String[] task, String... caller) {
    String[] head = {
      "package demo;",
      "import java.util.concurrent.Semaphore;",
      "import java.util.concurrent.TimeUnit;",
      "class Throttle {",
      "  void run(Semaphore permits) throws InterruptedException {",
      "    boolean[] acquired = new boolean[1];",
    };
    String[] waits = {"    worker.start();", "    worker.join(1000);"};
    return Lines.of(head, task, waits, caller, new String[] {"  }", "}"});
  }

  @Test
  void replacementAnonymousRunnable() {
    String[] task = {
      "    Thread worker = new Thread(new Runnable() {",
      "      @Override",
      "      public void run() {",
      "        try {",
      "          permits.acquire();",
      "          System.out.println(\"working\");",
      "        } catch (InterruptedException e) {",
      "          Thread.currentThread().interrupt();",
      "        }",
      "      }",
      "    });",
    };
    String[] fixed =
        permitThread(
            new String[] {
              "    Thread worker = new Thread(new Runnable() {",
              "      @Override",
              "      public void run() {",
              "        try {",
              "          permits.acquire();",
              "          try {",
              "            System.out.println(\"working\");",
              "          } finally {",
              "            permits.release();",
              "          }",
              "        } catch (InterruptedException e) {",
              "          Thread.currentThread().interrupt();",
              "        }",
              "      }",
              "    });",
            });
    assertRewrite("demo/Throttle.java", permitThread(task, "    permits.release();"), fixed);
  }

  private static final String[] TRY_ACQUIRE_TASK = {
    "    Thread worker = new Thread(() -> {",
    "      try {",
    "        acquired[0] = permits.tryAcquire(100, TimeUnit.MILLISECONDS);",
    "        System.out.println(acquired[0] ? \"working\" : \"busy\");",
    "      } catch (InterruptedException e) {",
    "        Thread.currentThread().interrupt();",
    "      }",
    "    });",
  };

  /** {@code tryAcquire}'s result guards the release, in the caller and then in the task. */
  @Test
  void replacementTryAcquireWithItsBooleanResult() {
    String[] fixed =
        permitThread(
            new String[] {
              "    Thread worker = new Thread(() -> {",
              "      try {",
              "        acquired[0] = permits.tryAcquire(100, TimeUnit.MILLISECONDS);",
              "        try {",
              "          System.out.println(acquired[0] ? \"working\" : \"busy\");",
              "        } finally {",
              "          if (acquired[0]) permits.release();",
              "        }",
              "      } catch (InterruptedException e) {",
              "        Thread.currentThread().interrupt();",
              "      }",
              "    });",
            });
    assertRewrite(
        "demo/Throttle.java",
        permitThread(TRY_ACQUIRE_TASK, "    if (acquired[0]) permits.release();"),
        fixed);
  }

  /**
   * An unguarded release of a {@code tryAcquire} that may have failed: in the task it runs only
   * when the permit was taken.
   */
  @Test
  void replacementTryAcquireIntoALocalGetsAGuard() {
    String[] task = {
      "    Thread worker = new Thread(() -> {",
      "      try {",
      "        boolean got = permits.tryAcquire(100, TimeUnit.MILLISECONDS);",
      "        System.out.println(got ? \"working\" : \"busy\");",
      "      } catch (InterruptedException e) {",
      "        Thread.currentThread().interrupt();",
      "      }",
      "    });",
    };
    String[] fixed =
        permitThread(
            new String[] {
              "    Thread worker = new Thread(() -> {",
              "      try {",
              "        boolean got = permits.tryAcquire(100, TimeUnit.MILLISECONDS);",
              "        try {",
              "          System.out.println(got ? \"working\" : \"busy\");",
              "        } finally {",
              "          if (got) {",
              "            permits.release();",
              "          }",
              "        }",
              "      } catch (InterruptedException e) {",
              "        Thread.currentThread().interrupt();",
              "      }",
              "    });",
            });
    assertRewrite("demo/Throttle.java", permitThread(task, "    permits.release();"), fixed);
  }

  /** A local class created once is the task's own code; the acquire is its last statement. */
  @Test
  void replacementLocalClassAcquiringLast() {
    String[] task = {
      "    class Taker implements Runnable {",
      "      @Override",
      "      public void run() {",
      "        permits.acquireUninterruptibly();",
      "      }",
      "    }",
      "    Thread worker = new Thread(new Taker());",
    };
    String[] fixed =
        permitThread(
            new String[] {
              "    class Taker implements Runnable {",
              "      @Override",
              "      public void run() {",
              "        permits.acquireUninterruptibly();",
              "        permits.release();",
              "      }",
              "    }",
              "    Thread worker = new Thread(new Taker());",
            });
    assertRewrite("demo/Throttle.java", permitThread(task, "    permits.release();"), fixed);
  }

  @Test
  void noTaskFixWhenTheCallerUsesTheResourceAfterTheWait() {
    reportedWithoutRewrite(
        "demo/Lookup.java",
        submitted(
            LAMBDA_TASK,
            "    if (answer == null && holder[0] != null) {",
            "      answer = holder[0].run(\"select 2\");",
            "    }",
            MARK,
            "    pool.release(holder[0]);"));
  }

  @Test
  void noTaskFixWhenTheReleaseArgumentIsNotEffectivelyFinal() {
    reportedWithoutRewrite(
        "demo/Lookup.java",
        submitted(
            LAMBDA_TASK,
            "    Pool.Conn taken = null;",
            "    if (answer == null) {",
            "      taken = holder[0];",
            "    }",
            MARK,
            "    pool.release(taken);"));
  }

  /** A declared task class may run elsewhere too, and lives in another file: no edit there. */
  @Test
  void noTaskFixWhenTheTaskIsInAnotherFile() {
    String[] query = {
      "package demo;",
      "class Query implements java.util.concurrent.Callable<String> {",
      "  static final java.util.concurrent.Semaphore PERMITS =",
      "      new java.util.concurrent.Semaphore(4);",
      "  @Override",
      "  public String call() {",
      "    PERMITS.acquireUninterruptibly();",
      "    return \"ok\";",
      "  }",
      "}",
    };
    String[] lookup =
        submitted(
            new String[] {"    Future<String> task = executor.submit(new Query());"},
            MARK,
            "    Query.PERMITS.release();");
    refactoring()
        .addInputLines("demo/Query.java", query)
        .expectUnchanged()
        .addInputLines("demo/Lookup.java", lookup)
        .expectUnchanged()
        .doTest();
    CompilationTestHelper.newInstance(ReleaseOrderedByTimeout.class, getClass())
        .setArgs("-XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=true")
        .addSourceLines("demo/Pool.java", POOL)
        .addSourceLines("demo/Query.java", query)
        .addSourceLines("demo/Lookup.java", lookup)
        .doTest();
  }

  /**
   * The task goes on using the resource after the acquire's block: a finally there would end it.
   */
  @Test
  void noTaskFixWhenTheTaskUsesTheResourceAfterTheAcquiresBlock() {
    String[] task = {
      "    Future<String> task = executor.submit(() -> {",
      "      try {",
      "        holder[0] = pool.acquire();",
      "      } catch (InterruptedException e) {",
      "        return null;",
      "      }",
      "      return holder[0].run(\"select 1\");",
      "    });",
    };
    releaseAfterHasNoRewrite(task);
  }

  /** A catch that runs after the wrapped statements reads the holder: it would see it released. */
  @Test
  void noTaskFixWhenACatchAfterwardsReadsTheResource() {
    String[] task = {
      "    Future<String> task = executor.submit(() -> {",
      "      try {",
      "        holder[0] = pool.acquire();",
      "        return holder[0].run(\"select 1\");",
      "      } catch (RuntimeException e) {",
      "        return holder[0].run(\"select 2\");",
      "      }",
      "    });",
    };
    releaseAfterHasNoRewrite(task);
  }

  /** The task changes the holder after the acquire: its finally would release something else. */
  @Test
  void noTaskFixWhenTheTaskReassignsTheHolder() {
    String[] task = {
      "    Future<String> task = executor.submit(() -> {",
      "      holder[0] = pool.acquire();",
      "      String rows = holder[0].run(\"select 1\");",
      "      holder[0] = null;",
      "      return rows;",
      "    });",
    };
    releaseAfterHasNoRewrite(task);
  }

  /**
   * An anonymous task declares a field of the name the release uses: moved there, {@code pool}
   * would mean that field.
   */
  @Test
  void noTaskFixWhenTheTaskDeclaresANameTheReleaseUses() {
    reportedWithoutRewrite(
        "demo/Lookup.java",
        "package demo;",
        "import java.util.concurrent.Callable;",
        "import java.util.concurrent.ExecutorService;",
        "import java.util.concurrent.Future;",
        "import java.util.concurrent.TimeUnit;",
        "import java.util.concurrent.TimeoutException;",
        "class Lookup {",
        "  private final Pool pool = new Pool();",
        "  String lookup(ExecutorService executor) throws Exception {",
        "    Pool.Conn[] holder = new Pool.Conn[1];",
        "    Future<String> task = executor.submit(new Callable<String>() {",
        "      private final Pool pool = null;",
        "      @Override",
        "      public String call() throws InterruptedException {",
        "        holder[0] = Lookup.this.pool.acquire();",
        "        return holder[0].run(\"select 1\");",
        "      }",
        "    });",
        "    String answer = null;",
        "    try {",
        "      answer = task.get(1, TimeUnit.SECONDS);",
        "    } catch (TimeoutException e) {",
        "      task.cancel(true);",
        "    }",
        MARK,
        "    pool.release(holder[0]);",
        "    return answer;",
        "  }",
        "}");
  }

  /**
   * {@code start()} starts the task, {@code stop()} releases: other methods of the object may use
   * the resource in between, so the release stays where it is.
   */
  @Test
  void noTaskFixWhenAnotherMethodStartsTheTask() {
    reportedWithoutRewrite(
        "demo/Service.java",
        "package demo;",
        "class Service {",
        "  private final Pool pool;",
        "  private final Pool.Conn[] holder = new Pool.Conn[1];",
        "  private Thread worker;",
        "  Service(Pool pool) {",
        "    this.pool = pool;",
        "  }",
        "  void start() {",
        "    worker = new Thread(() -> {",
        "      try {",
        "        holder[0] = pool.acquire();",
        "        System.out.println(\"connected\");",
        "      } catch (InterruptedException e) {",
        "        Thread.currentThread().interrupt();",
        "      }",
        "    });",
        "    worker.start();",
        "  }",
        "  String query(String sql) {",
        "    return holder[0].run(sql);",
        "  }",
        "  void stop() throws InterruptedException {",
        "    worker.join(1000);",
        MARK,
        "    pool.release(holder[0]);",
        "  }",
        "}");
  }

  /** Two releases of one permit: moving one into the task would leave the other. */
  @Test
  void noTaskFixWhenTheMethodReleasesTwice() {
    reportedWithoutRewrite(
        "demo/Throttle.java",
        "package demo;",
        "import java.util.concurrent.ExecutorService;",
        "import java.util.concurrent.Future;",
        "import java.util.concurrent.Semaphore;",
        "import java.util.concurrent.TimeUnit;",
        "import java.util.concurrent.TimeoutException;",
        "class Throttle {",
        "  String run(Semaphore permits, ExecutorService executor, boolean twice)",
        "      throws Exception {",
        "    Future<String> task = executor.submit(() -> {",
        "      permits.acquire();",
        "      return \"ok\";",
        "    });",
        "    String answer = null;",
        "    try {",
        "      answer = task.get(1, TimeUnit.SECONDS);",
        "    } catch (TimeoutException e) {",
        "      task.cancel(true);",
        "    }",
        MARK,
        "    permits.release();",
        "    if (twice) {",
        "  " + MARK,
        "      permits.release();",
        "    }",
        "    return answer;",
        "  }",
        "}");
  }

  @Test
  void noTaskFixWhenTheAcquireIsInALoop() {
    String[] task = {
      "    Future<String> task = executor.submit(() -> {",
      "      String rows = null;",
      "      for (int i = 0; i < 3; i++) {",
      "        holder[0] = pool.acquire();",
      "        rows = holder[0].run(\"select 1\");",
      "      }",
      "      return rows;",
      "    });",
    };
    releaseAfterHasNoRewrite(task);
  }

  /**
   * A {@code CompletableFuture} the task completes: the release registers with {@code
   * whenComplete}. The caller logs the holder, so the task's finally is no fix here.
   */
  private static String[] completable(String... caller) {
    String[] head = {
      "package demo;",
      "import java.util.concurrent.CompletableFuture;",
      "import java.util.concurrent.TimeUnit;",
      "import java.util.concurrent.TimeoutException;",
      "class Warmup {",
      "  void warm(Pool pool) throws Exception {",
      "    Pool.Conn[] holder = new Pool.Conn[1];",
      "    CompletableFuture<Void> work = CompletableFuture.runAsync(() -> {",
      "      try {",
      "        holder[0] = pool.acquire();",
      "      } catch (InterruptedException e) {",
      "        Thread.currentThread().interrupt();",
      "      }",
      "    });",
      "    try {",
      "      work.get(1, TimeUnit.SECONDS);",
      "    } catch (TimeoutException e) {",
      "      System.err.println(\"slow warmup\");",
      "    }",
    };
    return Lines.of(head, caller, new String[] {"  }", "}"});
  }

  @Test
  void replacementCompletableFutureRegistersTheRelease() {
    String[] fixed =
        completable(
            "    work.whenComplete((result, failure) -> { // Runs once the task has ended.",
            "      pool.release(holder[0]);",
            "    });",
            "    System.out.println(\"released \" + holder[0]);");
    assertRewrite(
        "demo/Warmup.java",
        completable(
            "    pool.release(holder[0]);", "    System.out.println(\"released \" + holder[0]);"),
        fixed);
  }

  /** Completed by the caller, the future is done before its task ends: no registration. */
  @Test
  void noFixWhenTheCallerCompletesTheFuture() {
    reportedWithoutRewrite(
        "demo/Warmup.java",
        completable(
            "    work.complete(null);",
            MARK,
            "    pool.release(holder[0]);",
            "    System.out.println(\"released \" + holder[0]);"));
  }
}
