package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** The submitting method releases through a helper of any depth, or a lambda it runs. */
class ReleaseOrderedByTimeoutHelperReleaseTest {
  private final CompilationTestHelper helper =
      ReleaseCheckTests.withPool(getClass())
          .addSourceLines(
              "demo/Pools.java",
              "package demo;",
              "final class Pools {",
              "  private Pools() {}",
              "  static void releaseQuietly(Pool pool, Pool.Conn conn) {",
              "    if (conn != null) {",
              "      giveBack(pool, conn);",
              "    }",
              "  }",
              "  private static void giveBack(Pool p, Pool.Conn c) {",
              "    p.release(c);",
              "  }",
              "  static void log(Pool pool, Pool.Conn conn) {}",
              "}");

  /** A method that submits a task acquiring into {@code holder[0]}, then waits and releases. */
  private static String[] handler(String... afterSubmit) {
    String[] head = {
      "package demo;",
      "import java.util.concurrent.*;",
      "import java.util.concurrent.atomic.AtomicBoolean;",
      "class Handler {",
      "  void handle(Pool pool, ExecutorService executor) throws Exception {",
      "    Pool.Conn[] holder = new Pool.Conn[1];",
      "    Future<?> f = executor.submit(() -> { holder[0] = pool.acquire(); return null; });",
    };
    return Lines.of(head, afterSubmit, new String[] {"  }", "}"});
  }

  @Test
  void identificationReleaseInAHelperTwoDeepInAnotherFile() {
    helper
        .addSourceLines(
            "demo/Handler.java",
            handler(
                "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
                "    // BUG: Diagnostic contains: `Pools.releaseQuietly(pool, holder[0])`, which releases"
                    + " through Pools.releaseQuietly → Pools.giveBack → `p.release(c)` (Pools.java:10),"
                    + " is ordered after the task's `pool.acquire()` (line 7) only by the timeout of"
                    + " `f.get(1, SECONDS)` (line 8)",
                "    Pools.releaseQuietly(pool, holder[0]);"))
        .doTest();
  }

  /**
   * Helpers that call each other in a cycle ({@code drain → step → drain}), where the cycle's other
   * method ends in {@code bottom}.
   */
  private static String[] retries(String bottom) {
    return new String[] {
      "package demo;",
      "final class Retries {",
      "  private Retries() {}",
      "  static void drain(int n, Pool pool, Pool.Conn conn) {",
      "    if (n > 0) { step(n - 1, conn, pool); }",
      "  }",
      "  private static void step(int n, Pool.Conn c, Pool p) {",
      "    if (n == 0) { " + bottom + " } else { drain(n, p, c); }",
      "  }",
      "}"
    };
  }

  @Test
  void identificationReleaseThroughARecursiveCycleOfHelpers() {
    helper
        .addSourceLines("demo/Retries.java", retries("p.release(c);"))
        .addSourceLines(
            "demo/Handler.java",
            handler(
                "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
                "    // BUG: Diagnostic contains: `Retries.drain(3, pool, holder[0])`, which releases"
                    + " through Retries.drain → Retries.step → `p.release(c)` (Retries.java:8),"
                    + " is ordered after the task's `pool.acquire()` (line 7) only by the timeout",
                "    Retries.drain(3, pool, holder[0]);"))
        .doTest();
  }

  @Test
  void negativeRecursiveCycleOfHelpersThatDoesNotRelease() {
    helper
        .addSourceLines("demo/Retries.java", retries("Pools.log(p, c);"))
        .addSourceLines(
            "demo/Handler.java",
            handler(
                "    // The abandoned hand-off is reported on the wait; the call below is silent.",
                "    // BUG: Diagnostic contains: a `Conn` that the task acquires afterwards (line 7) is never released",
                "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
                "    Retries.drain(3, pool, holder[0]);"))
        .doTest();
  }

  @Test
  void negativeHelperThatDoesNotRelease() {
    helper
        .addSourceLines(
            "demo/Handler.java",
            handler(
                "    // The abandoned hand-off is reported on the wait; the call below is silent.",
                "    // BUG: Diagnostic contains: a `Conn` that the task acquires afterwards (line 7) is never released",
                "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
                "    Pools.log(pool, holder[0]);"))
        .doTest();
  }

  @Test
  void negativeHelperCalledOnlyWhenTheWorkCompleted() {
    helper
        .addSourceLines(
            "demo/Handler.java",
            handler(
                "    // The abandoned hand-off is reported on the wait; the call below is silent.",
                "    // BUG: Diagnostic contains: a `Conn` that the task acquires afterwards (line 7) is never released",
                "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { return; }",
                "    Pools.releaseQuietly(pool, holder[0]);"))
        .doTest();
  }

  @Test
  void negativeHelperReleasesAnotherPool() {
    helper
        .addSourceLines(
            "demo/Handler.java",
            handler(
                "    Pool other = new Pool();",
                "    // The abandoned hand-off is reported on the wait; the call below is silent.",
                "    // BUG: Diagnostic contains: a `Conn` that the task acquires afterwards (line 7) is never released",
                "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
                "    Pools.releaseQuietly(other, holder[0]);"))
        .doTest();
  }

  @Test
  void identificationRunnableThatReleasesOnce() {
    helper
        .addSourceLines(
            "demo/Handler.java",
            handler(
                "    AtomicBoolean released = new AtomicBoolean();",
                "    Runnable releaseOnce = () -> {",
                "      if (released.compareAndSet(false, true)) {",
                "        Pools.releaseQuietly(pool, holder[0]);",
                "      }",
                "    };",
                "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
                "    // BUG: Diagnostic contains: `releaseOnce.run()`, which releases through the lambda in"
                    + " `releaseOnce` → Pools.releaseQuietly → Pools.giveBack → `p.release(c)`"
                    + " (Pools.java:10), is ordered after",
                "    releaseOnce.run();"))
        .doTest();
  }

  @Test
  void negativeRunnableThatDoesNotRelease() {
    helper
        .addSourceLines(
            "demo/Handler.java",
            handler(
                "    Runnable report = () -> Pools.log(pool, holder[0]);",
                "    // The abandoned hand-off is reported on the wait; the call below is silent.",
                "    // BUG: Diagnostic contains: a `Conn` that the task acquires afterwards (line 7) is never released",
                "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
                "    report.run();"))
        .doTest();
  }

  @Test
  void negativeRunnableRunAfterAnUntimedWait() {
    helper
        .addSourceLines(
            "demo/Handler.java",
            handler(
                "    Runnable releaseOnce = () -> Pools.releaseQuietly(pool, holder[0]);",
                "    f.get();",
                "    releaseOnce.run();"))
        .doTest();
  }

  @Test
  void identificationReleaseInAnInstanceHelperOnThis() {
    helper
        .addSourceLines(
            "demo/Worker.java",
            "package demo;",
            "import java.util.concurrent.*;",
            "class Worker {",
            "  private final Pool pool = new Pool();",
            "  private final Pool.Conn[] holder = new Pool.Conn[1];",
            "  private void cleanUp() { pool.release(holder[0]); }",
            "  void handle(ExecutorService executor) throws Exception {",
            "    Future<?> f = executor.submit(() -> { holder[0] = pool.acquire(); return null; });",
            "    try {",
            "      f.get(1, TimeUnit.SECONDS);",
            "    } finally {",
            "      // BUG: Diagnostic contains: `cleanUp()`, which releases through Worker.cleanUp →"
                + " `pool.release(holder[0])` (line 6), is ordered",
            "      cleanUp();",
            "    }",
            "  }",
            "  void handleOrdered(ExecutorService executor) throws Exception {",
            "    Future<?> f = executor.submit(() -> { holder[0] = pool.acquire(); return null; });",
            "    try {",
            "      f.get();",
            "    } finally {",
            "      cleanUp();",
            "    }",
            "  }",
            "}")
        .doTest();
  }
}
