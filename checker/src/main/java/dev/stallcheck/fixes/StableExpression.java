package dev.stallcheck.fixes;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.stallcheck.flow.ProgramFlow;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;

/**
 * An expression that has no side effects and yields the same value wherever it is evaluated later
 * in its scope: literals, {@code this}, class names, effectively final locals and parameters, final
 * fields, and operators over those. Such an expression can move to a later point (out of a locked
 * region) without changing what it means. Method calls, object creation, array elements and
 * non-final fields are never stable.
 */
final class StableExpression {
  private StableExpression() {}

  /** Whether {@code tree} is stable; {@code flow} tells which variables keep their value. */
  static boolean is(ExpressionTree tree, ProgramFlow flow) {
    if (tree instanceof LiteralTree) {
      return true;
    }
    if (tree instanceof ParenthesizedTree parenthesized) {
      return is(parenthesized.getExpression(), flow);
    }
    if (tree instanceof TypeCastTree cast) {
      return is(cast.getExpression(), flow);
    }
    if (tree instanceof BinaryTree binary) {
      // String concatenation would call toString() on an object operand, whose state may change
      // once the lock is released.
      return isValue(binary.getLeftOperand())
          && isValue(binary.getRightOperand())
          && is(binary.getLeftOperand(), flow)
          && is(binary.getRightOperand(), flow);
    }
    if (tree instanceof UnaryTree unary) {
      return isPure(unary.getKind()) && is(unary.getExpression(), flow);
    }
    if (tree instanceof ConditionalExpressionTree conditional) {
      return is(conditional.getCondition(), flow)
          && is(conditional.getTrueExpression(), flow)
          && is(conditional.getFalseExpression(), flow);
    }
    if (tree instanceof IdentifierTree) {
      return isStableName(ASTHelpers.getSymbol(tree), flow);
    }
    if (tree instanceof MemberSelectTree select) {
      Symbol symbol = ASTHelpers.getSymbol(select);
      if (symbol == null) {
        return false;
      }
      if (symbol.getKind().isClass() || symbol.getKind() == ElementKind.PACKAGE) {
        return true;
      }
      return symbol.getKind() == ElementKind.FIELD
          && symbol.getModifiers().contains(Modifier.FINAL)
          && is(select.getExpression(), flow);
    }
    return false;
  }

  private static boolean isValue(ExpressionTree tree) {
    Type type = ASTHelpers.getType(tree);
    return type != null
        && (type.isPrimitive() || type.tsym.getQualifiedName().contentEquals("java.lang.String"));
  }

  private static boolean isStableName(Symbol symbol, ProgramFlow flow) {
    if (symbol == null) {
      return false;
    }
    if (symbol.getKind().isClass()) {
      return true;
    }
    if (!(symbol instanceof VarSymbol variable)) {
      return false;
    }
    return switch (symbol.getKind()) {
      case LOCAL_VARIABLE, PARAMETER, EXCEPTION_PARAMETER, RESOURCE_VARIABLE, BINDING_VARIABLE ->
          flow.isEffectivelyFinal(variable);
      // `this` and `super` are VarSymbols of kind FIELD, and final.
      case FIELD -> symbol.getModifiers().contains(Modifier.FINAL);
      default -> false;
    };
  }

  private static boolean isPure(Tree.Kind kind) {
    return switch (kind) {
      case UNARY_PLUS, UNARY_MINUS, BITWISE_COMPLEMENT, LOGICAL_COMPLEMENT -> true;
      default -> false;
    };
  }
}
