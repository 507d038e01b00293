package dev.stallcheck.release;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.Tree;
import org.jspecify.annotations.Nullable;

/**
 * A body's own code: what runs on the body's thread when the body runs. A lambda or class the body
 * declares runs later or elsewhere, so the scans of a submitting method ({@link DirectCalls}) and
 * of a task or helper ({@link BodyFlow}) skip them.
 */
final class OwnCode {
  private OwnCode() {}

  /** True if {@code tree} is code a body declares but does not run itself. */
  static boolean runsElsewhere(@Nullable Tree tree) {
    return tree instanceof LambdaExpressionTree || tree instanceof ClassTree;
  }
}
