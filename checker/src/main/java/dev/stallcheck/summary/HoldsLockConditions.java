package dev.stallcheck.summary;

import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import dev.stallcheck.paths.AccessPath;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The monitor a condition's outcome says the current thread does not hold: {@code
 * Thread.holdsLock(m)} false, possibly negated, or one operand of an {@code &&} that is true or an
 * {@code ||} that is false. Code written under such a condition runs only without that monitor.
 */
final class HoldsLockConditions {
  private static final Matcher<ExpressionTree> HOLDS_LOCK =
      staticMethod().onClass("java.lang.Thread").named("holdsLock");

  private HoldsLockConditions() {}

  /**
   * The monitor, as {@code pathOf} names it, that is not held when {@code condition} has {@code
   * outcome}; null if the condition says nothing of one or names it by no path.
   */
  static @Nullable AccessPath notHeldWhen(
      ExpressionTree condition,
      boolean outcome,
      Function<ExpressionTree, @Nullable AccessPath> pathOf,
      VisitorState state) {
    ExpressionTree e = ASTHelpers.stripParentheses(condition);
    if (e instanceof UnaryTree not && e.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      return notHeldWhen(not.getExpression(), !outcome, pathOf, state);
    }
    if (e instanceof BinaryTree both
        && e.getKind() == (outcome ? Tree.Kind.CONDITIONAL_AND : Tree.Kind.CONDITIONAL_OR)) {
      AccessPath left = notHeldWhen(both.getLeftOperand(), outcome, pathOf, state);
      return left != null ? left : notHeldWhen(both.getRightOperand(), outcome, pathOf, state);
    }
    if (!outcome
        && e instanceof MethodInvocationTree call
        && call.getArguments().size() == 1
        && HOLDS_LOCK.matches(call, state)) {
      return pathOf.apply(ASTHelpers.stripParentheses(call.getArguments().get(0)));
    }
    return null;
  }
}
