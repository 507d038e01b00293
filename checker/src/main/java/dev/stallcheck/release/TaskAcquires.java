package dev.stallcheck.release;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.MemberReferenceTree;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The acquires a task makes that the task itself does not give back, found in the task's code or in
 * helpers it calls, at any depth, through the compilation's {@link AcquireSummaries}, with where
 * the task publishes each acquired value. Acquires the task releases itself, directly or through a
 * helper (rewrite (a), or the registered clean-up of fix (b)), are dropped: nothing the caller does
 * can leak them.
 */
final class TaskAcquires {
  private final AcquireReleasePairs pairs;
  private final VisitorState state;
  private final AcquireSummaries summaries;
  private final Map<TaskBody, AcquireSummary> lambdaSummaries = new IdentityHashMap<>();

  TaskAcquires(AcquireReleasePairs pairs, VisitorState state) {
    this.pairs = pairs;
    this.state = state;
    this.summaries = AcquireSummaries.instance(state, pairs);
  }

  /** What the task of {@code submission} acquires and leaves to others to release. */
  ImmutableList<Acquire> unreleased(TaskSubmission submission) {
    ImmutableList.Builder<Acquire> out = ImmutableList.builder();
    for (TaskBody body : submission.bodies()) {
      if (body.code() instanceof MemberReferenceTree reference) {
        // submit(pool::borrow): the task is the acquire, and its value is the future's result.
        pairs
            .acquireAt(reference, body.unit(), state)
            .ifPresent(a -> out.add(a.withPublication(ImmutableSet.of(), true)));
        continue;
      }
      for (Acquire acquire : summaryOf(body).acquires()) {
        // A task method's own acquire is the task's: name helpers only.
        out.add(
            body.method().isPresent() && acquire.via().size() == 1
                ? acquire.inFrame(
                    acquire.receiver(),
                    acquire.implicitReceiverOwner(),
                    acquire.sinks(),
                    acquire.returned(),
                    ImmutableList.of())
                : acquire);
      }
    }
    return out.build();
  }

  /**
   * Whether any code of the task (nested lambdas and helpers included) looks like it cleans
   * something up.
   */
  boolean cleansUp(TaskSubmission submission) {
    return submission.bodies().stream()
        .anyMatch(
            body -> !(body.code() instanceof MemberReferenceTree) && summaryOf(body).cleansUp());
  }

  private AcquireSummary summaryOf(TaskBody body) {
    if (body.method().isPresent()) {
      return summaries.ofMethod(body.method().get());
    }
    return lambdaSummaries.computeIfAbsent(body, b -> summaries.ofLambdaBody(b.code(), b.unit()));
  }
}
