package dev.stallcheck.release;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.matchers.Matchers;
import com.google.errorprone.matchers.method.MethodMatchers;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.api.NameSet;
import dev.stallcheck.api.Supertypes;
import dev.stallcheck.graph.PerCompilation;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Calls that schedule a task to run when a delay expires, on a timer thread: {@code
 * java.util.Timer.schedule/scheduleAtFixedRate}, {@code ScheduledExecutorService.schedule/
 * scheduleAtFixedRate/scheduleWithFixedDelay}, and helpers of this compilation that pass one of
 * their parameters to such a call, at any depth ({@code addTimerListener(task)}). Each helper is
 * analysed once per compilation. The task a schedule is given first is a {@code Runnable}, a {@code
 * Callable} or a {@code TimerTask} ({@link #TASK_TYPES}); an overload that takes anything else
 * first is no schedule, and a helper passes its task on as it is, so it takes one of these too.
 */
final class TimerSchedules {
  private static final Context.Key<TimerSchedules> KEY = new Context.Key<>();

  private static final Matcher<ExpressionTree> SCHEDULES =
      Matchers.anyOf(
          MethodMatchers.instanceMethod()
              .onDescendantOf("java.util.Timer")
              .namedAnyOf("schedule", "scheduleAtFixedRate"),
          MethodMatchers.instanceMethod()
              .onDescendantOf("java.util.concurrent.ScheduledExecutorService")
              .namedAnyOf("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay"));

  /** What a schedule runs: its first parameter is one of these (or a subtype). */
  private static final ImmutableSet<String> TASK_TYPES =
      ImmutableSet.of("java.lang.Runnable", "java.util.concurrent.Callable", "java.util.TimerTask");

  private final HelperParameters helpers;

  private TimerSchedules(VisitorState state) {
    this.helpers = new HelperParameters(state, this::parameterScheduled);
  }

  /** The timer schedules of the compilation {@code state} belongs to. */
  static TimerSchedules instance(VisitorState state) {
    return PerCompilation.instance(state.context, KEY, () -> new TimerSchedules(state));
  }

  /** The names of the JDK's schedules ({@link #SCHEDULES}), tested before the matcher. */
  private static final NameSet SCHEDULE_NAMES =
      NameSet.of("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay");

  /** Whether a call of {@code callee} may be a schedule of the JDK's timers, by its name alone. */
  static boolean mayBeJdkSchedule(MethodSymbol callee, VisitorState state) {
    return SCHEDULE_NAMES.contains(callee.getSimpleName(), state);
  }

  /** Whether {@code call} is a schedule of the JDK's timers (not a helper of the compilation). */
  static boolean isJdkSchedule(MethodInvocationTree call, VisitorState state) {
    return ASTHelpers.getSymbol(call) instanceof MethodSymbol method
        && SCHEDULE_NAMES.contains(method.getSimpleName(), state)
        && schedulesTask(call, method, state);
  }

  private static boolean schedulesTask(
      MethodInvocationTree call, MethodSymbol method, VisitorState state) {
    return SCHEDULES.matches(call, state)
        && !method.getParameters().isEmpty()
        && isTask(method.getParameters().get(0), state);
  }

  /**
   * Whether a call of {@code method} may be a call of a helper that schedules what it is given: one
   * of its parameters is a task, which it passes on.
   */
  static boolean mayBeHelper(MethodSymbol method, VisitorState state) {
    return method.getParameters().stream().anyMatch(parameter -> isTask(parameter, state));
  }

  private static boolean isTask(VarSymbol parameter, VisitorState state) {
    Types types = state.getTypes();
    Type type = types.erasure(parameter.type);
    if (!type.hasTag(TypeTag.CLASS)) {
      return false;
    }
    // By name among the supertypes: no lookup of the task types, which a module may not read.
    return Supertypes.anyNamed(type, types, name -> TASK_TYPES.contains(name.toString()));
  }

  /** The task {@code call} schedules to run after a delay, if it schedules one. */
  Optional<ExpressionTree> scheduledTask(MethodInvocationTree call, VisitorState state) {
    if (ASTHelpers.getSymbol(call) instanceof MethodSymbol method
        && schedulesTask(call, method, state)) {
      return call.getArguments().isEmpty()
          ? Optional.empty()
          : Optional.of(call.getArguments().get(0));
    }
    if (call.getArguments().isEmpty()) {
      return Optional.empty(); // A helper passes on one of its arguments: there is none.
    }
    MethodSymbol target = helpers.target(call);
    if (target == null || target.isVarArgs()) {
      return Optional.empty();
    }
    OptionalInt argument = helpers.argumentOf(call, target, state);
    return argument.isEmpty()
        ? Optional.empty()
        : Optional.of(call.getArguments().get(argument.getAsInt()));
  }

  /** The parameter a helper passes, itself, to a schedule call or another timer helper. */
  private int parameterScheduled(MethodSymbol method, TreePath path, VisitorState state) {
    MethodTree declared = (MethodTree) path.getLeaf();
    for (TreePath callPath : DirectCalls.of(new TreePath(path, declared.getBody())).calls()) {
      int parameter =
          scheduledTask((MethodInvocationTree) callPath.getLeaf(), state)
              .map(task -> method.getParameters().indexOf(BodyFlow.identifierSymbol(task)))
              .orElse(-1);
      if (parameter >= 0) {
        return parameter;
      }
    }
    return -1;
  }
}
