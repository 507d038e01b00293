package dev.stallcheck.locks;

import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.stallcheck.graph.CompilationScan;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Code that only the thread of its own object runs: the {@code run()} of a {@link Thread} subclass,
 * which the compilation never calls (the thread runs it once started), and the private methods of
 * that class called only from such code, outside lambdas and other classes. A lock of that object's
 * own (its monitor, or a lock it creates in a field) that only such code takes is taken by that one
 * thread alone: no other thread ever waits for it.
 *
 * <p>A method that any caller may run, even one that alone takes its lock, is not such code: each
 * caller's thread takes the lock there, and the test of a send under a lock is about them.
 */
final class OwnThreadCode {
  private static final Supplier<Type> THREAD =
      VisitorState.memoize(s -> s.getTypeFromString("java.lang.Thread"));

  private OwnThreadCode() {}

  /**
   * Whether the code at {@code at} is in a method of its class's own thread, itself, not in a
   * lambda or a local or anonymous class in that method.
   */
  static boolean runsOnlyOnOwnThread(TreePath at, VisitorState state) {
    for (TreePath p = at; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof LambdaExpressionTree || p.getLeaf() instanceof ClassTree) {
        return false;
      }
      if (p.getLeaf() instanceof MethodTree method) {
        MethodSymbol symbol = ASTHelpers.getSymbol(method);
        return symbol != null && isOwnThreadCode(symbol, new HashSet<>(), state);
      }
    }
    return false;
  }

  /**
   * Whether {@code field} holds an object the instance creates for itself: an instance field whose
   * only value is the {@code new} of its declaration, so that no two instances share it.
   */
  static boolean isOwnObject(VarSymbol field, VisitorState state) {
    if (field.isStatic()) {
      return false;
    }
    List<TreePath> values =
        CompilationScan.instance(state.context).assignments().getOrDefault(field, List.of());
    return values.size() == 1
        && values.get(0).getLeaf() instanceof ExpressionTree value
        && ASTHelpers.stripParentheses(value) instanceof NewClassTree;
  }

  /**
   * {@code visiting}: the methods already asked about on this path; a cycle of private methods
   * entered only from the thread's own code stays on that thread.
   */
  private static boolean isOwnThreadCode(
      MethodSymbol method, Set<MethodSymbol> visiting, VisitorState state) {
    if (!visiting.add(method)) {
      return true;
    }
    if (method.isStatic() || !(method.owner instanceof ClassSymbol owner)) {
      return false;
    }
    CompilationScan scan = CompilationScan.instance(state.context);
    if (scan.referenced().contains(method) || scan.callsOutsideBodies().containsKey(method)) {
      return false;
    }
    List<CompilationScan.Call> calls = scan.callsByCallee().getOrDefault(method, List.of());
    if (isThreadRun(method, owner, state)) {
      return calls.isEmpty();
    }
    if ((method.flags() & Flags.PRIVATE) == 0 || calls.isEmpty()) {
      return false;
    }
    for (CompilationScan.Call call : calls) {
      if (call.inLambda()
          || !(call.bodies().body() instanceof MethodSymbol caller)
          || caller.owner != owner
          || !isOwnThreadCode(caller, visiting, state)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isThreadRun(MethodSymbol method, ClassSymbol owner, VisitorState state) {
    Type thread = THREAD.get(state);
    return method.getSimpleName().contentEquals("run")
        && method.getParameters().isEmpty()
        && thread != null
        && ASTHelpers.isSubtype(owner.type, thread, state);
  }
}
