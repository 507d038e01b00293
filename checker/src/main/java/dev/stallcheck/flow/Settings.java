package dev.stallcheck.flow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Settings: fields that no code of the compilation sets to a constant (a non-final field's
 * initializer aside) and whose value the compilation does not decide. Their values come from
 * outside, through a setter's or constructor's parameter, a configuration read or injection. Code
 * that an {@code if} on a setting chooses (a blocking send over an {@code offer}, an untimed wait
 * over a timed one) is a policy its owner configured.
 */
public final class Settings {
  private Settings() {}

  /**
   * Whether {@code condition}, in the {@code if} at {@code choice}, only tests a setting: {@code
   * setting}, {@code !setting}, or a comparison of a setting with a constant ({@code setting ==
   * CONSTANT}, {@code flushFrequency > 0}).
   */
  public static boolean readsSetting(
      ExpressionTree condition, TreePath choice, VisitorState state) {
    ExpressionTree e = ASTHelpers.stripParentheses(condition);
    if (e instanceof UnaryTree not && e.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      return readsSetting(not.getExpression(), choice, state);
    }
    if (e instanceof BinaryTree comparison
        && switch (e.getKind()) {
          case EQUAL_TO,
              NOT_EQUAL_TO,
              LESS_THAN,
              LESS_THAN_EQUAL,
              GREATER_THAN,
              GREATER_THAN_EQUAL ->
              true;
          default -> false;
        }) {
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
   * The other branch of an {@code if} on a setting, one of whose branches is (or is a block of
   * statements that holds) the statement that makes the call at {@code call}: the alternative the
   * setting chooses between; null if the call is no such branch.
   */
  public static @Nullable StatementTree alternativeChosenBySetting(
      TreePath call, VisitorState state) {
    Tree child = call.getLeaf();
    TreePath path = call.getParentPath();
    if (path == null || !(path.getLeaf() instanceof ExpressionStatementTree)) {
      return null;
    }
    for (; path != null; path = path.getParentPath()) {
      Tree node = path.getLeaf();
      if (node instanceof IfTree choice) {
        if (child == choice.getCondition()) {
          return null;
        }
        StatementTree other =
            child == choice.getThenStatement()
                ? choice.getElseStatement()
                : choice.getThenStatement();
        return other != null && readsSetting(choice.getCondition(), path, state) ? other : null;
      }
      if (!(node instanceof BlockTree) && !(node instanceof ExpressionStatementTree)) {
        return null;
      }
      child = node;
    }
    return null;
  }
}
