package dev.stallcheck;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;
import static com.google.errorprone.BugPattern.StandardTags.CONCURRENCY;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;

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
public final class ReleaseOrderedByTimeout extends BugChecker implements MethodInvocationTreeMatcher {
  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return Description.NO_MATCH;
  }
}
