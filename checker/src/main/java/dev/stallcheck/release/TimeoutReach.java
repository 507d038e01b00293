package dev.stallcheck.release;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.graph.CallReach;
import dev.stallcheck.graph.CompilationScan;
import dev.stallcheck.graph.PerCompilation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which methods of the compilation ReleaseOrderedByTimeout analyses. Every finding starts from a
 * call the method makes itself (not in its lambdas or classes, which {@link DirectCalls} leaves
 * out): a JDK wait with a timeout ({@link Waits}), a timeout put on a {@code CompletableFuture}
 * ({@link TimeoutStageReleases}), a JDK timer schedule ({@link TimerSchedules}), or a call of a
 * helper that waits with a timeout on, or schedules, an argument it is given. Such a helper makes
 * one of the others at some depth, so a call passes only if it has the helper's shape (a wait
 * helper returns nothing and is given something, a schedule helper is given a task) and {@link
 * CallReach} (whose "cannot" is exact) says it may reach one. A method none of whose calls pass has
 * no finding: most methods are not analysed at all. A call written in a lambda is not the method's
 * own. The reach and the methods that pass are found once per compilation, from its one scan and
 * call graph.
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
   * The bodies with a call that may start a finding: the calls that pass the reach's own test (a
   * timed JDK wait, a future's timeout, a JDK schedule) and the calls of the callees that may reach
   * one, if shaped like a helper. Read off the reach, which has tested every call once already.
   */
  private static Set<Symbol> analysed(VisitorState state) {
    CallReach starts = PerCompilation.instance(state.context, STARTS, () -> starts(state));
    Set<Symbol> bodies = new HashSet<>();
    for (CompilationScan.Call call : starts.passingCalls()) {
      addOwnBody(call, bodies);
    }
    // The schedule helper's shape reads the supertypes of its parameters: once per callee.
    Map<MethodSymbol, Boolean> givenTask = new HashMap<>();
    for (CompilationScan.Call call : starts.callsOfReachingCallees()) {
      MethodSymbol callee = call.callee();
      if (call.path().getLeaf() instanceof MethodInvocationTree invocation
          // A timed-wait helper returns nothing and waits on an argument.
          && (TimedWaitHelpers.mayCallHelper(invocation, callee)
              || givenTask.computeIfAbsent(
                  callee, unused -> TimerSchedules.mayBeHelper(callee, state)))) {
        addOwnBody(call, bodies);
      }
    }
    return bodies;
  }

  /** Adds the body {@code call} is written in, unless it is written in a lambda of that body. */
  private static void addOwnBody(CompilationScan.Call call, Set<Symbol> bodies) {
    if (call.bodies() != null && !bodies.contains(call.bodies().body()) && !inLambda(call.path())) {
      bodies.add(call.bodies().body());
    }
  }

  /** Whether the call at {@code call} is written in a lambda of its body, which runs later. */
  private static boolean inLambda(TreePath call) {
    for (TreePath path = call.getParentPath(); path != null; path = path.getParentPath()) {
      Tree leaf = path.getLeaf();
      if (leaf instanceof LambdaExpressionTree) {
        return true;
      }
      if (leaf instanceof MethodTree || leaf instanceof ClassTree) {
        return false;
      }
    }
    return false;
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
    return CallReach.of(
        state,
        (call, callee, compilation) ->
            call.getLeaf() instanceof MethodInvocationTree invocation
                && (waits.isTimedJdkWait(invocation, callee)
                    || TimeoutStageReleases.putsTimeout(invocation, compilation)
                    || TimerSchedules.isJdkSchedule(invocation, compilation)));
  }
}
