package dev.stallcheck.summary;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import dev.stallcheck.flow.Value;
import dev.stallcheck.flow.ValueFlow;
import java.util.function.ToIntFunction;

/**
 * A condition on one parameter under which some code runs: the parameter equals (or differs from) a
 * constant. Read from the {@code if}s, {@code ?:}s and {@code switch}es around the code, so that a
 * summary for constant arguments leaves out what those arguments skip ({@code publish(e, false)}
 * with {@code if (block) q.put(e); else q.offer(e);}).
 */
record Guard(int parameter, Value constant, boolean equal) {

  /** Whether code under this guard may run when the parameter has {@code value}. */
  boolean admits(Value value) {
    Boolean same = value.sameAs(constant);
    return same == null || same == equal;
  }

  /**
   * The guards that hold whenever {@code condition} evaluates to {@code outcome}; {@code
   * parameterOf} gives the index of an effectively final parameter an identifier names, else -1.
   */
  static ImmutableList<Guard> implied(
      ExpressionTree condition, boolean outcome, ToIntFunction<ExpressionTree> parameterOf) {
    ImmutableList.Builder<Guard> guards = ImmutableList.builder();
    collect(condition, outcome, parameterOf, guards);
    return guards.build();
  }

  private static void collect(
      ExpressionTree condition,
      boolean outcome,
      ToIntFunction<ExpressionTree> parameterOf,
      ImmutableList.Builder<Guard> guards) {
    ExpressionTree e = ASTHelpers.stripParentheses(condition);
    switch (e.getKind()) {
      case LOGICAL_COMPLEMENT ->
          collect(((UnaryTree) e).getExpression(), !outcome, parameterOf, guards);
      case CONDITIONAL_AND, CONDITIONAL_OR -> {
        // a && b is true only if both are; a || b is false only if both are.
        if (outcome == (e.getKind() == Tree.Kind.CONDITIONAL_AND)) {
          collect(((BinaryTree) e).getLeftOperand(), outcome, parameterOf, guards);
          collect(((BinaryTree) e).getRightOperand(), outcome, parameterOf, guards);
        }
      }
      case EQUAL_TO, NOT_EQUAL_TO -> {
        BinaryTree comparison = (BinaryTree) e;
        boolean equal = outcome == (e.getKind() == Tree.Kind.EQUAL_TO);
        compare(
            comparison.getLeftOperand(), comparison.getRightOperand(), equal, parameterOf, guards);
        compare(
            comparison.getRightOperand(), comparison.getLeftOperand(), equal, parameterOf, guards);
      }
      case IDENTIFIER -> {
        int parameter = parameterOf.applyAsInt((IdentifierTree) e);
        if (parameter >= 0) {
          guards.add(new Guard(parameter, Value.constant(outcome), true));
        }
      }
      default -> {}
    }
  }

  private static void compare(
      ExpressionTree side,
      ExpressionTree other,
      boolean equal,
      ToIntFunction<ExpressionTree> parameterOf,
      ImmutableList.Builder<Guard> guards) {
    int parameter = parameterOf.applyAsInt(ASTHelpers.stripParentheses(side));
    Value constant = ValueFlow.originValue(other);
    boolean comparable =
        constant.equals(Value.NULL) || (constant.isKnown() && constant.classes() == null);
    if (parameter >= 0 && comparable) {
      guards.add(new Guard(parameter, constant, equal));
    }
  }
}
