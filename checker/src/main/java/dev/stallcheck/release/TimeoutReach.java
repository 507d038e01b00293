package dev.stallcheck.release;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.graph.CallReach;
import dev.stallcheck.graph.PerCompilation;

/**
 * The methods of the compilation that may reach, through calls at any depth, what every finding of
 * the analysis starts from: a JDK wait with a timeout ({@link Waits}), a timeout put on a {@code
 * CompletableFuture} ({@link TimeoutStageReleases}), or a JDK timer schedule ({@link
 * TimerSchedules}). The helpers the analysis follows (timed-wait helpers, schedule helpers) make
 * one of these themselves at some depth, so a method that cannot reach one, by {@link CallReach}'s
 * exact "cannot", has no finding and is not analysed at all: most methods. Found once per
 * compilation, from the calls of its one scan.
 */
final class TimeoutReach {
  private static final Context.Key<CallReach> KEY = new Context.Key<>();

  private TimeoutReach() {}

  /** Whether the analysis of {@code method} may find anything. */
  static boolean mayFindIn(MethodSymbol method, VisitorState state) {
    return PerCompilation.instance(state.context, KEY, () -> reach(state)).bodyMayReach(method);
  }

  private static CallReach reach(VisitorState state) {
    Waits waits = new Waits(state);
    return CallReach.of(
        state,
        (call, callee, here) ->
            call.getLeaf() instanceof MethodInvocationTree invocation
                && (waits.isTimedJdkWait(invocation, callee)
                    || TimeoutStageReleases.putsTimeout(invocation, here)
                    || TimerSchedules.isJdkSchedule(invocation, here)),
        method -> false);
  }
}
