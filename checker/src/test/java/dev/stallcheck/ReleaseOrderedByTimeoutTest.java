package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class ReleaseOrderedByTimeoutTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ReleaseOrderedByTimeout.class, getClass())
          .setArgs("-XepOpt:ReleaseOrderedByTimeout:RethrowAnalysisErrors=true")
          .addSourceLines(
              "demo/Resource.java",
              "package demo;",
              "public final class Resource {}")
          .addSourceLines(
              "demo/Pool.java",
              "package demo;",
              "import java.time.Duration;",
              "public class Pool {",
              "  public Resource acquire(Duration timeout) throws InterruptedException {",
              "    return new Resource();",
              "  }",
              "  public void release(Resource r) {}",
              "}");

  @Test
  void identificationIssueExampleLatch() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.time.Duration;",
            "import java.util.concurrent.CountDownLatch;",
            "import java.util.concurrent.TimeUnit;",
            "class Caller {",
            "  Pool pool = new Pool();",
            "  void doWork(Resource r) {}",
            "  void run() throws InterruptedException {",
            "    Resource[] holder = new Resource[1];",
            "    CountDownLatch done = new CountDownLatch(1);",
            "    new Thread(() -> {",
            "      try { holder[0] = pool.acquire(Duration.ofMillis(200)); doWork(holder[0]); }",
            "      catch (InterruptedException e) { Thread.currentThread().interrupt(); }",
            "      finally { done.countDown(); }",
            "    }).start();",
            "    done.await(300, TimeUnit.MILLISECONDS);",
            "    // BUG: Diagnostic contains: `pool.release(holder[0])` is ordered after the task's"
                + " `pool.acquire(...)` (line 12) only by the timeout of `done.await(300, MILLISECONDS)`"
                + " (line 16); if the wait times out first, this release runs before the acquire and"
                + " the acquired resource leaks.",
            "    if (holder[0] != null) pool.release(holder[0]);",
            "  }",
            "}")
        .doTest();
  }
}
