package dev.stallcheck.fixes;

import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import javax.inject.Inject;

/**
 * Test-only stand-in for BlockingPutUnderLock: flags every blocking send, held lock or not, and
 * attaches {@link BlockingSendFixes#fixesFor}'s fixes in order, as the real check does, honouring
 * the real check's {@code -XepOpt:BlockingPutUnderLock:FailOnAnalysisError} option.
 */
@BugPattern(summary = "Exercises BlockingSendFixes", severity = ERROR)
public final class FixProbe extends BugChecker implements MethodInvocationTreeMatcher {
  private final boolean failOnAnalysisError;

  @Inject
  public FixProbe(ErrorProneFlags flags) {
    this.failOnAnalysisError =
        flags.getBoolean("BlockingPutUnderLock:FailOnAnalysisError").orElse(false);
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (SendCounterpart.of(tree, state).isEmpty()) {
      return Description.NO_MATCH;
    }
    return buildDescription(tree)
        .addAllFixes(BlockingSendFixes.fixesFor(tree, state, failOnAnalysisError))
        .build();
  }
}
