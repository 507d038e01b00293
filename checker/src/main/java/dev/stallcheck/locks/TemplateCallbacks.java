package dev.stallcheck.locks;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.stallcheck.api.FunctionalInterfaces;
import dev.stallcheck.paths.BareExpression;
import dev.stallcheck.trees.LazyPathScanner;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a method runs the callbacks passed to it, and under which locks: a template such as {@code
 * inLock(lock, action) { lock.lock(); try { action.run(); } finally { lock.unlock(); } }} or {@code
 * withLock(r) { synchronized (this) { r.run(); } }}. A parameter of a functional interface type
 * runs during the call when the body calls its functional method, or passes it on to another method
 * that runs it, in code that itself runs during the call (not in a task handed to an executor, a
 * thread, or an unknown method: that runs later, elsewhere, and under no lock of the template).
 * Where the body runs a callback in several places, the locks held in all of them count
 * (must-hold).
 */
final class TemplateCallbacks {
  private TemplateCallbacks() {}

  /**
   * The callbacks a method runs.
   *
   * @param held parameter index to the locks held while that callback runs
   * @param keepsLocksIfThrown the parameters whose callback, if it throws, leaves an explicit lock
   *     of the method held (no {@code finally} or try-with-resources releases it around the call)
   */
  record Runs(ImmutableMap<Integer, HeldLocks> held, ImmutableSet<Integer> keepsLocksIfThrown) {
    static final Runs NONE = new Runs(ImmutableMap.of(), ImmutableSet.of());
  }

  /** The callbacks the method declared at {@code method} runs before it returns. */
  static Runs of(TreePath method, VisitorState state) {
    MethodSymbol symbol = ASTHelpers.getSymbol((MethodTree) method.getLeaf());
    List<VarSymbol> parameters = symbol.getParameters();
    Map<Integer, HeldLocks> runs = new HashMap<>();
    Set<Integer> keepsLocks = new HashSet<>();
    if (!takesCallbacks(symbol, state)) {
      return Runs.NONE;
    }
    new LazyPathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        TreePath here = getCurrentPath();
        int invoked = parameters.indexOf(invokedParameter(call, state));
        if (invoked >= 0 && runsDuringCall(here, method, state)) {
          record(invoked, here, LockAnalysis.locksHeldAt(here, state));
        }
        List<? extends ExpressionTree> arguments = call.getArguments();
        for (int i = 0; i < arguments.size(); i++) {
          int passed = parameters.indexOf(parameterNamed(arguments.get(i)));
          if (passed >= 0 && runsDuringCall(here, method, state)) {
            CalleeLocks callee = CalleeLocks.at(call, method, state);
            HeldLocks inCallee = callee.whileArgumentRuns(i);
            if (inCallee != null) {
              record(passed, here, LockAnalysis.locksHeldAt(here, state).plus(inCallee));
              if (callee.keepsLocksIfArgumentThrows(i)) {
                keepsLocks.add(passed);
              }
            }
          }
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }

      private void record(int parameter, TreePath call, HeldLocks held) {
        runs.merge(parameter, held, HeldLocks::intersect);
        for (HeldLock lock : held) {
          boolean explicit =
              lock.acquisition() == HeldLock.Acquisition.CALL
                  || lock.acquisition() == HeldLock.Acquisition.CALLEE;
          if (explicit && !LockCall.releasedIfThrownAt(call, lock.key(), method, state)) {
            keepsLocks.add(parameter);
          }
        }
      }
    }.scan(method, null);
    return new Runs(ImmutableMap.copyOf(runs), ImmutableSet.copyOf(keepsLocks));
  }

  /**
   * Whether some parameter of {@code method} has a functional interface type. The flag test first:
   * looking up a functional descriptor costs far more, and most parameters are no interface.
   */
  static boolean takesCallbacks(MethodSymbol method, VisitorState state) {
    return method.getParameters().stream()
        .anyMatch(p -> p.type.isInterface() && FunctionalInterfaces.isFunctional(p.type, state));
  }

  /** The parameter whose functional method {@code call} invokes ({@code action.run()}), if any. */
  private static Symbol invokedParameter(MethodInvocationTree call, VisitorState state) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    Symbol target = receiver == null ? null : parameterNamed(receiver);
    if (!(target instanceof VarSymbol parameter)
        || !FunctionalInterfaces.isFunctional(parameter.type, state)
        || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)) {
      return null;
    }
    Symbol functional = state.getTypes().findDescriptorSymbol(parameter.type.tsym);
    return functional != null
            && functional.getSimpleName().equals(method.getSimpleName())
            && ((MethodSymbol) functional).getParameters().size() == method.getParameters().size()
        ? parameter
        : null;
  }

  private static Symbol parameterNamed(ExpressionTree expression) {
    return BareExpression.of(expression) instanceof IdentifierTree identifier
        ? ASTHelpers.getSymbol(identifier)
        : null;
  }

  /**
   * Whether the code at {@code path} runs while the method at {@code method} runs: every lambda
   * between them runs immediately where it is passed, and no class lies between them.
   */
  private static boolean runsDuringCall(TreePath path, TreePath method, VisitorState state) {
    for (TreePath p = path; p != null && p.getLeaf() != method.getLeaf(); p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof ClassTree) {
        return false;
      }
      if (leaf instanceof LambdaExpressionTree) {
        Optional<TreePath> running = CallbackTiming.runningCall(p, state);
        if (running.isEmpty()) {
          return false;
        }
      }
    }
    return true;
  }
}
