package dev.stallcheck.flow;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.VarSymbol;

/**
 * A test-only check: at each call of a method named {@code probe(x)}, whether the variable {@code
 * x} names is {@linkplain ProgramFlow#isEffectivelyFinal effectively final}.
 */
@BugPattern(summary = "Prints whether a variable keeps its value, for tests", severity = WARNING)
public final class EffectivelyFinalProbe extends BugChecker implements MethodInvocationTreeMatcher {
  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (!ASTHelpers.getSymbol(tree).getSimpleName().contentEquals("probe")
        || !(ASTHelpers.getSymbol(tree.getArguments().get(0)) instanceof VarSymbol variable)) {
      return Description.NO_MATCH;
    }
    boolean kept = ProgramFlow.instance(state.context).isEffectivelyFinal(variable);
    return buildDescription(tree).setMessage(variable.getSimpleName() + " kept: " + kept).build();
  }
}
