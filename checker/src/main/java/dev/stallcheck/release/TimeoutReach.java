package dev.stallcheck.release;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.graph.CallReach;
import dev.stallcheck.graph.PerCompilation;

/**
 * The methods of the compilation that may reach, through calls at any depth, what every finding of
 * the analysis starts from: a JDK wait with a timeout ({@link Waits}) or a timeout put on a {@code
 * CompletableFuture} ({@link TimeoutStageReleases}), and, for a release in a timer task ({@link
 * TimerReleases}), a JDK timer schedule ({@link TimerSchedules}). The helpers the analysis follows
 * (timed-wait helpers, schedule helpers) make one of these themselves at some depth, so a method
 * that cannot reach one, by {@link CallReach}'s exact "cannot", has no finding of that kind: most
 * methods are not analysed at all. Each reach is found once per compilation, over its one call
 * graph.
 */
final class TimeoutReach {
  private static final Context.Key<CallReach> TIMEOUTS = new Context.Key<>();

  private static final Context.Key<CallReach> SCHEDULES = new Context.Key<>();

  private TimeoutReach() {}

  /** Whether the analysis of {@code method} may find anything. */
  static boolean mayFindIn(MethodSymbol method, VisitorState state) {
    return mayTimeOut(method, state) || maySchedule(method, state);
  }

  /** Whether {@code method} may reach a timed JDK wait or a future's timeout. */
  static boolean mayTimeOut(MethodSymbol method, VisitorState state) {
    return PerCompilation.instance(state.context, TIMEOUTS, () -> timeouts(state))
        .bodyMayReach(method);
  }

  /** Whether {@code method} may reach a JDK timer schedule. */
  static boolean maySchedule(MethodSymbol method, VisitorState state) {
    return PerCompilation.instance(state.context, SCHEDULES, () -> schedules(state))
        .bodyMayReach(method);
  }

  /**
   * Whether a call of {@code callee} may run code that reaches a timed JDK wait or a future's
   * timeout: a helper that waits with a timeout does, at some depth.
   */
  static boolean callMayTimeOut(MethodSymbol callee, VisitorState state) {
    return PerCompilation.instance(state.context, TIMEOUTS, () -> timeouts(state)).mayReach(callee);
  }

  /**
   * Whether a call of {@code callee} may run code that reaches a JDK timer schedule: a helper that
   * schedules what it is given does, at some depth.
   */
  static boolean callMaySchedule(MethodSymbol callee, VisitorState state) {
    return PerCompilation.instance(state.context, SCHEDULES, () -> schedules(state))
        .mayReach(callee);
  }

  private static CallReach schedules(VisitorState state) {
    return CallReach.of(
        state,
        (call, callee, compilation) ->
            call.getLeaf() instanceof MethodInvocationTree invocation
                && TimerSchedules.isJdkSchedule(invocation, compilation));
  }

  private static CallReach timeouts(VisitorState state) {
    Waits waits = new Waits(state);
    return CallReach.of(
        state,
        (call, callee, compilation) ->
            call.getLeaf() instanceof MethodInvocationTree invocation
                && (waits.isTimedJdkWait(invocation, callee)
                    || TimeoutStageReleases.putsTimeout(invocation, compilation)));
  }
}
