package dev.stallcheck.graph;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static java.util.stream.Collectors.joining;

import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;

/**
 * A test-only check: at each method whose name starts with {@code m}, the overriders {@link
 * CompilationIndex} finds for it.
 */
@BugPattern(summary = "Prints the overriders of a method, for tests", severity = WARNING)
public final class OverridersProbe extends BugChecker implements MethodTreeMatcher {
  @Override
  public Description matchMethod(MethodTree tree, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(tree);
    if (!method.getSimpleName().toString().startsWith("m")) {
      return Description.NO_MATCH;
    }
    return buildDescription(tree)
        .setMessage(
            method.owner.getSimpleName()
                + "."
                + method
                + " overridden by ["
                + CompilationIndex.instance(state.context).overridersOf(method).stream()
                    .map(m -> m.owner.getSimpleName() + "." + m)
                    .collect(joining(", "))
                + "]")
        .build();
  }
}
