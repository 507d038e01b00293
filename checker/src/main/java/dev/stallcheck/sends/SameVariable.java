package dev.stallcheck.sends;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import org.jspecify.annotations.Nullable;

/**
 * Whether two receivers or arguments name the same variable, through parentheses: the queue of a
 * send and of its alternative, the semaphore of an acquire and of its release.
 */
public final class SameVariable {
  private SameVariable() {}

  /** Whether {@code a} and {@code b} name the same variable (both null: the implicit receiver). */
  public static boolean of(@Nullable ExpressionTree a, @Nullable ExpressionTree b) {
    if (a == null || b == null) {
      return a == b;
    }
    return ASTHelpers.sameVariable(ASTHelpers.stripParentheses(a), ASTHelpers.stripParentheses(b));
  }
}
