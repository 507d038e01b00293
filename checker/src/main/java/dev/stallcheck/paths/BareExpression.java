package dev.stallcheck.paths;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.TypeCastTree;

/**
 * An expression as it names its object: without the parentheses and casts around it ({@code ((Lock)
 * (lock))} names what {@code lock} names).
 */
public final class BareExpression {
  private BareExpression() {}

  /** {@code expression} without the parentheses and casts around it. */
  public static ExpressionTree of(ExpressionTree expression) {
    ExpressionTree e = ASTHelpers.stripParentheses(expression);
    while (e instanceof TypeCastTree cast) {
      e = ASTHelpers.stripParentheses(cast.getExpression());
    }
    return e;
  }

  /** Whether {@code expression} is {@code this} or a qualified {@code Outer.this}. */
  public static boolean isThis(ExpressionTree expression) {
    return (expression instanceof IdentifierTree id && id.getName().contentEquals("this"))
        || (expression instanceof MemberSelectTree select
            && select.getIdentifier().contentEquals("this"));
  }

  /**
   * Whether {@code expression} is {@code this} itself, not an outer instance ({@code Outer.this}).
   */
  public static boolean isPlainThis(ExpressionTree expression) {
    return ASTHelpers.stripParentheses(expression) instanceof IdentifierTree id
        && id.getName().contentEquals("this");
  }

  /**
   * Whether {@code expression} names a member of the current object as written in its own class:
   * {@code f} or {@code this.f}.
   */
  public static boolean isOwnMember(ExpressionTree expression) {
    return expression instanceof IdentifierTree
        || (expression instanceof MemberSelectTree select
            && select.getExpression() instanceof IdentifierTree self
            && self.getName().contentEquals("this"));
  }
}
