package dev.stallcheck.release;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Types;
import dev.stallcheck.graph.CompilationIndex;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one method body a call runs, when the compilation shows exactly one: static, private and
 * final methods, methods of final classes, {@code super.m()} calls and constructors resolve
 * exactly; any other call (on {@code this} too, since a subclass may override) goes through the
 * class hierarchy of the compilation and is followed only when exactly one body can run, the
 * method's own or a single override. Abstract methods of functional interfaces are never followed
 * (a lambda anywhere may implement them), nor methods of types compiled elsewhere. Precision first:
 * a body that may not be the one that runs could make a finding false.
 */
final class HelperTargets {
  private final CompilationIndex index;
  private final Types types;

  HelperTargets(CompilationIndex index, Types types) {
    this.index = index;
    this.types = types;
  }

  /** The method {@code call} (an invocation or a {@code new}) runs, if known; else null. */
  @Nullable MethodSymbol target(Tree call) {
    if (call instanceof NewClassTree newClass) {
      MethodSymbol constructor = ASTHelpers.getSymbol(newClass);
      return newClass.getClassBody() == null && constructor != null && body(constructor) != null
          ? constructor
          : null;
    }
    if (!(call instanceof MethodInvocationTree invocation)
        || !(ASTHelpers.getSymbol(invocation) instanceof MethodSymbol method)) {
      return null;
    }
    if (method.isStatic()
        || method.isConstructor()
        || (method.flags() & (Flags.PRIVATE | Flags.FINAL)) != 0
        || (method.owner.flags() & Flags.FINAL) != 0
        || invocation.getMethodSelect() instanceof MemberSelectTree select
            && ASTHelpers.isSuper(select.getExpression())) {
      return body(method) != null ? method : null;
    }
    if (!(method.owner instanceof ClassSymbol owner) || !index.declares(owner)) {
      return null;
    }
    if ((method.flags() & Flags.ABSTRACT) != 0
        && owner.isInterface()
        && types.isFunctionalInterface(owner)) {
      return null;
    }
    List<MethodSymbol> bodies = new ArrayList<>();
    if (body(method) != null) {
      bodies.add(method);
    }
    for (MethodSymbol overrider : index.overridersOf(method)) {
      if (body(overrider) != null) {
        bodies.add(overrider);
      }
    }
    return bodies.size() == 1 ? bodies.get(0) : null;
  }

  /** The declaration of {@code method} with its path, if it has a body in this compilation. */
  @Nullable TreePath body(MethodSymbol method) {
    TreePath path = index.declaration(method);
    return path != null
            && path.getLeaf() instanceof MethodTree declared
            && declared.getBody() != null
        ? path
        : null;
  }
}
