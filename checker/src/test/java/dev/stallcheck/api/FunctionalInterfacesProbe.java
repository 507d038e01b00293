package dev.stallcheck.api;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Type;

/**
 * A test-only check: at each parameter whose name starts with {@code p}, what {@link
 * FunctionalInterfaces} and javac answer for its type.
 */
@BugPattern(
    summary = "Prints whether a parameter's type is functional, for tests",
    severity = WARNING)
public final class FunctionalInterfacesProbe extends BugChecker implements VariableTreeMatcher {
  @Override
  public Description matchVariable(VariableTree tree, VisitorState state) {
    Type type = ASTHelpers.getType(tree);
    if (!tree.getName().toString().startsWith("p") || type == null) {
      return Description.NO_MATCH;
    }
    return buildDescription(tree)
        .setMessage(
            tree.getName()
                + " functional: "
                + FunctionalInterfaces.isFunctional(type, state)
                + ", javac: "
                + state.getTypes().isFunctionalInterface(type))
        .build();
  }
}
