package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** One method of an object starts the task, another waits for it with a timeout and releases. */
class ReleaseOrderedByTimeoutAcrossMethodsTest {
  private final CompilationTestHelper helper = ReleaseCheckTests.withPool(getClass());

  private static String[] service(String... stop) {
    String[] head = {
      "package demo;",
      "class Service {",
      "  private final Pool pool;",
      "  private Thread worker;",
      "  private volatile Pool.Conn connection;",
      "  Service(Pool pool) { this.pool = pool; }",
      "  void start() {",
      "    worker = new Thread(() -> {",
      "      try {",
      "        connection = pool.acquire();",
      "      } catch (InterruptedException e) {",
      "        Thread.currentThread().interrupt();",
      "      }",
      "    });",
      "    worker.start();",
      "  }",
      "  void stop() throws InterruptedException {",
    };
    return Lines.of(head, stop, new String[] {"  }", "}"});
  }

  @Test
  void identificationStopReleasesAfterATimedJoinOfTheThreadStartStarted() {
    helper
        .addSourceLines(
            "demo/Service.java",
            service(
                "    worker.join(1000);",
                "    // BUG: Diagnostic contains: `pool.release(connection)` is ordered after the task's"
                    + " `pool.acquire()` (line 10) only by the timeout of `worker.join(1000)` (line 18)",
                "    pool.release(connection);"))
        .doTest();
  }

  @Test
  void negativeStopWaitsUntilTheThreadEnds() {
    helper
        .addSourceLines(
            "demo/Service.java", service("    worker.join();", "    pool.release(connection);"))
        .doTest();
  }

  @Test
  void negativeStopReleasesOnlyWhenTheThreadHasEnded() {
    helper
        .addSourceLines(
            "demo/Service.java",
            service(
                "    worker.join(1000);",
                "    if (!worker.isAlive()) {",
                "      pool.release(connection);",
                "    }"))
        .doTest();
  }

  @Test
  void negativeStopSleepsInsteadOfWaitingOnTheTask() {
    helper
        .addSourceLines(
            "demo/Service.java",
            service("    Thread.sleep(1000);", "    pool.release(connection);"))
        .doTest();
  }
}
