package dev.stallcheck.release;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.stallcheck.api.NameSet;
import dev.stallcheck.flow.ProgramFlow;
import dev.stallcheck.paths.BareExpression;
import dev.stallcheck.paths.ReferencePaths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The timeout itself releases while the work goes on: the method acquires (a permit, a pooled
 * object), starts work on another thread with {@code CompletableFuture.supplyAsync/runAsync}, puts
 * a timeout on that future ({@code orTimeout}, {@code completeOnTimeout}) and releases in a
 * callback of it or of a stage after it ({@code whenComplete}, {@code handle}, {@code
 * exceptionally}, ...). The timeout completes the future while the supplier keeps running (it is
 * not interrupted), so the callback gives the resource back before the work that holds it has
 * ended: the next user shares a resource still in use, or more work runs at once than the permits
 * allow.
 */
final class TimeoutStageReleases {
  private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
  private static final NameSet STARTS = NameSet.of("supplyAsync", "runAsync");
  private static final NameSet TIMEOUTS = NameSet.of("orTimeout", "completeOnTimeout");

  private final AcquireReleasePairs pairs;

  TimeoutStageReleases(AcquireReleasePairs pairs) {
    this.pairs = pairs;
  }

  /** The findings among the method's own calls {@code calls}. */
  ImmutableList<Finding> findings(DirectCalls calls, VisitorState state) {
    // Every stage chain and variable initializer the callbacks derive from is code of the method,
    // so without a timeout among its own calls no callback can run on one: most methods.
    boolean timeouts = false;
    Set<Symbol> timedOut = new HashSet<>();
    for (TreePath path : calls.calls()) {
      MethodInvocationTree call = (MethodInvocationTree) path.getLeaf();
      if (isCompletableFutureCall(call, TIMEOUTS, state)) {
        timeouts = true;
        rootVariable(ASTHelpers.getReceiver(call)).ifPresent(timedOut::add);
      }
    }
    if (!timeouts) {
      return ImmutableList.of();
    }
    List<Acquire> acquires = new ArrayList<>();
    for (TreePath path : calls.calls()) {
      // The caller's own counted slot is an in-flight gauge of callers, not what the work uses.
      pairs
          .acquireAt(path.getLeaf(), state.getPath().getCompilationUnit(), state)
          .filter(a -> a.kind() != Acquire.Kind.COUNTER)
          .ifPresent(acquires::add);
    }
    if (acquires.isEmpty()) {
      return ImmutableList.of();
    }
    ImmutableList.Builder<Finding> out = ImmutableList.builder();
    for (TreePath path : calls.calls()) {
      MethodInvocationTree callback = (MethodInvocationTree) path.getLeaf();
      Optional<MethodInvocationTree> start =
          timedOutStart(ASTHelpers.getReceiver(callback), timedOut, calls, state);
      if (start.isEmpty() || !isCompletableFutureCall(callback, null, state)) {
        continue;
      }
      for (ExpressionTree argument : callback.getArguments()) {
        for (MethodInvocationTree release : releasesIn(argument)) {
          for (Acquire acquire : acquires) {
            if (ASTHelpers.getStartPosition(acquire.call())
                    < ASTHelpers.getStartPosition(start.get())
                && pairs.isReleaseOf(acquire, release, state)) {
              out.add(
                  Finding.releaseOnTimeout(
                      release,
                      acquire,
                      start.get(),
                      callback,
                      state.getPath().getCompilationUnit()));
            }
          }
        }
      }
    }
    return out.build();
  }

  /**
   * The {@code supplyAsync}/{@code runAsync} that {@code stage} derives from, when a timeout
   * completes it: the chain under {@code stage} has an {@code orTimeout} above the start, or its
   * root variable (initialised with such a chain) is given a timeout elsewhere in the method.
   */
  private static Optional<MethodInvocationTree> timedOutStart(
      ExpressionTree stage, Set<Symbol> timedOut, DirectCalls calls, VisitorState state) {
    boolean timeout = false;
    ExpressionTree current = stage == null ? null : BareExpression.of(stage);
    for (int depth = 0; current != null && depth < 16; depth++) {
      if (current instanceof MethodInvocationTree call) {
        if (isCompletableFutureCall(call, STARTS, state)) {
          return timeout ? Optional.of(call) : Optional.empty();
        }
        if (!isCompletableFutureCall(call, null, state)) {
          return Optional.empty();
        }
        timeout |= isCompletableFutureCall(call, TIMEOUTS, state);
        ExpressionTree receiver = ASTHelpers.getReceiver(call);
        current = receiver == null ? null : BareExpression.of(receiver);
      } else if (current instanceof IdentifierTree id
          && ASTHelpers.getSymbol(id) instanceof VarSymbol variable) {
        VariableTree declared = calls.locals().get(variable);
        if (declared == null
            || declared.getInitializer() == null
            || !ProgramFlow.instance(state.context).isEffectivelyFinal(variable)) {
          return Optional.empty();
        }
        timeout |= timedOut.contains(variable);
        current = BareExpression.of(declared.getInitializer());
      } else {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Optional<Symbol> rootVariable(ExpressionTree receiver) {
    return receiver == null ? Optional.empty() : ReferencePaths.rootOf(receiver);
  }

  /** Whether {@code call} puts a timeout on a {@code CompletableFuture}. */
  static boolean putsTimeout(MethodInvocationTree call, VisitorState state) {
    return isCompletableFutureCall(call, TIMEOUTS, state);
  }

  /** Whether a call of {@code callee} may put a timeout on a future, by its name alone. */
  static boolean mayPutTimeout(MethodSymbol callee, VisitorState state) {
    return TIMEOUTS.contains(callee.getSimpleName(), state);
  }

  /**
   * Whether {@code call} is a {@code CompletableFuture} method, named one of {@code names} if
   * given.
   */
  private static boolean isCompletableFutureCall(
      MethodInvocationTree call, @Nullable NameSet names, VisitorState state) {
    return ASTHelpers.getSymbol(call) instanceof MethodSymbol method
        && (names == null || names.contains(method.getSimpleName(), state))
        && AcquireReleasePairs.isSubtype(method.owner.type, COMPLETABLE_FUTURE, state);
  }

  /** The calls in a callback's lambda body ({@code (r, e) -> permits.release()}). */
  private static List<MethodInvocationTree> releasesIn(ExpressionTree argument) {
    return BareExpression.of(argument) instanceof LambdaExpressionTree lambda
        ? CallsIn.of(lambda.getBody())
        : List.of();
  }
}
