package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** Timed waits made in helpers of the submitting method, at any depth. */
class ReleaseOrderedByTimeoutWaitHelpersTest {
  private final CompilationTestHelper helper = ReleaseCheckTests.withPool(getClass());

  /** A submitting method that waits through {@code waitCall} and then releases. */
  private static String[] caller(String waitCall, String... helpers) {
    String[] head = {
      "package demo;",
      "import java.util.concurrent.CountDownLatch;",
      "import java.util.concurrent.ExecutorService;",
      "import java.util.concurrent.TimeUnit;",
      "class Handler {",
      "  void handle(Pool pool, ExecutorService executor) throws InterruptedException {",
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
      "    " + waitCall,
      "    pool.release(holder[0]);",
      "  }",
    };
    return Lines.of(head, helpers, new String[] {"}"});
  }

  private static final String AWAIT_QUIETLY =
      "  static void awaitQuietly(CountDownLatch latch, long ms) {"
          + " try { latch.await(ms, TimeUnit.MILLISECONDS); }"
          + " catch (InterruptedException e) { Thread.currentThread().interrupt(); } }";

  @Test
  void identificationWaitInAHelperThatGivesUpQuietly() {
    String[] source = caller("awaitQuietly(done, 300);", AWAIT_QUIETLY);
    source[18] =
        "    // BUG: Diagnostic contains: only by the timeout of `awaitQuietly(done, 300)` (line 18)\n"
            + source[18];
    helper.addSourceLines("demo/Handler.java", source).doTest();
  }

  @Test
  void identificationWaitTwoHelpersDown() {
    String[] source =
        caller(
            "waitFor(done);",
            AWAIT_QUIETLY,
            "  private void waitFor(CountDownLatch latch) { awaitQuietly(latch, 300); }");
    source[18] =
        "    // BUG: Diagnostic contains: only by the timeout of `waitFor(done)`\n" + source[18];
    helper.addSourceLines("demo/Handler.java", source).doTest();
  }

  @Test
  void negativeHelperThatWaitsUntilTheLatchOpens() {
    helper
        .addSourceLines(
            "demo/Handler.java",
            caller(
                "awaitFully(done);",
                "  static void awaitFully(CountDownLatch latch) throws InterruptedException {"
                    + " while (!latch.await(1, TimeUnit.SECONDS)) { System.err.println(\"still waiting\"); } }"))
        .doTest();
  }

  @Test
  void negativeHelperThatThrowsOnTimeout() {
    helper
        .addSourceLines(
            "demo/Handler.java",
            caller(
                "awaitOrFail(done);",
                "  static void awaitOrFail(CountDownLatch latch) throws InterruptedException {"
                    + " if (!latch.await(1, TimeUnit.SECONDS)) { throw new IllegalStateException(\"timed out\"); } }"))
        .doTest();
  }

  @Test
  void negativeHelperThatTellsWhetherTheWaitSucceeded() {
    helper
        .addSourceLines(
            "demo/Handler.java",
            caller(
                "if (!awaitBriefly(done)) { return; }",
                "  static boolean awaitBriefly(CountDownLatch latch) throws InterruptedException {"
                    + " return latch.await(1, TimeUnit.SECONDS); }"))
        .doTest();
  }

  @Test
  void negativeHelperWaitingOnSomethingElse() {
    helper
        .addSourceLines(
            "demo/Handler.java",
            caller(
                "pause(new CountDownLatch(1)); done.await();",
                AWAIT_QUIETLY,
                "  static void pause(CountDownLatch other) { awaitQuietly(other, 10); }"))
        .doTest();
  }
}
