package dev.stallcheck;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;
import static com.google.errorprone.BugPattern.StandardTags.CONCURRENCY;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.CompilationUnitTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import dev.stallcheck.options.CheckOptions;
import dev.stallcheck.release.AcquireReleasePairs;
import dev.stallcheck.release.Finding;
import dev.stallcheck.release.ReleaseOrderAnalysis;
import javax.inject.Inject;

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
public final class ReleaseOrderedByTimeout extends BugChecker
    implements CompilationUnitTreeMatcher, MethodTreeMatcher {
  private final CheckOptions<ReleaseOrderedByTimeoutOptions> options;
  private final ReleaseOrderAnalysis analysis;
  private final boolean failOnAnalysisError;
  private final Rollout rollout;

  /** For the service loader; Error Prone itself uses the flags constructor. */
  public ReleaseOrderedByTimeout() {
    this(ErrorProneFlags.empty());
  }

  /** Reads {@link ReleaseOrderedByTimeoutOptions}; malformed ones are reported, not thrown. */
  @Inject
  public ReleaseOrderedByTimeout(ErrorProneFlags flags) {
    this.options = ReleaseOrderedByTimeoutOptions.read(flags);
    this.analysis =
        new ReleaseOrderAnalysis(AcquireReleasePairs.withConfigured(options.values().pairs()));
    this.failOnAnalysisError = options.values().failOnAnalysisError();
    this.rollout = new Rollout(options.values().rollout());
  }

  /** Runs first in each file: a malformed option fails the compilation once, as a javac error. */
  @Override
  public Description matchCompilationUnit(CompilationUnitTree tree, VisitorState state) {
    options.reportErrorsOnce(state);
    return Description.NO_MATCH;
  }

  /** With a malformed option the check analyses nothing: the compilation fails on that error. */
  @Override
  public Description matchMethod(MethodTree tree, VisitorState state) {
    if (!options.valid()) {
      return Description.NO_MATCH;
    }
    ImmutableList<Finding> findings =
        AnalysisErrors.guard(
            failOnAnalysisError,
            () -> analysis.findings(state.getPath(), state),
            ImmutableList.of());
    for (Finding finding : findings) {
      TreePath at = TreePath.getPath(state.getPath(), finding.at());
      VisitorState atFinding = at == null ? state : state.withPath(at);
      state.reportMatch(
          buildDescription(finding.at())
              .setMessage(finding.message())
              .addAllFixes(
                  rollout.offered(
                      canonicalName(),
                      "TODO: why can this release not run before the task's acquire?",
                      AnalysisErrors.guard(
                          failOnAnalysisError, finding.fixes(), ImmutableList.of()),
                      /* fixedElsewhere= */ false,
                      atFinding,
                      failOnAnalysisError))
              .build());
    }
    return Description.NO_MATCH;
  }
}
