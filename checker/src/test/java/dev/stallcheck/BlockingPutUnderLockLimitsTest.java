package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The options that bound how far the summaries look ({@code MaxChainDepth}, {@code
 * MaxCallContexts}, {@code MaxCallContextsForOneMethod}): each against the default on the same
 * code.
 */
final class BlockingPutUnderLockLimitsTest {
  private static CompilationTestHelper helper(String... flags) {
    String[] args = new String[flags.length + 1];
    args[0] = "-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true";
    System.arraycopy(flags, 0, args, 1, flags.length);
    return CompilationTestHelper.newInstance(
            BlockingPutUnderLock.class, BlockingPutUnderLockLimitsTest.class)
        .setArgs(args);
  }

  /** A send three methods below the lock: {@code first → second → third → put}. */
  private static final String[] THREE_DEEP = {
    "import java.util.concurrent.*;",
    "class Chain {",
    "  private final BlockingQueue<Integer> q = new ArrayBlockingQueue<>(1);",
    "  synchronized void locked() throws InterruptedException {",
    "    // BUG: Diagnostic contains: Chain.first → Chain.second → Chain.third → `q.put(1)`",
    "    first();",
    "  }",
    "  void first() throws InterruptedException { second(); }",
    "  void second() throws InterruptedException { third(); }",
    "  void third() throws InterruptedException {",
    "    // BUG: Diagnostic contains: can block while a caller holds",
    "    q.put(1);",
    "  }",
    "}"
  };

  @Test
  void identificationChainWithinTheDefaultDepth() {
    helper().addSourceLines("Chain.java", THREE_DEEP).doTest();
  }

  @Test
  void negativeChainPastMaxChainDepth() {
    helper("-XepOpt:BlockingPutUnderLock:MaxChainDepth=2")
        .addSourceLines(
            "Chain.java",
            Arrays.stream(THREE_DEEP)
                .filter(line -> !line.contains("BUG: Diagnostic"))
                .toArray(String[]::new))
        .doTest();
  }

  @Test
  void identificationChainAtMaxChainDepth() {
    helper("-XepOpt:BlockingPutUnderLock:MaxChainDepth=3")
        .addSourceLines("Chain.java", THREE_DEEP)
        .doTest();
  }

  /**
   * A dispatcher that puts only for one constant, called under locks with two others. It is public,
   * so calls from elsewhere may pass any constant: only call contexts keep the two calls' constants
   * apart. Each call in its own context is silent; a call past the budget is analysed in a context
   * that knows nothing, and reaches the put.
   */
  private static String[] dispatcher(String secondCallExpectation) {
    return new String[] {
      "import java.util.concurrent.*;",
      "public class Dispatch {",
      "  private final BlockingQueue<Integer> q = new ArrayBlockingQueue<>(1);",
      "  public void dispatch(int kind) throws InterruptedException {",
      "    if (kind == 1) {",
      secondCallExpectation.isEmpty()
          ? ""
          : "      // BUG: Diagnostic contains: can block while a caller holds",
      "      q.put(kind);",
      "    } else {",
      "      q.offer(kind);",
      "    }",
      "  }",
      "  synchronized void sendThree() throws InterruptedException {",
      "    dispatch(3);",
      "  }",
      "  synchronized void sendTwo() throws InterruptedException {",
      secondCallExpectation,
      "    dispatch(2);",
      "  }",
      "}"
    };
  }

  @Test
  void negativeDispatcherInItsOwnContexts() {
    helper().addSourceLines("Dispatch.java", dispatcher("")).doTest();
  }

  @Test
  void identificationDispatcherPastMaxCallContexts() {
    helper(
            "-XepOpt:BlockingPutUnderLock:MaxCallContexts=1",
            "-XepOpt:BlockingPutUnderLock:MaxCallContextsForOneMethod=1")
        .addSourceLines(
            "Dispatch.java",
            dispatcher("    // BUG: Diagnostic contains: Dispatch.dispatch → `q.put(kind)`"))
        .doTest();
  }
}
