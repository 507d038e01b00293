package dev.stallcheck.release;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.matchers.method.MethodMatchers;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The timeout itself releases while the work goes on, through a timer (Hystrix #1867): the method
 * acquires a permit or a value, schedules a timer task that releases it when the delay expires
 * ({@link TimerSchedules}), does work that uses it, and releases it itself when the work ends. The
 * resource goes back at whichever comes first, so when the work outlasts the delay it is given back
 * while still in use: the next user shares it, or more work runs than the permits allow.
 *
 * <p>Not reported: a timer task that only cancels or interrupts, or that waits without a timeout
 * for the work before releasing; a method that releases only through the timer (a lease that
 * expires, a rate limiter's permit); a value that no work of the method uses after it is acquired.
 */
final class TimerReleases {
  /**
   * Calls that manage the timer or the work's handle rather than doing work ({@code
   * timeout.cancel()}, {@code f.get()}); submitting the work to an executor is work.
   */
  private static final Matcher<ExpressionTree> TIMER_CONTROL =
      MethodMatchers.instanceMethod()
          .onDescendantOfAny(
              "java.util.Timer", "java.util.TimerTask", "java.util.concurrent.Future");

  private final AcquireReleasePairs pairs;

  TimerReleases(AcquireReleasePairs pairs) {
    this.pairs = pairs;
  }

  /** The findings among the method's own calls {@code calls}. */
  ImmutableList<Finding> findings(
      DirectCalls calls, TaskBodies bodies, HelperReleases helperReleases, VisitorState state) {
    // A schedule is a JDK one or a helper's, which reaches a JDK one: most methods make no call
    // that may schedule, then what they acquire, and the helpers' targets, are never looked at.
    if (calls.calls().stream().noneMatch(path -> maySchedule(path.getLeaf(), state))) {
      return ImmutableList.of();
    }
    // Then what the method acquires: most acquire nothing, and a schedule may need a helper's call
    // targets resolved to be recognised.
    ImmutableList<CallerAcquires.Held> held = CallerAcquires.of(calls, pairs, state);
    if (held.isEmpty()) {
      return ImmutableList.of();
    }
    TimerSchedules schedules = TimerSchedules.instance(state);
    Map<MethodInvocationTree, ExpressionTree> scheduled = new LinkedHashMap<>();
    for (TreePath path : calls.calls()) {
      MethodInvocationTree call = (MethodInvocationTree) path.getLeaf();
      schedules.scheduledTask(call, state).ifPresent(task -> scheduled.put(call, task));
    }
    if (scheduled.isEmpty()) {
      return ImmutableList.of();
    }
    Waits waits = new Waits(state);
    Tree method = state.getPath().getLeaf();
    ImmutableList.Builder<Finding> out = ImmutableList.builder();
    for (Map.Entry<MethodInvocationTree, ExpressionTree> entry : scheduled.entrySet()) {
      MethodInvocationTree schedule = entry.getKey();
      for (CallerAcquires.Held acquired : held) {
        Acquire acquire = acquired.acquire();
        if (position(acquire.call()) >= position(schedule)) {
          continue;
        }
        Optional<MethodInvocationTree> ownRelease =
            firstRelease(calls, schedule, acquire, helperReleases, state);
        if (ownRelease.isEmpty()
            || !worksBetween(calls, acquired, schedule, ownRelease.get(), state)) {
          continue;
        }
        for (TaskBody body : bodies.of(entry.getValue())) {
          if (!declaredIn(body.code(), method, state) || waitsUntimed(body.code(), waits)) {
            continue;
          }
          for (MethodInvocationTree call : CallsIn.of(body.code())) {
            boolean direct = pairs.isReleaseOf(acquire, call, state);
            Optional<HelperRelease> through =
                direct ? Optional.empty() : helperReleases.of(call, acquire);
            if (direct || through.isPresent()) {
              out.add(
                  Finding.timerRelease(
                      call,
                      through,
                      acquire,
                      schedule,
                      ownRelease.get(),
                      state.getPath().getCompilationUnit()));
            }
          }
        }
      }
    }
    return out.build();
  }

  private static boolean maySchedule(Tree call, VisitorState state) {
    return call instanceof MethodInvocationTree invocation
        && ASTHelpers.getSymbol(invocation) instanceof MethodSymbol callee
        && TimeoutReach.maySchedule(invocation, callee, state);
  }

  /** The method's first own release of {@code acquire} after {@code schedule}. */
  private Optional<MethodInvocationTree> firstRelease(
      DirectCalls calls,
      MethodInvocationTree schedule,
      Acquire acquire,
      HelperReleases helperReleases,
      VisitorState state) {
    for (TreePath path : calls.calls()) {
      MethodInvocationTree call = (MethodInvocationTree) path.getLeaf();
      if (position(call) > position(schedule)
          && (pairs.isReleaseOf(acquire, call, state)
              || helperReleases.of(call, acquire).isPresent())) {
        return Optional.of(call);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the method does work with what it acquired between the acquire and its own release: a
   * call, other than the schedule and the timer's or handle's own methods, that uses it.
   */
  private static boolean worksBetween(
      DirectCalls calls,
      CallerAcquires.Held acquired,
      MethodInvocationTree schedule,
      MethodInvocationTree release,
      VisitorState state) {
    for (TreePath path : calls.calls()) {
      MethodInvocationTree call = (MethodInvocationTree) path.getLeaf();
      if (call != schedule
          && call != acquired.acquire().call()
          && position(call) > position(acquired.acquire().call())
          && position(call) < position(release)
          && !TIMER_CONTROL.matches(call, state)
          && acquired.usedBy(call)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code code} is written inside {@code method}, so that it names the method's variables.
   */
  private static boolean declaredIn(Tree code, Tree method, VisitorState state) {
    return position(code) > position(method) && position(code) < state.getEndPosition(method);
  }

  /** Whether {@code code} waits without a timeout, for the work, before it can release. */
  private static boolean waitsUntimed(Tree code, Waits waits) {
    return CallsIn.of(code).stream()
        .anyMatch(call -> waits.kindOf(call).filter(kind -> !kind.isTimed()).isPresent());
  }

  private static int position(Tree tree) {
    return ASTHelpers.getStartPosition(tree);
  }
}
