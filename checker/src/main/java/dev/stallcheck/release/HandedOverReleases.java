package dev.stallcheck.release;

import com.google.common.base.Supplier;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A resource the method acquired itself and handed to a task, released on a path where the wait for
 * that task timed out: the method acquires a permit or a value ({@link CallerAcquires}), submits a
 * task that uses it (names the value; any task, for a permit, which bounds the work it admits),
 * waits for the task with a timeout, and releases after the wait gave up. The task may still be
 * using the resource: the next user shares it, or more tasks run at once than the permits allow. A
 * task that releases the resource itself, an untimed wait, or a release only on the path where the
 * wait succeeded is not reported.
 */
final class HandedOverReleases {
  private final AcquireReleasePairs pairs;

  HandedOverReleases(AcquireReleasePairs pairs) {
    this.pairs = pairs;
  }

  /** The findings among the method's own calls {@code calls}. */
  ImmutableList<Finding> findings(
      DirectCalls calls,
      TaskBodies bodies,
      HelperReleases helperReleases,
      List<MethodInvocationTree> timedWaits,
      Waits waits,
      Supplier<Optional<TimeoutPaths>> timeoutPaths,
      VisitorState state) {
    ImmutableList<CallerAcquires.Held> held = CallerAcquires.of(calls, pairs, state);
    if (held.isEmpty()) {
      return ImmutableList.of();
    }
    Map<MethodInvocationTree, Finding> out = new LinkedHashMap<>();
    for (TaskSubmission submission : new TaskSubmissions(state, calls, bodies).all()) {
      if (!(submission.start() instanceof MethodInvocationTree start)) {
        continue;
      }
      Set<Symbol> signalled = ReleaseOrderAnalysis.symbolsUsedBy(submission);
      for (CallerAcquires.Held acquired : held) {
        Acquire acquire = acquired.acquire();
        if (position(acquire.call()) >= position(start)
            || submission.bodies().stream().noneMatch(body -> acquired.usedBy(body.code()))
            || releasedByTask(submission, acquire, helperReleases, state)) {
          continue;
        }
        for (MethodInvocationTree wait : timedWaits) {
          if (position(wait) < position(start)
              || !ReleaseOrderAnalysis.waitsFor(wait, submission, signalled, waits)
              || timeoutPaths.get().isEmpty()) {
            continue;
          }
          List<MethodInvocationTree> reached =
              new ArrayList<>(
                  timeoutPaths.get().get().after(wait, waits.kindOf(wait).orElseThrow()).reached());
          reached.sort(Comparator.comparingInt(HandedOverReleases::position));
          for (MethodInvocationTree release : reached) {
            boolean direct = pairs.isReleaseOf(acquire, release, state);
            Optional<HelperRelease> through =
                direct ? Optional.empty() : helperReleases.of(release, acquire);
            if (direct || through.isPresent()) {
              out.putIfAbsent(
                  release,
                  Finding.handedOverRelease(
                      release,
                      through,
                      acquire,
                      start,
                      wait,
                      state.getPath().getCompilationUnit()));
            }
          }
        }
      }
    }
    return ImmutableList.copyOf(out.values());
  }

  /** Whether the task's own code gives the resource back (in its finally: the correct form). */
  private boolean releasedByTask(
      TaskSubmission submission,
      Acquire acquire,
      HelperReleases helperReleases,
      VisitorState state) {
    return submission.bodies().stream()
        .anyMatch(
            body ->
                CallsIn.of(body.code()).stream()
                    .anyMatch(
                        call ->
                            pairs.isReleaseOf(acquire, call, state)
                                || helperReleases.of(call, acquire).isPresent()));
  }

  private static int position(Tree tree) {
    return ASTHelpers.getStartPosition(tree);
  }
}
