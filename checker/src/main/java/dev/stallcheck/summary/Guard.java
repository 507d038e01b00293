package dev.stallcheck.summary;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.stallcheck.flow.Value;
import dev.stallcheck.flow.ValueFlow;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A condition on one parameter under which some code runs: the parameter (or a final field of the
 * object it is, {@code evt.getType()}) equals (or differs from) a constant. Read from the {@code
 * if}s, {@code ?:}s and {@code switch}es around the code, so that a summary for constant arguments
 * leaves out what those arguments skip ({@code publish(e, false)} with {@code if (block) q.put(e);
 * else q.offer(e);}, {@code down(new Event(Event.CONNECT))} with {@code switch (evt.getType())}).
 */
record Guard(int parameter, @Nullable VarSymbol field, Value constant, boolean equal) {

  /** What a guard tests: a parameter, or one of the final fields of the object it is. */
  record Subject(int parameter, @Nullable VarSymbol field) {}

  Guard(Subject subject, Value constant, boolean equal) {
    this(subject.parameter(), subject.field(), constant, equal);
  }

  /** Whether code under this guard may run when the parameter has {@code value}. */
  boolean admits(Value value) {
    Boolean same = (field == null ? value : value.field(field)).sameAs(constant);
    return same == null || same == equal;
  }

  /**
   * The guards that hold whenever {@code condition} evaluates to {@code outcome}; {@code subjectOf}
   * gives what an expression reads of an effectively final parameter, else null.
   */
  static ImmutableList<Guard> implied(
      ExpressionTree condition,
      boolean outcome,
      Function<ExpressionTree, @Nullable Subject> subjectOf) {
    ImmutableList.Builder<Guard> guards = ImmutableList.builder();
    collect(condition, outcome, subjectOf, guards);
    return guards.build();
  }

  private static void collect(
      ExpressionTree condition,
      boolean outcome,
      Function<ExpressionTree, @Nullable Subject> subjectOf,
      ImmutableList.Builder<Guard> guards) {
    ExpressionTree e = ASTHelpers.stripParentheses(condition);
    switch (e.getKind()) {
      case LOGICAL_COMPLEMENT ->
          collect(((UnaryTree) e).getExpression(), !outcome, subjectOf, guards);
      case CONDITIONAL_AND, CONDITIONAL_OR -> {
        // a && b is true only if both are; a || b is false only if both are.
        if (outcome == (e.getKind() == Tree.Kind.CONDITIONAL_AND)) {
          collect(((BinaryTree) e).getLeftOperand(), outcome, subjectOf, guards);
          collect(((BinaryTree) e).getRightOperand(), outcome, subjectOf, guards);
        }
      }
      case EQUAL_TO, NOT_EQUAL_TO -> {
        BinaryTree comparison = (BinaryTree) e;
        boolean equal = outcome == (e.getKind() == Tree.Kind.EQUAL_TO);
        compare(
            comparison.getLeftOperand(), comparison.getRightOperand(), equal, subjectOf, guards);
        compare(
            comparison.getRightOperand(), comparison.getLeftOperand(), equal, subjectOf, guards);
      }
      case IDENTIFIER, MEMBER_SELECT, METHOD_INVOCATION -> {
        Subject subject = subjectOf.apply(e);
        if (subject != null) {
          guards.add(new Guard(subject, Value.constant(outcome), true));
        }
      }
      default -> {}
    }
  }

  private static void compare(
      ExpressionTree side,
      ExpressionTree other,
      boolean equal,
      Function<ExpressionTree, @Nullable Subject> subjectOf,
      ImmutableList.Builder<Guard> guards) {
    Subject subject = subjectOf.apply(ASTHelpers.stripParentheses(side));
    Value constant = ValueFlow.originValue(other);
    boolean comparable =
        constant.equals(Value.NULL) || (constant.isKnown() && constant.classes() == null);
    if (subject != null && comparable) {
      guards.add(new Guard(subject, constant, equal));
    }
  }
}
