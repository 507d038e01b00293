package dev.stallcheck.release;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.flow.CallTargets;
import dev.stallcheck.graph.CompilationIndex;
import dev.stallcheck.graph.PerCompilation;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one method body a call runs, when the compilation shows exactly one: static, private and
 * final methods, methods of final classes, {@code super.m()} calls and constructors resolve
 * exactly; any other call (on {@code this} too, since a subclass may override) is resolved as
 * BlockingPutUnderLock resolves it ({@link CallTargets}: the classes the compilation creates below
 * the receiver's static type) and followed only when exactly one body can run. Abstract methods of
 * functional interfaces are never followed (a lambda anywhere may implement them), nor methods of
 * types compiled elsewhere. Precision first: a body that may not be the one that runs could make a
 * finding false.
 */
final class HelperTargets {
  private static final Context.Key<HelperTargets> KEY = new Context.Key<>();

  private final CompilationIndex index;
  private final Types types;
  private final CallTargets calls;

  private HelperTargets(CompilationIndex index, Types types, CallTargets calls) {
    this.index = index;
    this.types = types;
    this.calls = calls;
  }

  /** The resolution of the compilation {@code context} belongs to. */
  static HelperTargets instance(Context context) {
    return PerCompilation.instance(
        context,
        KEY,
        () ->
            new HelperTargets(
                CompilationIndex.instance(context),
                Types.instance(context),
                CallTargets.instance(context)));
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
    if (CallTargets.runsDeclaredBody(method, ASTHelpers.getReceiver(invocation))) {
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
    ClassSymbol staticType =
        CallTargets.receiverClass(ASTHelpers.getReceiver(invocation), owner, types);
    List<CallTargets.Target> targets = calls.resolve(method, staticType, null);
    return targets.size() == 1 && body(targets.get(0).body()) != null
        ? targets.get(0).body()
        : null;
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
