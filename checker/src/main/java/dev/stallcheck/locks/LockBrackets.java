package dev.stallcheck.locks;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.tools.javac.code.Symbol;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The lock operations written as a bracket: {@code lock.lock();} right before a {@code try} whose
 * {@code finally} starts with {@code lock.unlock();} on the same lock expression. A body whose
 * every lock operation is in such a bracket leaves no lock held at its exit and releases none it
 * did not take, whatever its paths: {@link LockEffects} reads that off the syntax and spares the
 * body's dataflow, which costs a control-flow graph (most bodies that take a lock are written this
 * way).
 */
final class LockBrackets {
  private LockBrackets() {}

  /** Adds to {@code bracketed} the lock and unlock calls of the brackets {@code block} opens. */
  static void addBracketsOf(BlockTree block, VisitorState state, Set<Tree> bracketed) {
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
          && LockOperations.classify(release, state) instanceof LockOperations.Operation released
          && released.effect() == LockOperations.Effect.RELEASE
          && taken.kind() == released.kind()
          && sameLock(taken.lock(), released.lock())) {
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

  /**
   * Whether two lock expressions name the same lock the way the lock dataflow's access paths do:
   * the same variables and fields, and the same argument-free calls ({@code rw.readLock()}), from
   * the same root (null: an implicit {@code this}).
   */
  private static boolean sameLock(@Nullable ExpressionTree a, @Nullable ExpressionTree b) {
    if (a == null || b == null) {
      return a == b;
    }
    a = ASTHelpers.stripParentheses(a);
    b = ASTHelpers.stripParentheses(b);
    Symbol symbol = ASTHelpers.getSymbol(a);
    if (symbol == null || !symbol.equals(ASTHelpers.getSymbol(b))) {
      return false;
    }
    if (a instanceof IdentifierTree && b instanceof IdentifierTree) {
      return true;
    }
    if (a instanceof MemberSelectTree one && b instanceof MemberSelectTree other) {
      return sameLock(one.getExpression(), other.getExpression());
    }
    return a instanceof MethodInvocationTree one
        && b instanceof MethodInvocationTree other
        && one.getArguments().isEmpty()
        && other.getArguments().isEmpty()
        && sameLock(ASTHelpers.getReceiver(one), ASTHelpers.getReceiver(other));
  }
}
