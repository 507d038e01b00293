package dev.stallcheck.sends;

import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.stallcheck.flow.ValueFlow;
import dev.stallcheck.trees.AnyCall;
import javax.lang.model.element.ElementKind;

/**
 * A blocking send that a setting chose over a non-blocking send of the same element to the same
 * queue: {@code if (dropWhenFull) { if (!queue.offer(m)) dropped++; } else queue.put(m);}. The code
 * already has the fix this check would suggest, one setting away; whether a full queue holds the
 * sender back or drops is a policy its owner configured, not a bug at the call under the lock.
 *
 * <p>A setting is a field that no code of the compilation sets to a constant (a non-final field's
 * initializer aside) and whose value the compilation does not decide: its value comes from outside,
 * through a setter's or constructor's parameter, a configuration read or injection. A flag the
 * class flips itself ({@code closed = true}) tracks the object's state instead, so a send it
 * selects is still reported, as is a send a parameter selects ({@code publish(e, true)}; the
 * summaries decide those per call) and one a final field every constructor sets to a constant
 * selects.
 */
final class SettingChosenSends {
  private static final Supplier<Type> QUEUE =
      VisitorState.memoize(s -> s.getTypeFromString("java.util.Queue"));

  private SettingChosenSends() {}

  /**
   * Whether the send {@code send} (a call of {@code put}, {@code putFirst}, {@code putLast} or
   * {@code transfer}) is one branch of an {@code if} on a setting whose other branch sends the same
   * element to the same queue without blocking.
   */
  static boolean isChosenBySetting(TreePath send, VisitorState state) {
    if (!(send.getLeaf() instanceof MethodInvocationTree call) || call.getArguments().size() != 1) {
      return false;
    }
    Tree child = send.getLeaf();
    TreePath path = send.getParentPath();
    if (path == null || !(path.getLeaf() instanceof ExpressionStatementTree)) {
      return false;
    }
    for (; path != null; path = path.getParentPath()) {
      Tree node = path.getLeaf();
      if (node instanceof IfTree choice) {
        if (child == choice.getCondition()) {
          return false;
        }
        StatementTree other =
            child == choice.getThenStatement()
                ? choice.getElseStatement()
                : choice.getThenStatement();
        return other != null
            && readsSetting(choice.getCondition(), path, state)
            && sendsWithoutBlocking(other, call, state);
      }
      if (!(node instanceof BlockTree) && !(node instanceof ExpressionStatementTree)) {
        return false;
      }
      child = node;
    }
    return false;
  }

  /**
   * Whether {@code condition} only tests a setting: {@code setting}, {@code !setting}, or {@code
   * setting == CONSTANT} (and {@code !=}).
   */
  private static boolean readsSetting(
      ExpressionTree condition, TreePath choice, VisitorState state) {
    ExpressionTree e = ASTHelpers.stripParentheses(condition);
    if (e instanceof UnaryTree not && e.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      return readsSetting(not.getExpression(), choice, state);
    }
    if (e instanceof BinaryTree comparison
        && (e.getKind() == Tree.Kind.EQUAL_TO || e.getKind() == Tree.Kind.NOT_EQUAL_TO)) {
      return (isConstant(comparison.getRightOperand())
              && isSetting(comparison.getLeftOperand(), choice, state))
          || (isConstant(comparison.getLeftOperand())
              && isSetting(comparison.getRightOperand(), choice, state));
    }
    return isSetting(e, choice, state);
  }

  /**
   * Whether {@code read}, in the {@code if} at {@code choice}, reads a setting: a field no code
   * sets to a constant (its initializer aside, unless final) and whose value the compilation does
   * not decide ({@link ValueFlow}: a final field every constructor sets to {@code true} is no
   * setting).
   */
  private static boolean isSetting(ExpressionTree read, TreePath choice, VisitorState state) {
    ExpressionTree bare = ASTHelpers.stripParentheses(read);
    if (!(ASTHelpers.getSymbol(bare) instanceof VarSymbol field)
        || field.getKind() != ElementKind.FIELD
        || ASTHelpers.constValue(bare) != null) {
      return false;
    }
    boolean isFinal = (field.flags() & Flags.FINAL) != 0;
    ValueFlow values = ValueFlow.instance(state.context);
    for (TreePath assignment : values.program().assignmentsTo(field)) {
      boolean initializer = assignment.getParentPath().getLeaf().getKind() == Tree.Kind.VARIABLE;
      if ((isFinal || !initializer) && isConstant((ExpressionTree) assignment.getLeaf())) {
        return false;
      }
    }
    TreePath readPath = TreePath.getPath(choice, bare);
    return readPath == null || !values.valueOf(readPath).isConstant();
  }

  /** A literal, a compile-time constant, or an enum constant. */
  private static boolean isConstant(ExpressionTree e) {
    ExpressionTree bare = ASTHelpers.stripParentheses(e);
    if (bare.getKind() == Tree.Kind.NULL_LITERAL || ASTHelpers.constValue(bare) != null) {
      return true;
    }
    Symbol symbol = ASTHelpers.getSymbol(bare);
    return symbol != null && symbol.getKind() == ElementKind.ENUM_CONSTANT;
  }

  /**
   * Whether {@code branch} sends the element of {@code send} to its queue with a method that does
   * not wait for room: {@code offer}, {@code offerFirst}, {@code offerLast}, {@code add}, {@code
   * tryTransfer}, timed or not.
   */
  private static boolean sendsWithoutBlocking(
      StatementTree branch, MethodInvocationTree send, VisitorState state) {
    ExpressionTree queue = ASTHelpers.getReceiver(send);
    ExpressionTree element = send.getArguments().get(0);
    return AnyCall.in(
        branch,
        /* intoLambdas= */ false,
        call ->
            call instanceof MethodInvocationTree alternative
                && isNonBlockingSend(alternative, state)
                && SameVariable.of(ASTHelpers.getReceiver(alternative), queue)
                && SameVariable.of(alternative.getArguments().get(0), element));
  }

  private static boolean isNonBlockingSend(MethodInvocationTree call, VisitorState state) {
    if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)
        || call.getArguments().isEmpty()) {
      return false;
    }
    String name = method.getSimpleName().toString();
    boolean nonBlocking =
        switch (name) {
          case "offer", "offerFirst", "offerLast", "add", "tryTransfer" -> true;
          default -> false;
        };
    return nonBlocking && ASTHelpers.isSubtype(method.owner.type, QUEUE.get(state), state);
  }
}
