package dev.stallcheck.release;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.matchers.Matchers;
import com.google.errorprone.matchers.method.MethodMatchers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.graph.CompilationIndex;
import dev.stallcheck.graph.PerCompilation;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Calls that schedule a task to run when a delay expires, on a timer thread: {@code
 * java.util.Timer.schedule/scheduleAtFixedRate}, {@code ScheduledExecutorService.schedule/
 * scheduleAtFixedRate/scheduleWithFixedDelay}, and helpers of this compilation that pass one of
 * their parameters to such a call, at any depth ({@code addTimerListener(task)}). Each helper is
 * analysed once per compilation.
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

  private final CompilationIndex index;
  private final HelperTargets targets;

  /** By helper: the parameter it schedules, or -1; -1 while being computed (recursion). */
  private final Map<MethodSymbol, Integer> scheduledParameter = new HashMap<>();

  private TimerSchedules(CompilationIndex index, Types types) {
    this.index = index;
    this.targets = new HelperTargets(index, types);
  }

  /** The timer schedules of the compilation {@code state} belongs to. */
  static TimerSchedules instance(VisitorState state) {
    return PerCompilation.instance(
        state.context,
        KEY,
        () ->
            new TimerSchedules(
                CompilationIndex.instance(state.context), Types.instance(state.context)));
  }

  /** The task {@code call} schedules to run after a delay, if it schedules one. */
  Optional<ExpressionTree> scheduledTask(MethodInvocationTree call, VisitorState state) {
    if (SCHEDULES.matches(call, state)) {
      return call.getArguments().isEmpty()
          ? Optional.empty()
          : Optional.of(call.getArguments().get(0));
    }
    MethodSymbol target = targets.target(call);
    if (target == null || target.isVarArgs()) {
      return Optional.empty();
    }
    int parameter = parameterScheduled(target, state);
    return parameter < 0 || parameter >= call.getArguments().size()
        ? Optional.empty()
        : Optional.of(call.getArguments().get(parameter));
  }

  private int parameterScheduled(MethodSymbol method, VisitorState state) {
    Integer known = scheduledParameter.get(method);
    if (known != null) {
      return known;
    }
    scheduledParameter.put(method, -1); // A recursive call schedules nothing more.
    int found = compute(method, state);
    scheduledParameter.put(method, found);
    return found;
  }

  private int compute(MethodSymbol method, VisitorState state) {
    TreePath path = index.declaration(method);
    if (path == null
        || !(path.getLeaf() instanceof MethodTree declared)
        || declared.getBody() == null) {
      return -1;
    }
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
