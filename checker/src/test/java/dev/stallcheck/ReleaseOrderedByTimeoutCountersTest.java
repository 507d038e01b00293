package dev.stallcheck;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A slot counted in an atomic counter: the task increments, and the caller decrements after a wait
 * bounded only by a timeout. The decrement may run before the increment, and while the task runs
 * the counter counts one holder fewer than there are. A caller's own slot (an in-flight gauge that
 * counts the callers) is not the task's.
 */
final class ReleaseOrderedByTimeoutCountersTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ReleaseOrderedByTimeout.class, getClass())
          .setArgs("-XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=true");

  @Test
  void identification() {
    helper
        .addSourceLines(
            "Slots.java",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.atomic.*;",
            "class Slots {",
            "  private final AtomicInteger inFlight = new AtomicInteger();",
            "  private final AtomicLong busy = new AtomicLong();",
            "  private final LongAdder open = new LongAdder();",
            "  private final AtomicInteger other = new AtomicInteger();",
            "  private final ExecutorService exec = Executors.newCachedThreadPool();",
            "  void futureTimeout() throws Exception {",
            "    Future<?> f = exec.submit(() -> { inFlight.incrementAndGet(); work(); });",
            "    try {",
            "      f.get(2, TimeUnit.SECONDS);",
            "    } finally {",
            "      // BUG: Diagnostic contains: `inFlight.decrementAndGet()` is ordered after the"
                + " task's `inFlight.incrementAndGet()` (line 10) only by the timeout of `f.get(2,"
                + " SECONDS)` (line 12); if the wait times out first, this release runs before"
                + " the acquire, and while the task then runs the counter counts one holder"
                + " fewer than there are.",
            "      inFlight.decrementAndGet();",
            "    }",
            "  }",
            "  void latchTimeout() throws Exception {",
            "    CountDownLatch started = new CountDownLatch(1);",
            "    exec.execute(() -> { busy.getAndIncrement(); started.countDown(); work(); });",
            "    started.await(1, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: `busy.getAndDecrement()` is ordered after the task's",
            "    busy.getAndDecrement();",
            "  }",
            "  void joinTimeout() throws Exception {",
            "    Thread t = new Thread(() -> { open.increment(); work(); });",
            "    t.start();",
            "    t.join(500);",
            "    // BUG: Diagnostic contains: `open.decrement()` is ordered after the task's",
            "    open.decrement();",
            "  }",
            "  void anotherCounter() throws Exception {",
            "    Future<?> f = exec.submit(() -> { inFlight.incrementAndGet(); work(); });",
            "    f.get(2, TimeUnit.SECONDS);",
            "    other.decrementAndGet();",
            "  }",
            "  void decrementedByTheTask() throws Exception {",
            "    Future<?> f =",
            "        exec.submit(",
            "            () -> {",
            "              inFlight.incrementAndGet();",
            "              try { work(); } finally { inFlight.decrementAndGet(); }",
            "            });",
            "    f.get(2, TimeUnit.SECONDS);",
            "  }",
            "  void untimedWait() throws Exception {",
            "    Future<?> f = exec.submit(() -> { inFlight.incrementAndGet(); work(); });",
            "    try {",
            "      f.get();",
            "    } finally {",
            "      inFlight.decrementAndGet();",
            "    }",
            "  }",
            "  void onlyWhenTheTaskEnded() throws Exception {",
            "    Future<?> f = exec.submit(() -> { inFlight.incrementAndGet(); work(); });",
            "    try {",
            "      f.get(2, TimeUnit.SECONDS);",
            "      inFlight.decrementAndGet();",
            "    } catch (TimeoutException e) {",
            "      f.cancel(true);",
            "    }",
            "  }",
            "  void callersOwnGauge() throws Exception {",
            "    inFlight.incrementAndGet();",
            "    try {",
            "      exec.submit(this::work).get(2, TimeUnit.SECONDS);",
            "    } finally {",
            "      inFlight.decrementAndGet();",
            "    }",
            "  }",
            "  void notACount() throws Exception {",
            "    Future<?> f = exec.submit(() -> { inFlight.addAndGet(1); work(); });",
            "    f.get(2, TimeUnit.SECONDS);",
            "    inFlight.addAndGet(-1);",
            "  }",
            "  private void work() {}",
            "}")
        .doTest();
  }

  /**
   * A count a waiter channel's granter keeps (of errors, of grants) is not what it hands the
   * waiter, and a count a caller keeps around work that a timeout abandons is its own gauge.
   */
  @Test
  void identificationCountsThatAreNoSlots() {
    helper
        .addSourceLines(
            "Pongs.java",
            "import java.util.ArrayDeque;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.atomic.AtomicLong;",
            "class Pongs {",
            "  private final ArrayDeque<CompletableFuture<Boolean>> pongs = new ArrayDeque<>();",
            "  private final AtomicLong errors = new AtomicLong();",
            "  private final AtomicLong inFlight = new AtomicLong();",
            "  private final ExecutorService exec = Executors.newCachedThreadPool();",
            "  void cleanUp() {",
            "    CompletableFuture<Boolean> b;",
            "    while ((b = pongs.poll()) != null) {",
            "      try {",
            "        b.cancel(true);",
            "      } catch (CancellationException e) {",
            "        processException(e);",
            "      }",
            "    }",
            "  }",
            "  void processException(Exception e) { errors.incrementAndGet(); }",
            "  boolean awaitPong(long timeout) throws Exception {",
            "    CompletableFuture<Boolean> f = new CompletableFuture<>();",
            "    pongs.add(f);",
            "    try {",
            "      return f.get(timeout, TimeUnit.MILLISECONDS);",
            "    } catch (TimeoutException e) {",
            "      return false;",
            "    }",
            "  }",
            "  CompletableFuture<String> call() {",
            "    inFlight.incrementAndGet();",
            "    return CompletableFuture.supplyAsync(() -> \"x\", exec)",
            "        .orTimeout(1, TimeUnit.SECONDS)",
            "        .whenComplete((r, e) -> inFlight.decrementAndGet());",
            "  }",
            "}")
        .doTest();
  }

  /** The task decrements in its own {@code finally}; the output compiles and is not reported. */
  @Test
  void replacement() {
    String[] fixed = {
      "import java.util.concurrent.*;",
      "import java.util.concurrent.atomic.*;",
      "class Slots {",
      "  private final AtomicInteger inFlight = new AtomicInteger();",
      "  private final ExecutorService exec = Executors.newCachedThreadPool();",
      "  void call() throws Exception {",
      "    Future<?> f = exec.submit(() -> { inFlight.incrementAndGet(); try { work(); }"
          + " finally { inFlight.decrementAndGet(); } });",
      "    try {",
      "      f.get(2, TimeUnit.SECONDS);",
      "    } catch (TimeoutException e) {",
      "      f.cancel(true);",
      "    }",
      "  }",
      "  private void work() {}",
      "}"
    };
    BugCheckerRefactoringTestHelper.newInstance(ReleaseOrderedByTimeout.class, getClass())
        .setArgs("-XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=true")
        .setFixChooser(RewriteOnly.FIRST)
        .addInputLines(
            "Slots.java",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.atomic.*;",
            "class Slots {",
            "  private final AtomicInteger inFlight = new AtomicInteger();",
            "  private final ExecutorService exec = Executors.newCachedThreadPool();",
            "  void call() throws Exception {",
            "    Future<?> f = exec.submit(() -> { inFlight.incrementAndGet(); work(); });",
            "    try {",
            "      f.get(2, TimeUnit.SECONDS);",
            "    } catch (TimeoutException e) {",
            "      f.cancel(true);",
            "    } finally {",
            "      inFlight.decrementAndGet();",
            "    }",
            "  }",
            "  private void work() {}",
            "}")
        .addOutputLines("Slots.java", fixed)
        .doTest();
    helper.addSourceLines("Slots.java", fixed).doTest();
  }
}
