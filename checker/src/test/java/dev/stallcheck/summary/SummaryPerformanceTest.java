package dev.stallcheck.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.stallcheck.BlockingPutUnderLock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cost on a generated module: {@code stages} classes of {@link #METHODS} chained methods behind one
 * interface (so call resolution joins every class into one big cycle), plus a static utility chain,
 * and a gateway calling into every class under a lock. Linearity is asserted on counted work units
 * (robust on a loaded machine); wall time is printed, never asserted (no timed tests).
 */
class SummaryPerformanceTest {
  private static final int METHODS = 50;

  /** Work units of one compilation: nodes walked, summaries solved, edges merged; and millis. */
  private record Cost(long walked, long solved, long merged, long millis) {}

  @Test
  void summariesAreLinearInModuleSize() {
    Cost small = measure(20);
    Cost large = measure(40);
    System.out.printf(
        "summaries: 20 stages (%d methods): %s%n40 stages (%d methods): %s%n",
        methodCount(20), small, methodCount(40), large);
    // Each node is walked once and solved once.
    assertEquals(large.walked(), large.solved());
    assertTrue(large.walked() <= 2L * methodCount(40) + 100, "walked " + large.walked());
    // Twice the code, about twice the work (not four times).
    double walkedRatio = (double) large.walked() / small.walked();
    double mergedRatio = (double) large.merged() / small.merged();
    assertTrue(walkedRatio > 1.7 && walkedRatio < 2.3, "walked ratio " + walkedRatio);
    assertTrue(mergedRatio > 1.5 && mergedRatio < 2.6, "merged ratio " + mergedRatio);
  }

  @Test
  void checkerOverheadOnGeneratedModule() {
    int stages = 40;
    long baseline = time(NoCheck.class, stages, false);
    long withCheck = time(BlockingPutUnderLock.class, stages, true);
    long probeOnly = time(SummaryProbe.class, stages, true);
    System.out.printf(
        "compiling %d methods: no check %d ms, BlockingPutUnderLock %d ms, summaries alone %d ms%n",
        methodCount(stages), baseline, withCheck, probeOnly);
  }

  /** The baseline: the same compilation with a check that does nothing. */
  @BugPattern(summary = "does nothing", severity = BugPattern.SeverityLevel.ERROR)
  public static final class NoCheck extends BugChecker {}

  private static int methodCount(int stages) {
    return stages * (METHODS + 1) + METHODS + 1;
  }

  private Cost measure(int stages) {
    long start = System.nanoTime();
    helper(SummaryProbe.class, stages, true).doTest();
    long millis = (System.nanoTime() - start) / 1_000_000;
    BlockingSummaries summaries = SummaryProbe.lastSummaries;
    return new Cost(
        summaries.nodesWalked(), summaries.summariesSolved(), summaries.edgesMerged(), millis);
  }

  private long time(Class<? extends BugChecker> checker, int stages, boolean expect) {
    long start = System.nanoTime();
    helper(checker, stages, expect).doTest();
    return (System.nanoTime() - start) / 1_000_000;
  }

  private CompilationTestHelper helper(
      Class<? extends BugChecker> checker, int stages, boolean expect) {
    CompilationTestHelper helper =
        CompilationTestHelper.newInstance(checker, getClass())
            .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true");
    helper.addSourceLines("Stage.java", "interface Stage {", "  void run(int d);", "}");
    for (int i = 0; i < stages; i++) {
      // The check also reports the send itself, reached under the gateway's lock (its fix is
      // there).
      boolean sendReported = expect && checker == BlockingPutUnderLock.class;
      helper.addSourceLines(
          "S" + i + ".java", stage(i, stages, sendReported).toArray(new String[0]));
    }
    List<String> util = new ArrayList<>();
    util.add("final class Util {");
    for (int j = 0; j < METHODS; j++) {
      util.add(
          "  static int f"
              + j
              + "(int x) { return "
              + (j + 1 < METHODS ? "f" + (j + 1) + "(x + 1)" : "x")
              + "; }");
    }
    util.add("}");
    helper.addSourceLines("Util.java", util.toArray(new String[0]));
    List<String> gateway = new ArrayList<>();
    gateway.add("class Gateway {");
    for (int i = 0; i < stages; i++) {
      gateway.add("  private final S" + i + " s" + i + " = new S" + i + "();");
    }
    gateway.add("  synchronized void broadcast() {");
    for (int i = 0; i < stages; i++) {
      // Only the last stage puts within reach of the lock (SummaryLimits.maxChainDepth);
      // the others reach that put only through the whole module.
      boolean reported = expect && i == stages - 1;
      gateway.add(reported ? "    // BUG: Diagnostic contains: S" + i + ".m0 → `q.put(d)`" : "");
      gateway.add("    s" + i + ".m0(3);");
    }
    gateway.add("  }");
    gateway.add("}");
    helper.addSourceLines("Gateway.java", gateway.toArray(new String[0]));
    return helper;
  }

  /** Class S{i}: m0 → m1 → … → m49 → next.run (any stage); the last stage's m0 also puts. */
  private static List<String> stage(int i, int stages, boolean sendReported) {
    List<String> lines = new ArrayList<>();
    lines.add("import java.util.concurrent.*;");
    lines.add("class S" + i + " implements Stage {");
    lines.add("  private final BlockingQueue<Integer> q = new ArrayBlockingQueue<>(8);");
    // Protected: set outside this compilation, so any stage may follow (one big cycle).
    lines.add("  protected Stage next;");
    lines.add("  @Override public void run(int d) { m0(d); }");
    for (int j = 0; j < METHODS; j++) {
      String body;
      if (j + 1 < METHODS) {
        body = "if (d > 0) m" + (j + 1) + "(d - 1); Util.f" + (j % 10) + "(d);";
      } else {
        body = "if (next != null) next.run(d);";
      }
      if (j == 0 && i == stages - 1) {
        if (sendReported) {
          lines.add("  // BUG: Diagnostic contains: can block while a caller holds `Gateway.this`");
        }
        body =
            "try { q.put(d); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }"
                + " "
                + body;
      }
      lines.add("  void m" + j + "(int d) { " + body + " }");
    }
    lines.add("}");
    return lines;
  }
}
