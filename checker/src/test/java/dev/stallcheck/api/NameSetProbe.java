package dev.stallcheck.api;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;

/**
 * A test-only check: at each call whose method is named in one {@link NameSet}, shared by every
 * compilation the check runs in, that name.
 */
@BugPattern(summary = "Prints the calls a name set names, for tests", severity = WARNING)
public final class NameSetProbe extends BugChecker implements MethodInvocationTreeMatcher {
  private static final NameSet NAMES = NameSet.of("put", "transfer");

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (!(ASTHelpers.getSymbol(tree) instanceof MethodSymbol method)
        || !NAMES.contains(method.getSimpleName(), state)) {
      return Description.NO_MATCH;
    }
    return buildDescription(tree).setMessage("named " + method.getSimpleName()).build();
  }
}
