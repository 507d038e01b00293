package dev.stallcheck.summary;

import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.NewClassTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import dev.stallcheck.BlockingPutUnderLockOptions;
import dev.stallcheck.locks.LockAnalysis;
import dev.stallcheck.sends.BlockingSends;

/**
 * Test-only checker: the indirect half of BlockingPutUnderLock alone (strict, so analysis bugs fail
 * tests), and a handle on the last compilation's summaries so tests can count their work.
 */
@BugPattern(summary = "indirect blocking sends only", severity = ERROR)
public final class SummaryProbe extends BugChecker
    implements MethodInvocationTreeMatcher, NewClassTreeMatcher, MemberReferenceTreeMatcher {
  /** The summaries of the most recent compilation. */
  static volatile BlockingSummaries lastSummaries;

  private final IndirectSendCheck check;

  public SummaryProbe(ErrorProneFlags flags) {
    BlockingPutUnderLockOptions options = BlockingPutUnderLockOptions.read(flags).values();
    this.check =
        new IndirectSendCheck(
            options.declarations(),
            options.waits(),
            options.limits(),
            /* failOnAnalysisError= */ true);
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return BlockingSends.classify(state.getPath(), state).isPresent()
        ? Description.NO_MATCH
        : report(tree, state, false);
  }

  @Override
  public Description matchNewClass(NewClassTree tree, VisitorState state) {
    return report(tree, state, false);
  }

  @Override
  public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
    return report(tree, state, true);
  }

  private Description report(ExpressionTree tree, VisitorState state, boolean inside) {
    lastSummaries = check.summaries(state);
    return check
        .findingAt(
            state.getPath(),
            state,
            () ->
                inside
                    ? LockAnalysis.locksHeldInside(state.getPath(), state)
                    : LockAnalysis.locksHeldAt(state.getPath(), state))
        .map(message -> buildDescription(tree).setMessage(message).build())
        .orElse(Description.NO_MATCH);
  }
}
