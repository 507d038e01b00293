package dev.stallcheck.paths;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads the expressions that name a pool, a lock or a holder as {@link AccessPath}s, to decide
 * whether two of them name the same object: {@code this.pool} and {@code pool} give {@code
 * this.pool}, {@code holder[0]} gives {@code holder} (the index is dropped: a holder array is one
 * slot in practice), {@code ref.get()} gives {@code ref.get()}. Any {@code Outer.this} is {@code
 * this}. Expressions with arguments or computations in them have no path, so they never match
 * anything: an unknown receiver is no evidence of a pairing.
 */
public final class ReferencePaths {
  private ReferencePaths() {}

  /**
   * The path of {@code tree}, if it is made only of names, field selects, array slots and getters
   * and names more than {@code this}.
   */
  public static Optional<AccessPath> of(ExpressionTree tree) {
    AccessPath path = read(tree);
    return path == null || path.symbols().isEmpty() ? Optional.empty() : Optional.of(path);
  }

  /** The first symbol {@code tree}'s path names ({@link AccessPath#symbols()}), if it has one. */
  public static Optional<Symbol> rootOf(ExpressionTree tree) {
    return of(tree).map(path -> path.symbols().get(0));
  }

  /**
   * The symbol {@code tree}'s path names when it names exactly one ({@code pool}, {@code
   * this.pool}).
   */
  public static Optional<Symbol> soleSymbolOf(ExpressionTree tree) {
    return of(tree).map(AccessPath::symbols).filter(s -> s.size() == 1).map(s -> s.get(0));
  }

  /**
   * The path of a variable, a field or a class named by itself ({@code pool} is {@code this.pool}).
   */
  public static AccessPath ofSymbol(Symbol symbol) {
    if (symbol instanceof ClassSymbol clazz) {
      return AccessPath.classOf(clazz);
    }
    VarSymbol variable = (VarSymbol) symbol;
    if (!variable.getKind().isField()) {
      return AccessPath.variable(variable);
    }
    return variable.isStatic() ? AccessPath.staticField(variable) : AccessPath.self().dot(variable);
  }

  private static @Nullable AccessPath read(ExpressionTree tree) {
    ExpressionTree t = BareExpression.of(tree);
    switch (t.getKind()) {
      case IDENTIFIER -> {
        if (((IdentifierTree) t).getName().contentEquals("this")) {
          return AccessPath.self();
        }
        Symbol symbol = ASTHelpers.getSymbol(t);
        return symbol instanceof VarSymbol || symbol instanceof ClassSymbol
            ? ofSymbol(symbol)
            : null;
      }
      case MEMBER_SELECT -> {
        MemberSelectTree select = (MemberSelectTree) t;
        Symbol symbol = ASTHelpers.getSymbol(select);
        if (symbol == null) {
          return null;
        }
        if (select.getIdentifier().contentEquals("this")) {
          return AccessPath.self();
        }
        if (symbol instanceof ClassSymbol
            || (symbol instanceof VarSymbol && ASTHelpers.isStatic(symbol))) {
          // A static field is named fully by itself, whatever it is selected from.
          return ofSymbol(symbol);
        }
        AccessPath base = read(select.getExpression());
        return base == null ? null : base.dot(symbol);
      }
      case ARRAY_ACCESS -> {
        return read(((ArrayAccessTree) t).getExpression());
      }
      case METHOD_INVOCATION -> {
        MethodInvocationTree call = (MethodInvocationTree) t;
        Symbol symbol = ASTHelpers.getSymbol(call);
        if (!call.getArguments().isEmpty() || symbol == null) {
          return null;
        }
        ExpressionTree receiver = ASTHelpers.getReceiver(call);
        AccessPath base = receiver == null ? AccessPath.self() : read(receiver);
        return base == null ? null : base.dot(symbol);
      }
      default -> {
        return null;
      }
    }
  }
}
