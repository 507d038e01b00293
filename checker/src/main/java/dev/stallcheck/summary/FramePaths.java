package dev.stallcheck.summary;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Types;
import org.jspecify.annotations.Nullable;

/**
 * Writes expressions as {@link MonitorPath}s of the frame they appear in: a method of class {@code
 * frame} (lambda bodies share their method's frame; their parameters are locals).
 */
final class FramePaths {
  /** Longer paths are treated as unnameable; this bounds what recursion can build. */
  static final int MAX_MEMBERS = 4;

  private final ClassSymbol frame;
  private final Types types;

  FramePaths(ClassSymbol frame, Types types) {
    this.frame = frame;
    this.types = types;
  }

  /** The path of {@code expression}, or null where it names no stable object of the frame. */
  @Nullable MonitorPath pathOf(ExpressionTree expression) {
    ExpressionTree e = ASTHelpers.stripParentheses(expression);
    if (e.getKind() == Tree.Kind.TYPE_CAST) {
      return pathOf(((TypeCastTree) e).getExpression());
    }
    if (e instanceof IdentifierTree) {
      Symbol symbol = ASTHelpers.getSymbol(e);
      String name = ((IdentifierTree) e).getName().toString();
      if (name.equals("this")) {
        return MonitorPath.ofThis();
      }
      return variable(symbol);
    }
    if (e instanceof MemberSelectTree) {
      MemberSelectTree select = (MemberSelectTree) e;
      Symbol symbol = ASTHelpers.getSymbol(select);
      if (select.getIdentifier().contentEquals("this")) {
        return frame.equals(ASTHelpers.getSymbol(select.getExpression()))
            ? MonitorPath.ofThis()
            : null;
      }
      if (symbol instanceof VarSymbol && ASTHelpers.isStatic(symbol)) {
        return MonitorPath.ofStaticField(symbol);
      }
      if (!(symbol instanceof VarSymbol)) {
        return null;
      }
      MonitorPath base = pathOf(select.getExpression());
      return base == null ? null : extend(base, symbol);
    }
    if (e instanceof MethodInvocationTree) {
      MethodInvocationTree call = (MethodInvocationTree) e;
      MethodSymbol accessor = ASTHelpers.getSymbol(call);
      if (!call.getArguments().isEmpty() || accessor == null || ASTHelpers.isStatic(accessor)) {
        return null;
      }
      ExpressionTree receiver = ASTHelpers.getReceiver(call);
      MonitorPath base =
          receiver == null
              ? (inheritedBy(accessor) ? MonitorPath.ofThis() : null)
              : pathOf(receiver);
      return base == null ? null : extend(base, accessor);
    }
    return null;
  }

  @Nullable
  private MonitorPath variable(@Nullable Symbol symbol) {
    if (!(symbol instanceof VarSymbol)) {
      return null;
    }
    switch (symbol.getKind()) {
      case FIELD:
      case ENUM_CONSTANT:
        if (ASTHelpers.isStatic(symbol)) {
          return MonitorPath.ofStaticField(symbol);
        }
        // A field of an enclosing class is read through Outer.this, which this frame cannot name.
        return inheritedBy(symbol) ? MonitorPath.ofThis().then(symbol) : null;
      case PARAMETER:
        if (symbol.owner instanceof MethodSymbol) {
          int index = ((MethodSymbol) symbol.owner).getParameters().indexOf(symbol);
          if (index >= 0) {
            return MonitorPath.ofParameter(symbol, index);
          }
        }
        return MonitorPath.ofLocal(symbol);
      case LOCAL_VARIABLE:
      case RESOURCE_VARIABLE:
      case EXCEPTION_PARAMETER:
      case BINDING_VARIABLE:
        return MonitorPath.ofLocal(symbol);
      default:
        return null;
    }
  }

  private boolean inheritedBy(Symbol member) {
    return member.owner instanceof ClassSymbol && frame.isSubClass(member.owner, types);
  }

  @Nullable
  private static MonitorPath extend(MonitorPath base, Symbol member) {
    return base.members().size() >= MAX_MEMBERS ? null : base.then(member);
  }
}
