package dev.stallcheck.release;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.graph.CallReach;
import dev.stallcheck.graph.CompilationScan;
import dev.stallcheck.graph.PerCompilation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.type.TypeKind;

/**
 * Which methods of the compilation ReleaseOrderedByTimeout analyses. Every finding starts from a
 * call the method makes itself (not in its lambdas or classes, which {@link DirectCalls} leaves
 * out): a JDK wait with a timeout ({@link Waits}), a timeout put on a {@code CompletableFuture}
 * ({@link TimeoutStageReleases}), a JDK timer schedule ({@link TimerSchedules}), or a call of a
 * helper that waits with a timeout on, or schedules, an argument it is given. Such a helper makes
 * one of the others at some depth, so only a call that has the helper's shape (a wait helper
 * returns nothing and is given something, a schedule helper is given a task) and that {@link
 * CallReach} (whose "cannot" is exact) says may reach one is asked whether it is one. A helper
 * reaches its wait or schedule through helpers only, so the reach goes back through callees of a
 * helper's shape only ({@link #mayBeHelper}): on Guava it reaches 65 bodies, where through every
 * callee it reached 6,485. A method none of whose calls pass has no finding: most methods are not
 * analysed at all. A call written in a lambda is not the method's own. The reach and the methods
 * that pass are found once per compilation, from its one scan and call graph.
 */
final class TimeoutReach {
  private static final Context.Key<CallReach> STARTS = new Context.Key<>();

  private static final Context.Key<Set<Symbol>> ANALYSED = new Context.Key<>();

  private TimeoutReach() {}

  /** Whether the analysis of {@code method} may find anything. */
  static boolean mayFindIn(MethodSymbol method, VisitorState state) {
    return PerCompilation.instance(state.context, ANALYSED, () -> analysed(state)).contains(method);
  }

  /**
   * The bodies with a call that starts a finding: the calls that pass the reach's own test (a timed
   * JDK wait, a future's timeout, a JDK schedule), read off the reach, which has tested every call
   * once already, and the calls of the callees that may reach one that are a timed wait through a
   * helper ({@link Waits#kindOf}) or schedule a task through one ({@link
   * TimerSchedules#scheduledTask}). Every finding starts from such a call of the method's own, so a
   * method without one is not analysed; a helper is recognised once per target, and the same
   * recognition serves the method's analysis.
   */
  private static Set<Symbol> analysed(VisitorState state) {
    CallReach starts = PerCompilation.instance(state.context, STARTS, () -> starts(state));
    Set<Symbol> bodies = new HashSet<>();
    for (CompilationScan.Call call : starts.passingCalls()) {
      if (isOwnCallOfNewBody(call, bodies)) {
        bodies.add(call.bodies().body());
      }
    }
    Waits waits = new Waits(state);
    TimerSchedules schedules = TimerSchedules.instance(state);
    // The schedule helper's shape reads the supertypes of its parameters: once per callee.
    Map<MethodSymbol, Boolean> givenTask = new HashMap<>();
    for (CompilationScan.Call call : starts.callsOfReachingCallees()) {
      MethodSymbol callee = call.callee();
      if (call.path().getLeaf() instanceof MethodInvocationTree invocation
          && isOwnCallOfNewBody(call, bodies)
          && ((TimedWaitHelpers.mayCallHelper(invocation, callee)
                  && waits.kindOf(invocation).filter(WaitKind::isTimed).isPresent())
              || (givenTask.computeIfAbsent(
                      callee, unused -> TimerSchedules.mayBeHelper(callee, state))
                  && schedules.scheduledTask(invocation, state).isPresent()))) {
        bodies.add(call.bodies().body());
      }
    }
    return bodies;
  }

  /**
   * Whether {@code call} is its body's own (not written in a lambda of it, which runs later) and
   * that body is not among {@code bodies} yet: the cheap tests, before whether the call starts one.
   */
  private static boolean isOwnCallOfNewBody(CompilationScan.Call call, Set<Symbol> bodies) {
    return !call.inLambda() && !bodies.contains(call.bodies().body());
  }

  /**
   * Whether {@code call}, of {@code callee}, may schedule a timer task: a JDK schedule, or a call
   * of a helper, given a task, that may reach one.
   */
  static boolean maySchedule(MethodInvocationTree call, MethodSymbol callee, VisitorState state) {
    return TimerSchedules.isJdkSchedule(call, state)
        // The reach is two lookups; the helper's shape reads the supertypes of its parameters.
        || (callMayReachStart(callee, state) && TimerSchedules.mayBeHelper(callee, state));
  }

  /**
   * Whether a call of {@code callee} may run code that reaches a timed JDK wait, a future's timeout
   * or a JDK timer schedule: a helper that waits with a timeout, or schedules, does at some depth.
   * One reach serves both kinds of helper: the methods that reach one mostly reach the other too,
   * through the same interfaces, and one reach costs half of two.
   */
  static boolean callMayReachStart(MethodSymbol callee, VisitorState state) {
    return PerCompilation.instance(state.context, STARTS, () -> starts(state)).mayReach(callee);
  }

  private static CallReach starts(VisitorState state) {
    Waits waits = new Waits(state);
    Map<MethodSymbol, Boolean> followed = new HashMap<>();
    return CallReach.through(
        state,
        new CallReach.Seeds(
            // The names settle nearly every callee without reading a call's tree.
            callee ->
                waits.mayBeJdkWait(callee)
                    || TimeoutStageReleases.mayPutTimeout(callee, state)
                    || TimerSchedules.mayBeJdkSchedule(callee, state),
            (call, callee, compilation) ->
                call.getLeaf() instanceof MethodInvocationTree invocation
                    && (waits.isTimedJdkWait(invocation, callee)
                        || TimeoutStageReleases.putsTimeout(invocation, compilation)
                        || TimerSchedules.isJdkSchedule(invocation, compilation))),
        callee -> followed.computeIfAbsent(callee, unused -> mayBeHelper(callee, state)));
  }

  /**
   * Whether a call of {@code callee} may be a call of a helper, by its declaration: every use of
   * the reach asks only about such callees, and a helper reaches its timed wait or schedule through
   * helpers only (its own calls of other methods are not followed), so the reach need not go
   * through any other callee. A wait helper returns nothing and is given something ({@link
   * TimedWaitHelpers#mayCallHelper}). A schedule helper is given a task ({@link
   * TimerSchedules#mayBeHelper}) or, when another helper hands it on, an {@code Object}, which it
   * casts, or a value of a type variable. Not followed: a helper that returns something and takes
   * the task as some other interface (say {@code Serializable}) to cast it; following the callees
   * that take any interface would bring back most of the reach.
   */
  private static boolean mayBeHelper(MethodSymbol callee, VisitorState state) {
    List<VarSymbol> parameters = callee.getParameters();
    if (parameters.isEmpty()) {
      return false;
    }
    if (callee.getReturnType().getKind() == TypeKind.VOID) {
      return true;
    }
    Symbol object = state.getSymtab().objectType.tsym;
    for (VarSymbol parameter : parameters) {
      if (parameter.type.getKind() == TypeKind.TYPEVAR || parameter.type.tsym == object) {
        return true;
      }
    }
    return TimerSchedules.mayBeHelper(callee, state);
  }
}
