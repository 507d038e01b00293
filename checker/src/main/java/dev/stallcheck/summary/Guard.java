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
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * A condition on one parameter under which some code runs: the parameter, or a final field of the
 * object it is, equals (or differs from) a constant. Read from the {@code if}s, {@code ?:}s and
 * {@code switch}es around the code, so that a summary for constant arguments leaves out what those
 * arguments skip ({@code publish(e, false)} with {@code if (block) q.put(e); else q.offer(e);}, or
 * {@code write(Frame.control(..))} with {@code if (frame.kind == Kind.CONTROL) q.offer(frame);}). A
 * send on a final queue field of {@code this} runs under the guard that the field does not hold an
 * unbounded queue, so that an object built with one sends nothing that blocks.
 *
 * @param parameter the parameter's index, or {@link #RECEIVER} for {@code this}
 * @param field the final field of the parameter's object the condition reads; null: the parameter
 */
record Guard(int parameter, @Nullable VarSymbol field, Value constant, boolean equal) {
  /** The {@code parameter} of a guard on a final field of {@code this}. */
  static final int RECEIVER = -1;

  /** What a guard can read in the code of one method. */
  interface Reader {
    /** The index of the effectively final parameter {@code e} names; else -1. */
    int parameterOf(ExpressionTree e);

    /**
     * The final instance field {@code getter} only returns, if no other method can run in its
     * place; else null.
     */
    @Nullable VarSymbol fieldReturnedBy(MethodSymbol getter);

    /**
     * The one value of the local variable {@code e} names, when it is never assigned again ({@code
     * int type = evt.getType();}); else null.
     */
    @Nullable ExpressionTree onlyValueOf(ExpressionTree e);
  }

  /** How many locals a subject is followed through ({@code int t = type; switch (t)}). */
  private static final int MAX_LOCALS = 4;

  /** Whether code under this guard may run when the parameter has {@code value}. */
  boolean admits(Value value) {
    Boolean same = (field == null ? value : value.field(field)).sameAs(constant);
    return same == null || same == equal;
  }

  /**
   * What a guard or an argument reads of one parameter: the parameter itself, or (when {@code
   * field} is not null) that final field of the parameter's object.
   */
  record Subject(int parameter, @Nullable VarSymbol field) {}

  /**
   * The guard that {@code subject} equals {@code constant} (see {@link #subjectOf}); null if {@code
   * subject} reads no parameter.
   */
  @Nullable
  static Guard on(ExpressionTree subject, Value constant, boolean equal, Reader reader) {
    Subject read = subjectOf(subject, reader);
    return read == null ? null : new Guard(read.parameter(), read.field(), constant, equal);
  }

  /**
   * What {@code e} reads of a parameter: the parameter, {@code parameter.field}, a record's {@code
   * parameter.component()}, a getter's {@code parameter.getField()}, or a local variable that only
   * ever holds one of these; null if it is none of those.
   */
  @Nullable
  static Subject subjectOf(ExpressionTree subject, Reader reader) {
    ExpressionTree e = ASTHelpers.stripParentheses(subject);
    for (int i = 0; i < MAX_LOCALS; i++) {
      ExpressionTree value = reader.onlyValueOf(e);
      if (value == null) {
        break;
      }
      e = ASTHelpers.stripParentheses(value);
    }
    int parameter = reader.parameterOf(e);
    if (parameter >= 0) {
      return new Subject(parameter, null);
    }
    ExpressionTree read = e;
    if (e instanceof MethodInvocationTree call && call.getArguments().isEmpty()) {
      read = call.getMethodSelect();
    }
    if (!(read instanceof MemberSelectTree select)) {
      return null;
    }
    parameter = reader.parameterOf(ASTHelpers.stripParentheses(select.getExpression()));
    VarSymbol field = parameter >= 0 ? finalFieldRead(e, reader) : null;
    return field != null ? new Subject(parameter, field) : null;
  }

  /**
   * The final instance field {@code e} reads directly, through a record's own accessor, or through
   * a getter that only returns it ({@link Reader#fieldReturnedBy}).
   */
  @Nullable
  private static VarSymbol finalFieldRead(ExpressionTree e, Reader reader) {
    Symbol symbol = ASTHelpers.getSymbol(e);
    if (symbol instanceof VarSymbol field) {
      return field.getKind() == ElementKind.FIELD
              && !field.isStatic()
              && (field.flags() & Flags.FINAL) != 0
          ? field
          : null;
    }
    if (!(symbol instanceof MethodSymbol accessor) || !accessor.getParameters().isEmpty()) {
      return null;
    }
    if ((accessor.flags() & Flags.GENERATED_MEMBER) == 0) {
      return reader.fieldReturnedBy(accessor);
    }
    if (!(accessor.owner instanceof ClassSymbol record) || !record.isRecord()) {
      return null;
    }
    for (Symbol member : ASTHelpers.getEnclosedElements(record)) {
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
   * The guards that hold whenever {@code condition} evaluates to {@code outcome}, in the code
   * {@code reader} reads.
   */
  static ImmutableList<Guard> implied(ExpressionTree condition, boolean outcome, Reader reader) {
    ImmutableList.Builder<Guard> guards = ImmutableList.builder();
    collect(condition, outcome, reader, guards);
    return guards.build();
  }

  private static void collect(
      ExpressionTree condition,
      boolean outcome,
      Reader reader,
      ImmutableList.Builder<Guard> guards) {
    ExpressionTree e = ASTHelpers.stripParentheses(condition);
    switch (e.getKind()) {
      case LOGICAL_COMPLEMENT -> collect(((UnaryTree) e).getExpression(), !outcome, reader, guards);
      case CONDITIONAL_AND, CONDITIONAL_OR -> {
        // a && b is true only if both are; a || b is false only if both are.
        if (outcome == (e.getKind() == Tree.Kind.CONDITIONAL_AND)) {
          collect(((BinaryTree) e).getLeftOperand(), outcome, reader, guards);
          collect(((BinaryTree) e).getRightOperand(), outcome, reader, guards);
        }
      }
      case EQUAL_TO, NOT_EQUAL_TO -> {
        BinaryTree comparison = (BinaryTree) e;
        boolean equal = outcome == (e.getKind() == Tree.Kind.EQUAL_TO);
        compare(comparison.getLeftOperand(), comparison.getRightOperand(), equal, reader, guards);
        compare(comparison.getRightOperand(), comparison.getLeftOperand(), equal, reader, guards);
      }
      case IDENTIFIER, MEMBER_SELECT, METHOD_INVOCATION -> {
        Guard guard = on(e, Value.constant(outcome), true, reader);
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
      Reader reader,
      ImmutableList.Builder<Guard> guards) {
    Value constant = ValueFlow.originValue(other);
    Guard guard = constant.isConstant() ? on(side, constant, equal, reader) : null;
    if (guard != null) {
      guards.add(guard);
    }
  }
}
