package dev.stallcheck.release;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;

/**
 * A test-only check: at each method whose name starts with {@code m}, whether {@link TimeoutReach}
 * lets ReleaseOrderedByTimeout analyse it; at each whose name starts with {@code reach}, whether a
 * call of it may reach a timeout by the reach's account.
 */
@BugPattern(summary = "Prints whether a method may reach a timeout, for tests", severity = WARNING)
public final class TimeoutReachProbe extends BugChecker implements MethodTreeMatcher {
  @Override
  public Description matchMethod(MethodTree tree, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(tree);
    if (tree.getName().toString().startsWith("reach")) {
      return buildDescription(tree)
          .setMessage(tree.getName() + " reaches: " + TimeoutReach.callMayReachStart(method, state))
          .build();
    }
    if (!tree.getName().toString().startsWith("m")) {
      return Description.NO_MATCH;
    }
    return buildDescription(tree)
        .setMessage(tree.getName() + " analysed: " + TimeoutReach.mayFindIn(method, state))
        .build();
  }
}
