package dev.stallcheck.locks;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The lock operations written as a bracket: {@code lock.lock();} right before a {@code try} whose
 * {@code finally} starts with {@code lock.unlock();} of the same lock, as the lock model names
 * locks ({@link LockCall}: {@code lock}, {@code this.lock} and a final alias are one lock). A body
 * whose every lock operation is in such a bracket leaves no lock held at its exit and releases none
 * it did not take, whatever its paths: {@link LockEffects} reads that off the syntax and spares the
 * body's dataflow, which costs a control-flow graph (most bodies that take a lock are written this
 * way).
 */
final class LockBrackets {
  private LockBrackets() {}

  /**
   * Adds to {@code bracketed} the lock and unlock calls of the brackets {@code block} opens; {@code
   * where} is the body the block is in, whose class names the locks ({@link LockCall#of}).
   */
  static void addBracketsOf(
      BlockTree block, TreePath where, VisitorState state, Set<Tree> bracketed) {
    List<? extends StatementTree> statements = block.getStatements();
    for (int i = 0; i + 1 < statements.size(); i++) {
      if (lockOperation(statements.get(i)) instanceof MethodInvocationTree acquire
          && statements.get(i + 1) instanceof TryTree attempt
          && attempt.getFinallyBlock() != null
          && !attempt.getFinallyBlock().getStatements().isEmpty()
          && lockOperation(attempt.getFinallyBlock().getStatements().get(0))
              instanceof MethodInvocationTree release
          && LockOperations.classify(acquire, state) instanceof LockOperations.Operation taken
          && taken.effect() == LockOperations.Effect.ACQUIRE
          && LockOperations.classify(release, state) != null
          // Both are lock operations, so LockCall names their locks without any callee's effect.
          && LockCall.of(acquire, where, state).orElse(null) instanceof LockCall lock
          && LockCall.of(release, where, state).filter(r -> r.releases(lock.lock())).isPresent()) {
        bracketed.add(acquire);
        bracketed.add(release);
      }
    }
  }

  private static @Nullable MethodInvocationTree lockOperation(StatementTree statement) {
    return statement instanceof ExpressionStatementTree expression
            && expression.getExpression() instanceof MethodInvocationTree call
        ? call
        : null;
  }
}
