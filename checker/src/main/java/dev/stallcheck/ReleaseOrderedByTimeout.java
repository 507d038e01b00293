package dev.stallcheck;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;
import static com.google.errorprone.BugPattern.StandardTags.CONCURRENCY;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.common.collect.ImmutableList;
import com.sun.source.tree.MethodTree;
import dev.stallcheck.release.AcquireReleasePairs;
import dev.stallcheck.release.Finding;
import dev.stallcheck.release.ReleaseOrderAnalysis;

/** A release that only a timeout orders after the acquire a task makes on another thread. */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "A timeout is not a happens-before edge: this release may run before the task's acquire,"
            + " which then leaks",
    severity = ERROR,
    tags = CONCURRENCY,
    linkType = CUSTOM,
    link = DocsLinks.BUGPATTERNS + "ReleaseOrderedByTimeout.md")
public final class ReleaseOrderedByTimeout extends BugChecker implements MethodTreeMatcher {
  private final ReleaseOrderAnalysis analysis;
  private final boolean failOnAnalysisError;

  /** For the service loader; Error Prone itself uses the flags constructor. */
  public ReleaseOrderedByTimeout() {
    this(ErrorProneFlags.empty());
  }

  /**
   * Reads {@code -XepOpt:ReleaseOrderedByTimeout:Pairs=com.acme.Pool#take:com.acme.Pool#giveBack,...}
   * (extra acquire/release pairs) and {@code FailOnAnalysisError} ({@link AnalysisErrors}).
   */
  public ReleaseOrderedByTimeout(ErrorProneFlags flags) {
    ImmutableList<String> pairs = flags.getListOrEmpty("ReleaseOrderedByTimeout:Pairs");
    this.analysis = new ReleaseOrderAnalysis(AcquireReleasePairs.withConfigured(pairs));
    this.failOnAnalysisError = AnalysisErrors.failOnAnalysisError("ReleaseOrderedByTimeout", flags);
  }

  @Override
  public Description matchMethod(MethodTree tree, VisitorState state) {
    ImmutableList<Finding> findings =
        AnalysisErrors.guard(
            failOnAnalysisError,
            () -> analysis.findings(state.getPath(), state),
            ImmutableList.of());
    for (Finding finding : findings) {
      Description.Builder description = buildDescription(finding.at()).setMessage(finding.message());
      finding.fix().ifPresent(description::addFix);
      state.reportMatch(description.build());
    }
    return Description.NO_MATCH;
  }
}
