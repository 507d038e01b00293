package dev.stallcheck.summary;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.stallcheck.BlockingPutUnderLock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Work on a generated module: {@code stages} classes of {@link #METHODS} chained methods behind one
 * interface (so call resolution joins every class into one big cycle), plus a static utility chain,
 * and a gateway calling into every class under a lock. Linearity is asserted on what the summaries
 * memoize (summaries and the call edges they were built from), which no machine's load changes;
 * time is measured by eval/benchmark.sh, not here.
 */
class SummaryPerformanceTest {
  private static final int METHODS = 50;

  /** Work of one compilation: summaries solved, and the call edges they were built from. */
  private record Cost(long solved, long edges) {}

  @Test
  void summariesAreLinearInModuleSize() {
    Cost small = measure(20);
    Cost large = measure(40);
    // Each node is solved once: at most a couple of nodes (body, dispatch) per method.
    assertTrue(large.solved() <= 2L * methodCount(40) + 100, "solved " + large.solved());
    // Twice the code, about twice the work (not four times).
    double solvedRatio = (double) large.solved() / small.solved();
    double edgeRatio = (double) large.edges() / small.edges();
    assertTrue(solvedRatio > 1.7 && solvedRatio < 2.3, "solved ratio " + solvedRatio);
    assertTrue(edgeRatio > 1.5 && edgeRatio < 2.6, "edge ratio " + edgeRatio);
  }

  /** The check itself on the generated module: the one chain within reach, and its send. */
  @Test
  void identificationOnGeneratedModule() {
    helper(BlockingPutUnderLock.class, 40, true).doTest();
  }

  private static int methodCount(int stages) {
    return stages * (METHODS + 1) + METHODS + 1;
  }

  private Cost measure(int stages) {
    helper(SummaryProbe.class, stages, true).doTest();
    BlockingSummaries summaries = SummaryProbe.lastSummaries;
    return new Cost(summaries.summariesSolved(), summaries.edgesSolved());
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
    gateway.add("  private boolean closed;");
    gateway.add("  synchronized void close() { closed = true; }");
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
