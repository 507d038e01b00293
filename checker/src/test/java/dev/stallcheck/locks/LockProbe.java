package dev.stallcheck.locks;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import dev.stallcheck.paths.AccessPath;
import java.util.stream.Collectors;

/**
 * A test-only check that prints the lock model: at each call {@code probe()}, the locks held (kind,
 * access path, source, line); at each call {@code timing()}, the {@link CallbackTiming} of the
 * enclosing lambda; at each call {@code rebased(x)}, the held locks' paths seen from a caller whose
 * receiver is {@code x}; at each call {@code bodies()}, how many bodies were analysed so far.
 */
@BugPattern(summary = "Prints the lock model for tests", severity = WARNING)
public final class LockProbe extends BugChecker implements MethodInvocationTreeMatcher {
  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    String name = ASTHelpers.getSymbol(tree).getSimpleName().toString();
    String message;
    switch (name) {
      case "probe" -> {
        HeldLocks held = LockAnalysis.locksHeldAt(state.getPath(), state);
        message =
            held.isEmpty()
                ? "held: none"
                : "held: "
                    + held.asList().stream()
                        .map(HeldLock::toString)
                        .collect(Collectors.joining(", "));
      }
      case "timing" -> {
        TreePath lambda = state.getPath();
        while (!(lambda.getLeaf() instanceof LambdaExpressionTree)) {
          lambda = lambda.getParentPath();
        }
        message = "timing: " + CallbackTiming.of(lambda, state);
      }
      case "rebased" -> {
        AccessPath receiver =
            LockExpressions.pathOf(tree.getArguments().get(0), state.getPath(), state);
        message =
            "rebased: "
                + LockAnalysis.locksHeldAt(state.getPath(), state).asList().stream()
                    .map(l -> l.rebase(receiver).path().toString())
                    .collect(Collectors.joining(", "));
      }
      case "bodies" -> message = "bodies: " + LockAnalysis.analyzedBodyCount(state.context);
      default -> {
        return Description.NO_MATCH;
      }
    }
    return buildDescription(tree).setMessage(message).build();
  }
}
