package dev.stallcheck.paths;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Types;
import org.jspecify.annotations.Nullable;

/**
 * Writes expressions as {@link AccessPath}s of the frame they appear in: a method of class {@code
 * frame} (lambda bodies share their method's frame; their parameters are locals). Careful: only
 * what names the same object for every run of the frame is a path (no array slots, no fields of an
 * enclosing instance), and {@code this} is the frame's own ({@link AccessPath#self()}).
 */
public final class FramePaths {
  /** Longer paths are treated as unnameable; this bounds what recursion can build. */
  public static final int MAX_MEMBERS = 4;

  private final ClassSymbol frame;
  private final Types types;

  public FramePaths(ClassSymbol frame, Types types) {
    this.frame = frame;
    this.types = types;
  }

  /** The path of {@code expression}, or null where it names no stable object of the frame. */
  public @Nullable AccessPath pathOf(ExpressionTree expression) {
    ExpressionTree e = BareExpression.of(expression);
    if (e instanceof IdentifierTree) {
      Symbol symbol = ASTHelpers.getSymbol(e);
      String name = ((IdentifierTree) e).getName().toString();
      if (name.equals("this")) {
        return AccessPath.self();
      }
      return variable(symbol);
    }
    if (e instanceof MemberSelectTree) {
      MemberSelectTree select = (MemberSelectTree) e;
      Symbol symbol = ASTHelpers.getSymbol(select);
      if (select.getIdentifier().contentEquals("this")) {
        return frame.equals(ASTHelpers.getSymbol(select.getExpression()))
            ? AccessPath.self()
            : null;
      }
      if (symbol instanceof VarSymbol && ASTHelpers.isStatic(symbol)) {
        return AccessPath.staticField((VarSymbol) symbol);
      }
      if (!(symbol instanceof VarSymbol)) {
        return null;
      }
      AccessPath base = pathOf(select.getExpression());
      return base == null ? null : extend(base, symbol);
    }
    if (e instanceof MethodInvocationTree) {
      MethodInvocationTree call = (MethodInvocationTree) e;
      MethodSymbol accessor = ASTHelpers.getSymbol(call);
      if (!call.getArguments().isEmpty() || accessor == null || ASTHelpers.isStatic(accessor)) {
        return null;
      }
      ExpressionTree receiver = ASTHelpers.getReceiver(call);
      AccessPath base =
          receiver == null ? (inheritedBy(accessor) ? AccessPath.self() : null) : pathOf(receiver);
      return base == null ? null : extend(base, accessor);
    }
    return null;
  }

  @Nullable
  private AccessPath variable(@Nullable Symbol symbol) {
    if (!(symbol instanceof VarSymbol)) {
      return null;
    }
    switch (symbol.getKind()) {
      case FIELD:
      case ENUM_CONSTANT:
        if (ASTHelpers.isStatic(symbol)) {
          return AccessPath.staticField((VarSymbol) symbol);
        }
        // A field of an enclosing class is read through Outer.this, which this frame cannot name.
        return inheritedBy(symbol) ? AccessPath.self().dot(symbol) : null;
      case PARAMETER:
        return AccessPath.variable((VarSymbol) symbol);
      case LOCAL_VARIABLE:
      case RESOURCE_VARIABLE:
      case EXCEPTION_PARAMETER:
      case BINDING_VARIABLE:
        return AccessPath.local((VarSymbol) symbol);
      default:
        return null;
    }
  }

  private boolean inheritedBy(Symbol member) {
    return member.owner instanceof ClassSymbol && frame.isSubClass(member.owner, types);
  }

  @Nullable
  private static AccessPath extend(AccessPath base, Symbol member) {
    return base.members().size() >= MAX_MEMBERS ? null : base.dot(member);
  }
}
