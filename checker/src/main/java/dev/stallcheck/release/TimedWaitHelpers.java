package dev.stallcheck.release;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.cfg.ControlFlowGraphs;
import dev.stallcheck.graph.PerCompilation;
import dev.stallcheck.paths.ReferencePaths;
import java.util.Optional;
import java.util.OptionalInt;
import javax.lang.model.type.TypeKind;

/**
 * Helpers that wait with a timeout for something their caller passes them, and return normally when
 * the timeout expires: {@code awaitQuietly(latch, timeout)}, {@code joinUpTo(thread, ms)}, {@code
 * waitFor(future, duration)}. A call of one is a timed wait on that argument ({@link
 * WaitKind#TIMED_SILENT}), at any depth: the helper's own waits are recognised with the same {@link
 * Waits}, helpers included.
 *
 * <p>A helper counts only when its body is the one that runs ({@link HelperTargets}), it returns
 * nothing (so no caller can test a result that says the wait succeeded), and some path of its CFG
 * from a timed wait's timeout on that parameter reaches its normal exit. A helper that loops until
 * the wait succeeds, or throws on timeout, is not one. Each method is analysed once per
 * compilation.
 */
final class TimedWaitHelpers {
  private static final Context.Key<TimedWaitHelpers> KEY = new Context.Key<>();

  private final HelperParameters helpers;

  private TimedWaitHelpers(VisitorState state) {
    this.helpers = new HelperParameters(state, TimedWaitHelpers::parameterWaitedOn);
  }

  /** The helpers of the compilation {@code state} belongs to. */
  static TimedWaitHelpers instance(VisitorState state) {
    return PerCompilation.instance(state.context, KEY, () -> new TimedWaitHelpers(state));
  }

  /**
   * Whether {@code call}, of {@code called}, may run a helper, before its target is resolved: an
   * override returns what the method it overrides returns, so a call of a method that returns
   * something runs no helper, and a helper waits on an argument, so a call without one runs none.
   * Most calls are resolved no further.
   */
  static boolean mayCallHelper(MethodInvocationTree call, MethodSymbol called) {
    return called.getReturnType().getKind() == TypeKind.VOID && !call.getArguments().isEmpty();
  }

  /**
   * Whether {@code call} runs one known body of the compilation, as a helper's call must: a call of
   * a library method runs none. Found without searching any body for a wait.
   */
  boolean runsOneBody(MethodInvocationTree call) {
    return helpers.target(call) != null;
  }

  /** The argument position {@code call} waits on with a timeout, if it calls such a helper. */
  OptionalInt waitedArgument(MethodInvocationTree call, VisitorState state) {
    if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol called)
        || !mayCallHelper(call, called)) {
      return OptionalInt.empty();
    }
    MethodSymbol target = helpers.target(call);
    if (target == null || target.getReturnType().getKind() != TypeKind.VOID || target.isVarArgs()) {
      return OptionalInt.empty();
    }
    return helpers.argumentOf(call, target, state);
  }

  private static int parameterWaitedOn(MethodSymbol method, TreePath path, VisitorState state) {
    MethodTree declared = (MethodTree) path.getLeaf();
    Waits waits = new Waits(state);
    DirectCalls calls = DirectCalls.of(new TreePath(path, declared.getBody()));
    Optional<TimeoutPaths> paths = Optional.empty();
    for (TreePath callPath : calls.calls()) {
      MethodInvocationTree call = (MethodInvocationTree) callPath.getLeaf();
      Optional<WaitKind> kind = waits.kindOf(call).filter(WaitKind::isTimed);
      Symbol on =
          kind.isEmpty()
              ? null
              : waits.waitedOn(call).flatMap(ReferencePaths::soleSymbolOf).orElse(null);
      int parameter = on == null ? -1 : method.getParameters().indexOf(on);
      if (parameter < 0) {
        continue;
      }
      if (paths.isEmpty()) {
        paths =
            ControlFlowGraphs.build(path, state).map(cfg -> new TimeoutPaths(cfg, waits, state));
        if (paths.isEmpty()) {
          return -1;
        }
      }
      if (paths.get().after(call, kind.get()).returnsNormally()) {
        return parameter;
      }
    }
    return -1;
  }
}
