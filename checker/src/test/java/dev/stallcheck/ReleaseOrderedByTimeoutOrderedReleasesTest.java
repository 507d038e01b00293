package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Releases ordered by real synchronization, from the list, each beside the twin that only a
 * timeout orders: a compare-and-set hand-off, and a release guarded by the wait's success with a
 * timeout path that leaves the release to a cleaner waiting for the task.
 */
class ReleaseOrderedByTimeoutOrderedReleasesTest {
  private final CompilationTestHelper helper = ReleaseCheckTests.withPool(getClass());

  /**
   * The task publishes into {@code slot} with {@code publish}; the caller takes the slot after a
   * timed wait and releases what it found.
   */
  private static String[] slotHandOff(String publish, String... beforeRelease) {
    String[] head = {
      "package demo;",
      "import java.util.concurrent.*;",
      "import java.util.concurrent.atomic.AtomicReference;",
      "class Handler {",
      "  static final Pool.Conn GAVE_UP = new Pool.Conn();",
      "  void handle(Pool pool, ExecutorService executor) throws Exception {",
      "    AtomicReference<Pool.Conn> slot = new AtomicReference<>();",
      "    Future<?> f = executor.submit(() -> {",
      "      Pool.Conn conn = pool.acquire();",
      "      " + publish,
      "      return null;",
      "    });",
      "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
      "    Pool.Conn found = slot.getAndSet(GAVE_UP);",
    };
    return Lines.of(
        head,
        beforeRelease,
        new String[] {"    if (found != null) pool.release(found);", "  }", "}"});
  }

  /** Whoever comes second releases: the task when the caller already gave up. */
  @Test
  void negativeCompareAndSetHandOff() {
    helper
        .addSourceLines(
            "demo/Handler.java",
            slotHandOff("if (!slot.compareAndSet(null, conn)) pool.release(conn);"))
        .doTest();
  }

  @Test
  void identificationPlainSetHandOff() {
    helper
        .addSourceLines(
            "demo/Handler.java",
            slotHandOff(
                "slot.set(conn);",
                "    // BUG: Diagnostic contains: is ordered after the task's `pool.acquire()` (line 9)"
                    + " only by the timeout of `f.get(1, SECONDS)` (line 13)"))
        .doTest();
  }

  /** A latch the task counts down; released when the wait succeeded, else by {@code onTimeout}. */
  private static String[] guarded(String... onTimeout) {
    String[] head = {
      "package demo;",
      "import java.util.concurrent.*;",
      "class Handler {",
      "  void handle(Pool pool, ExecutorService executor) throws Exception {",
      "    Pool.Conn[] holder = new Pool.Conn[1];",
      "    CountDownLatch done = new CountDownLatch(1);",
      "    executor.execute(() -> {",
      "      try { holder[0] = pool.acquire(); } catch (InterruptedException e) { }",
      "      finally { done.countDown(); }",
      "    });",
    };
    return Lines.of(
        head,
        onTimeout,
        new String[] {
          "    if (done.await(300, TimeUnit.MILLISECONDS)) {",
          "      pool.release(holder[0]);",
          "    } else {",
          "      executor.execute(() -> {",
          "        try { done.await(); } catch (InterruptedException e) { return; }",
          "        pool.release(holder[0]);",
          "      });",
          "    }",
          "  }",
          "}"
        });
  }

  @Test
  void negativeGuardedReleaseWithACleanerOnTheTimeoutPath() {
    helper.addSourceLines("demo/Handler.java", guarded()).doTest();
  }

  @Test
  void identificationGuardedReleaseButAnUnguardedOneBeforeIt() {
    helper
        .addSourceLines(
            "demo/Handler.java",
            guarded(
                "    done.await(100, TimeUnit.MILLISECONDS);",
                "    // BUG: Diagnostic contains: only by the timeout of `done.await(100, MILLISECONDS)`",
                "    pool.release(holder[0]);"))
        .doTest();
  }
}
