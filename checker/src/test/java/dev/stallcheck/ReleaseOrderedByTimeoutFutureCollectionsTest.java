package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Futures kept in a collection ({@code futures.add(executor.submit(task))}) and waited for one by
 * one, with a timeout, through a loop over that collection or an element read from it: each wait is
 * a wait for the tasks added there.
 */
final class ReleaseOrderedByTimeoutFutureCollectionsTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ReleaseOrderedByTimeout.class, getClass())
          .setArgs("-XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=true");

  @Test
  void identification() {
    helper
        .addSourceLines(
            "Batch.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "class Batch {",
            "  private final Semaphore permits = new Semaphore(8);",
            "  private final ExecutorService exec = Executors.newCachedThreadPool();",
            "  void eachWithTimeout(List<Callable<String>> work) throws Exception {",
            "    List<Future<String>> futures = new ArrayList<>();",
            "    for (Callable<String> c : work) {",
            "      futures.add(exec.submit(() -> { permits.acquire(); return c.call(); }));",
            "    }",
            "    for (Future<String> f : futures) {",
            "      try {",
            "        f.get(1, TimeUnit.SECONDS);",
            "      } catch (TimeoutException e) {",
            "        f.cancel(true);",
            "      } finally {",
            "        // BUG: Diagnostic contains: `permits.release()` is ordered after the task's"
                + " `permits.acquire()` (line 9) only by the timeout of `f.get(1, SECONDS)`"
                + " (line 13)",
            "        permits.release();",
            "      }",
            "    }",
            "  }",
            "  void byIndex(int n) throws Exception {",
            "    Deque<Future<?>> futures = new ArrayDeque<>();",
            "    for (int i = 0; i < n; i++) {",
            "      futures.offer(exec.submit(() -> { permits.acquireUninterruptibly(); }));",
            "    }",
            "    try {",
            "      futures.peek().get(1, TimeUnit.SECONDS);",
            "    } finally {",
            "      // BUG: Diagnostic contains: only by the timeout of `futures.peek().get(1,",
            "      permits.release();",
            "    }",
            "  }",
            "  void untimed(List<Callable<String>> work) throws Exception {",
            "    List<Future<String>> futures = new ArrayList<>();",
            "    for (Callable<String> c : work) {",
            "      futures.add(exec.submit(() -> { permits.acquire(); return c.call(); }));",
            "    }",
            "    for (Future<String> f : futures) {",
            "      try {",
            "        f.get();",
            "      } finally {",
            "        permits.release();",
            "      }",
            "    }",
            "  }",
            "  void anotherCollection(List<Callable<String>> work, List<Future<String>> others)",
            "      throws Exception {",
            "    List<Future<String>> futures = new ArrayList<>();",
            "    for (Callable<String> c : work) {",
            "      futures.add(exec.submit(() -> { permits.acquire(); return c.call(); }));",
            "    }",
            "    for (Future<String> f : others) {",
            "      try {",
            "        f.get(1, TimeUnit.SECONDS);",
            "      } finally {",
            "        permits.release();",
            "      }",
            "    }",
            "    for (Future<String> f : futures) {",
            "      f.get();",
            "    }",
            "  }",
            "  void taskReleases(List<Callable<String>> work) throws Exception {",
            "    List<Future<String>> futures = new ArrayList<>();",
            "    for (Callable<String> c : work) {",
            "      futures.add(",
            "          exec.submit(",
            "              () -> {",
            "                permits.acquire();",
            "                try { return c.call(); } finally { permits.release(); }",
            "              }));",
            "    }",
            "    for (Future<String> f : futures) {",
            "      f.get(1, TimeUnit.SECONDS);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /** Tasks added one by one to the collection given to {@code invokeAll} are its tasks. */
  @Test
  void identificationTasksAddedToACollection() {
    helper
        .addSourceLines(
            "Fanout.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "class Fanout {",
            "  private final Semaphore permits = new Semaphore(8);",
            "  void timed(ExecutorService exec, List<Callable<String>> work) throws Exception {",
            "    List<Callable<String>> tasks = new ArrayList<>();",
            "    for (Callable<String> c : work) {",
            "      tasks.add(() -> { permits.acquire(); return c.call(); });",
            "    }",
            "    List<Future<String>> done = exec.invokeAll(tasks, 1, TimeUnit.SECONDS);",
            "    for (Future<String> f : done) {",
            "      // BUG: Diagnostic contains: the task's `permits.acquire()` (line 8) only by the"
                + " timeout of `exec.invokeAll(tasks, 1, SECONDS)` (line 10)",
            "      permits.release();",
            "    }",
            "  }",
            "  void untimed(ExecutorService exec, List<Callable<String>> work) throws Exception {",
            "    List<Callable<String>> tasks = new ArrayList<>();",
            "    for (Callable<String> c : work) {",
            "      tasks.add(() -> { permits.acquire(); return c.call(); });",
            "    }",
            "    for (Future<String> f : exec.invokeAll(tasks)) {",
            "      permits.release();",
            "    }",
            "  }",
            "  void tasksRelease(ExecutorService exec, List<Callable<String>> work) throws Exception {",
            "    List<Callable<String>> tasks = new ArrayList<>();",
            "    for (Callable<String> c : work) {",
            "      tasks.add(",
            "          () -> {",
            "            permits.acquire();",
            "            try { return c.call(); } finally { permits.release(); }",
            "          });",
            "    }",
            "    exec.invokeAll(tasks, 1, TimeUnit.SECONDS);",
            "  }",
            "}")
        .doTest();
  }
}
