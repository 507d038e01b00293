package dev.stallcheck.summary;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.stallcheck.flow.Value;
import dev.stallcheck.flow.ValueFlow;
import java.util.function.ToIntFunction;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * A condition on one parameter under which some code runs: the parameter, or a final field of the
 * object it is, equals (or differs from) a constant. Read from the {@code if}s, {@code ?:}s and
 * {@code switch}es around the code, so that a summary for constant arguments leaves out what those
 * arguments skip ({@code publish(e, false)} with {@code if (block) q.put(e); else q.offer(e);}, or
 * {@code write(Frame.control(..))} with {@code if (frame.kind == Kind.CONTROL) q.offer(frame);}).
 *
 * @param field the final field of the parameter's object the condition reads; null: the parameter
 */
record Guard(int parameter, @Nullable VarSymbol field, Value constant, boolean equal) {

  /** Whether code under this guard may run when the parameter has {@code value}. */
  boolean admits(Value value) {
    Boolean same = (field == null ? value : value.field(field)).sameAs(constant);
    return same == null || same == equal;
  }

  /**
   * The guard that {@code subject} (a parameter, {@code parameter.field} or a record's {@code
   * parameter.component()}) equals {@code constant}; null if {@code subject} is none of those.
   */
  @Nullable
  static Guard on(
      ExpressionTree subject,
      Value constant,
      boolean equal,
      ToIntFunction<ExpressionTree> parameterOf) {
    ExpressionTree e = ASTHelpers.stripParentheses(subject);
    int parameter = parameterOf.applyAsInt(e);
    if (parameter >= 0) {
      return new Guard(parameter, null, constant, equal);
    }
    ExpressionTree read = e;
    if (e instanceof MethodInvocationTree call && call.getArguments().isEmpty()) {
      read = call.getMethodSelect();
    }
    if (!(read instanceof MemberSelectTree select)) {
      return null;
    }
    parameter = parameterOf.applyAsInt(ASTHelpers.stripParentheses(select.getExpression()));
    VarSymbol field = finalFieldRead(e);
    return parameter >= 0 && field != null ? new Guard(parameter, field, constant, equal) : null;
  }

  /** The final instance field {@code e} reads directly, or through a record's own accessor. */
  @Nullable
  private static VarSymbol finalFieldRead(ExpressionTree e) {
    Symbol symbol = ASTHelpers.getSymbol(e);
    if (symbol instanceof VarSymbol field) {
      return field.getKind() == ElementKind.FIELD
              && !field.isStatic()
              && (field.flags() & Flags.FINAL) != 0
          ? field
          : null;
    }
    if (!(symbol instanceof MethodSymbol accessor)
        || !accessor.getParameters().isEmpty()
        || (accessor.flags() & Flags.GENERATED_MEMBER) == 0
        || !(accessor.owner instanceof ClassSymbol record)
        || !record.isRecord()) {
      return null;
    }
    for (Symbol member : record.getEnclosedElements()) {
      if (member instanceof VarSymbol field
          && field.getKind() == ElementKind.FIELD
          && !field.isStatic()
          && field.name.equals(accessor.name)) {
        return field;
      }
    }
    return null;
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
      case IDENTIFIER, MEMBER_SELECT, METHOD_INVOCATION -> {
        Guard guard = on(e, Value.constant(outcome), true, parameterOf);
        if (guard != null) {
          guards.add(guard);
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
    Value constant = ValueFlow.originValue(other);
    Guard guard = constant.isConstant() ? on(side, constant, equal, parameterOf) : null;
    if (guard != null) {
      guards.add(guard);
    }
  }
}
