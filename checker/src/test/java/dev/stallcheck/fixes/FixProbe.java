package dev.stallcheck.fixes;

import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import dev.stallcheck.BlockingPutUnderLockOptions;
import javax.inject.Inject;

/**
 * Test-only stand-in for BlockingPutUnderLock: flags every blocking send, held lock or not, and
 * attaches {@link BlockingSendFixes#fixesFor}'s fixes in order, as the real check does, honouring
 * the real check's {@code -XepOpt:BlockingPutUnderLock:FailOnAnalysisError} option. With {@code
 * -XepOpt:FixProbe:Fix=n} it attaches only the n-th fix (from 1), so that patch mode, which applies
 * the first fix, applies that one ({@link ExactPatch}).
 */
@BugPattern(summary = "Exercises BlockingSendFixes", severity = ERROR)
public final class FixProbe extends BugChecker implements MethodInvocationTreeMatcher {
  private final boolean failOnAnalysisError;
  private final int onlyFix;

  @Inject
  public FixProbe(ErrorProneFlags flags) {
    this.failOnAnalysisError =
        BlockingPutUnderLockOptions.read(flags).values().failOnAnalysisError();
    this.onlyFix = flags.getInteger("FixProbe:Fix").orElse(0);
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (SendCounterpart.of(tree, state).isEmpty()) {
      return Description.NO_MATCH;
    }
    ImmutableList<SuggestedFix> fixes =
        BlockingSendFixes.fixesFor(tree, state, failOnAnalysisError);
    if (onlyFix > 0) {
      fixes =
          fixes.size() < onlyFix ? ImmutableList.of() : ImmutableList.of(fixes.get(onlyFix - 1));
    }
    return buildDescription(tree).addAllFixes(fixes).build();
  }
}
