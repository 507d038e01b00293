package dev.stallcheck.summary;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.stallcheck.graph.CompilationIndex;
import dev.stallcheck.locks.TakenLocks;
import java.util.ArrayList;
import java.util.List;

/**
 * The locks the consumers of a capacity wait may take. A producer that waits for room while holding
 * a lock stalls the threads that need that lock; for a wait the compilation writes itself (unlike a
 * {@code BlockingQueue}'s put, whose takers are anyone's) the code that makes room is in view. When
 * that code may need the held lock the wait is a nested-monitor lockout: the consumer blocks on the
 * lock, the buffer never drains, and the producer waits forever. When it takes none of them, the
 * wait is the buffer's back-pressure, and ends when the consumer catches up.
 *
 * <p>The consumers are the code that wakes the wait ({@link WakeUps#consumers}) and the methods
 * that call it: the consumer thread's loop. What they take is read through the calls they make, a
 * few levels down ({@link TakenLocks}). A wait whose waker cannot be told may meet any lock.
 */
final class ConsumerLocks {
  private ConsumerLocks() {}

  /** What the consumers of the capacity wait at {@code waitCall} may take. */
  static TakenLocks of(TreePath waitCall, VisitorState state, BlockingSummaries summaries) {
    List<TreePath> wakers = WakeUps.consumers(waitCall, state);
    if (wakers == null) {
      return TakenLocks.any();
    }
    CompilationIndex index = CompilationIndex.instance(state.context);
    List<TreePath> code = new ArrayList<>(wakers);
    for (TreePath waker : wakers) {
      if (waker.getLeaf() instanceof MethodTree method
          && ASTHelpers.getSymbol(method) instanceof MethodSymbol symbol) {
        List<MethodSymbol> named =
            new ArrayList<>(ASTHelpers.findSuperMethods(symbol, state.getTypes()));
        named.add(symbol);
        for (MethodSymbol callee : named) {
          for (Symbol caller : summaries.bodiesCalling(callee)) {
            TreePath body = index.declaration(caller);
            code.add(body == null ? new TreePath(waitCall.getCompilationUnit()) : body);
          }
        }
      }
    }
    return TakenLocks.within(code, state);
  }
}
