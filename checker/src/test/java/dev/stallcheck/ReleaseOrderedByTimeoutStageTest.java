package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** The timeout itself releases: a release in a callback of a future that a timeout completes. */
class ReleaseOrderedByTimeoutStageTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ReleaseOrderedByTimeout.class, getClass())
          .setArgs("-XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=true");

  private static String[] bulkhead(String... body) {
    String[] head = {
      "package demo;",
      "import java.util.concurrent.CompletableFuture;",
      "import java.util.concurrent.Semaphore;",
      "import java.util.concurrent.TimeUnit;",
      "import java.util.function.Supplier;",
      "class Bulkhead {",
      "  private final Semaphore permits = new Semaphore(10);",
      "  <T> CompletableFuture<T> run(Supplier<T> work) {",
      "    if (!permits.tryAcquire()) {",
      "      return CompletableFuture.failedFuture(new IllegalStateException(\"full\"));",
      "    }",
    };
    return Lines.of(head, body, new String[] {"  }", "}"});
  }

  @Test
  void identificationPermitReleasedWhenTheTimeoutFires() {
    helper
        .addSourceLines(
            "demo/Bulkhead.java",
            bulkhead(
                "    return CompletableFuture.supplyAsync(work)",
                "        .orTimeout(1, TimeUnit.SECONDS)",
                "        // BUG: Diagnostic contains: `permits.release()` runs in `CompletableFuture.supplyAsync(work)"
                    + ".orTimeout(1, SECONDS).whenComplete(...)`, which a timeout may trigger while the work started"
                    + " by `CompletableFuture.supplyAsync(...)` (line 12) still runs",
                "        .whenComplete((result, failure) -> permits.release());"))
        .doTest();
  }

  @Test
  void identificationTimeoutGivenToTheVariableElsewhere() {
    helper
        .addSourceLines(
            "demo/Bulkhead.java",
            bulkhead(
                "    CompletableFuture<T> result = CompletableFuture.supplyAsync(work);",
                "    result.orTimeout(1, TimeUnit.SECONDS);",
                "    return result.thenApply(r -> r).whenComplete((r, failure) -> {",
                "      // BUG: Diagnostic contains: a timeout may trigger",
                "      permits.release();",
                "    });"))
        .doTest();
  }

  @Test
  void negativeReleaseWhenTheWorkEnds() {
    helper
        .addSourceLines(
            "demo/Bulkhead.java",
            bulkhead(
                "    return CompletableFuture.supplyAsync(() -> {",
                "          try {",
                "            return work.get();",
                "          } finally {",
                "            permits.release();",
                "          }",
                "        })",
                "        .orTimeout(1, TimeUnit.SECONDS);"))
        .doTest();
  }

  @Test
  void negativeNoTimeout() {
    helper
        .addSourceLines(
            "demo/Bulkhead.java",
            bulkhead(
                "    return CompletableFuture.supplyAsync(work).whenComplete((r, failure) -> permits.release());"))
        .doTest();
  }

  @Test
  void negativeTimeoutOnAnotherFuture() {
    helper
        .addSourceLines(
            "demo/Bulkhead.java",
            bulkhead(
                "    CompletableFuture<T> result = CompletableFuture.supplyAsync(work);",
                "    CompletableFuture<T> watched = result.thenApply(r -> r);",
                "    result.whenComplete((r, failure) -> permits.release());",
                "    return watched.orTimeout(1, TimeUnit.SECONDS);"))
        .doTest();
  }

  @Test
  void negativeCallbackReleasesSomethingElse() {
    helper
        .addSourceLines(
            "demo/Bulkhead.java",
            bulkhead(
                "    Semaphore other = new Semaphore(1);",
                "    return CompletableFuture.supplyAsync(work)",
                "        .orTimeout(1, TimeUnit.SECONDS)",
                "        .whenComplete((result, failure) -> other.release());"))
        .doTest();
  }
}
