package dev.stallcheck.summary;

import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;

/**
 * Test-only checker: reports every untimed wait that {@link CapacityWait} calls a capacity wait.
 */
@BugPattern(summary = "capacity wait", severity = ERROR)
public final class CapacityWaitProbe extends BugChecker implements MethodInvocationTreeMatcher {
  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(tree);
    boolean untimedWait =
        method != null
            && method.getParameters().isEmpty()
            && (method.getSimpleName().contentEquals("wait")
                || method.getSimpleName().contentEquals("await")
                || method.getSimpleName().contentEquals("awaitUninterruptibly"));
    return untimedWait && CapacityWait.isCapacityWait(state.getPath(), state)
        ? describeMatch(tree)
        : Description.NO_MATCH;
  }
}
