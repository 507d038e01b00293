package dev.stallcheck;

import static dev.stallcheck.TestSources.inserted;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.FixChoosers;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.bugpatterns.BugChecker;
import org.junit.jupiter.api.Test;

/**
 * The last-resort suppression every finding offers (issue 11, item 2) and {@code
 * -XepOpt:Stallcheck:Rollout=true}, under which it is the only fix and carries the baseline marker
 * (item 3). Both checks, on a method, a field and an initializer block.
 */
final class RolloutTest {
  private static final String ROLLOUT = "-XepOpt:Stallcheck:Rollout=true";
  private static final String BPUL_STRICT = "-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true";
  private static final String ROBT_STRICT =
      "-XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=true";
  private static final String MARK = " // stallcheck: rollout baseline, fix me";
  private static final String BASELINE = "@SuppressWarnings(\"BlockingPutUnderLock\")" + MARK;

  private static BugCheckerRefactoringTestHelper refactor(
      Class<? extends BugChecker> check, String... args) {
    return BugCheckerRefactoringTestHelper.newInstance(check, RolloutTest.class).setArgs(args);
  }

  private static final String[] SENDS = {
    "import java.util.concurrent.*;",
    "class Sends {",
    "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(8);",
    "  synchronized void send(String s) throws InterruptedException {",
    "    q.put(s);",
    "  }",
    "  private final Object lock = new Object();",
    "  private final Runnable task = () -> {",
    "    synchronized (lock) {",
    "      try { q.put(\"x\"); } catch (InterruptedException e) {}",
    "    }",
    "  };",
    "  {",
    "    synchronized (lock) {",
    "      try { q.put(\"init\"); } catch (InterruptedException e) {}",
    "    }",
    "  }",
    "  synchronized int pending() { return q.size(); }",
    "}"
  };

  /** Under Rollout, only the marked suppression: on the method, the field, the class. */
  @Test
  void replacementRolloutSuppressesEveryFindingAndChangesNothingElse() {
    refactor(BlockingPutUnderLock.class, BPUL_STRICT, ROLLOUT)
        .addInputLines("Sends.java", SENDS)
        .addOutputLines(
            "Sends.java",
            inserted(
                inserted(inserted(SENDS, 8, "  " + BASELINE), 4, "  " + BASELINE), 2, BASELINE))
        .doTest();
  }

  /** Once the baseline is in, the same code compiles clean; a new bug beside it is reported. */
  @Test
  void identificationBaselineIsCleanAndNewFindingsStillFail() {
    CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
        .setArgs(BPUL_STRICT)
        .addSourceLines(
            "Sends.java",
            "import java.util.concurrent.*;",
            "class Sends {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(8);",
            "  @SuppressWarnings(\"BlockingPutUnderLock\")" + MARK,
            "  synchronized void send(String s) throws InterruptedException {",
            "    q.put(s);",
            "  }",
            "  synchronized void sendAgain(String s) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `q.put(s)` can block while `this`",
            "    q.put(s);",
            "  }",
            "}")
        .doTest();
  }

  /** Without Rollout the suppression comes last and asks why; it keeps existing suppressions. */
  @Test
  void replacementSuppressionAsksWhyAndExtendsAnExistingAnnotation() {
    refactor(BlockingPutUnderLock.class, BPUL_STRICT)
        .setFixChooser(FixChoosers.THIRD)
        .addInputLines(
            "Sends.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "class Sends {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(8);",
            "  @SuppressWarnings(\"unchecked\")",
            "  synchronized void send(Object s) throws InterruptedException {",
            "    q.put((String) s);",
            "  }",
            "  synchronized int pending() { return q.size(); }",
            "}")
        .addOutputLines(
            "Sends.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "class Sends {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(8);",
            "  // TODO: why is blocking under this lock safe here?",
            "  @SuppressWarnings({\"unchecked\", \"BlockingPutUnderLock\"})",
            "  synchronized void send(Object s) throws InterruptedException {",
            "    q.put((String) s);",
            "  }",
            "  synchronized int pending() { return q.size(); }",
            "}")
        .doTest();
  }

  private static final String[] RELEASE = {
    "import java.util.concurrent.*;",
    "class Handler {",
    "  private final Semaphore permits = new Semaphore(4);",
    "  private final ExecutorService executor = Executors.newCachedThreadPool();",
    "  void handle() throws InterruptedException {",
    "    CountDownLatch done = new CountDownLatch(1);",
    "    executor.execute(() -> {",
    "      try { permits.acquire(); } catch (InterruptedException e) { return; }",
    "      done.countDown();",
    "    });",
    "    done.await(300, TimeUnit.MILLISECONDS);",
    "    permits.release();",
    "  }",
    "}"
  };

  @Test
  void replacementReleaseOrderedByTimeoutOffersTheSuppressionThatAsksWhy() {
    refactor(ReleaseOrderedByTimeout.class, ROBT_STRICT)
        .addInputLines("Handler.java", RELEASE)
        .addOutputLines(
            "Handler.java",
            inserted(
                RELEASE,
                5,
                "  @SuppressWarnings(\"ReleaseOrderedByTimeout\")"
                    + " // TODO: why can this release not run before the task's acquire?"))
        .doTest();
  }

  @Test
  void replacementReleaseOrderedByTimeoutUnderRollout() {
    refactor(ReleaseOrderedByTimeout.class, ROBT_STRICT, ROLLOUT)
        .addInputLines("Handler.java", RELEASE)
        .addOutputLines(
            "Handler.java",
            inserted(RELEASE, 5, "  @SuppressWarnings(\"ReleaseOrderedByTimeout\")" + MARK))
        .doTest();
  }
}
