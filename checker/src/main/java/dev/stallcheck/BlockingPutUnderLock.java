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

/** A blocking queue send made while the current thread holds a lock. */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "A blocking send made while a lock is held stalls every thread that needs that lock",
    severity = ERROR,
    tags = CONCURRENCY,
    linkType = CUSTOM,
    link = DocsLinks.BUGPATTERNS + "BlockingPutUnderLock.md")
public final class BlockingPutUnderLock extends BugChecker implements MethodInvocationTreeMatcher {
  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return Description.NO_MATCH;
  }
}
