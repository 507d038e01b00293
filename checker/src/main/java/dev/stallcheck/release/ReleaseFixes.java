package dev.stallcheck.release;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import java.util.Optional;

/**
 * The rewrites offered for a release ordered only by a timeout, best first: the task releases in
 * its own {@code finally} ({@link TaskFinallyReleaseFix}), else the release runs once the task has
 * ended ({@link DeferredReleaseFix}). Each is offered only where it provably keeps the program's
 * meaning; the checker adds the suppression last.
 */
final class ReleaseFixes {
  private ReleaseFixes() {}

  /**
   * The fixes for the release at {@code releasePath}, ordered after {@code acquire} (one of {@code
   * taskAcquires}, what {@code submission}'s task leaves unreleased) only by the timeout of {@code
   * wait}; the method analysed is the one at {@code state}'s path.
   */
  static ImmutableList<SuggestedFix> of(
      Optional<TreePath> releasePath,
      MethodInvocationTree wait,
      Acquire acquire,
      ImmutableList<Acquire> taskAcquires,
      TaskSubmission submission,
      DirectCalls calls,
      AcquireReleasePairs pairs,
      VisitorState state) {
    if (releasePath.isEmpty() || !(state.getPath().getLeaf() instanceof MethodTree method)) {
      return ImmutableList.of();
    }
    ImmutableList.Builder<SuggestedFix> fixes = ImmutableList.builder();
    TaskFinallyReleaseFix.of(
            releasePath.get(),
            acquire,
            taskAcquires,
            submission,
            state.getPath(),
            calls,
            pairs,
            state)
        .ifPresent(fixes::add);
    DeferredReleaseFix.of(releasePath.get(), wait, submission, method, state).ifPresent(fixes::add);
    return fixes.build();
  }
}
