package dev.stallcheck.sends;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import dev.stallcheck.locks.HeldLock;
import dev.stallcheck.locks.HeldLocks;
import dev.stallcheck.locks.LockExpressions;
import dev.stallcheck.text.Listing;

/**
 * The message of a blocking send made right inside a locked region: the send as written, each held
 * lock with where it was taken, and what then stalls.
 */
public final class DirectSendMessage {
  private DirectSendMessage() {}

  /**
   * For example "`writer.put(data)` can block while `membersLock.readLock()` (taken at line 42) is
   * held; a full queue then stalls every thread that needs that lock".
   */
  public static String of(Tree send, BlockingSend kind, HeldLocks held, VisitorState state) {
    String code = "`" + LockExpressions.sourceText(send, state) + "`";
    String locks = Listing.of(held.asList().stream().map(HeldLock::describe).toList());
    boolean one = held.size() == 1;
    String isHeld = one ? " is held" : " are held";
    String those = one ? "that lock" : "those locks";
    return switch (kind) {
      case SYNCHRONOUS ->
          code
              + " always blocks until another thread takes the element (a SynchronousQueue has no"
              + " capacity), and "
              + locks
              + (one ? " stays held" : " stay held")
              + " meanwhile; every thread that needs "
              + those
              + " stalls until a taker arrives";
      case TIMED ->
          code
              + " can wait for its whole timeout while "
              + locks
              + isHeld
              + "; every thread that needs "
              + those
              + " stalls meanwhile";
      case PERMIT ->
          code
              + " waits for a free permit, that is for room in the buffer the semaphore bounds, while "
              + locks
              + isHeld
              + "; a full buffer then stalls every thread that needs "
              + those;
      case UNTIMED ->
          code
              + " can block while "
              + locks
              + isHeld
              + (isTransfer(send)
                  ? "; until a consumer takes the element, every thread that needs "
                      + those
                      + " stalls"
                  : "; a full queue then stalls every thread that needs " + those);
    };
  }

  /** Already classified as a send by symbol, so the name only picks the wording. */
  private static boolean isTransfer(Tree send) {
    Symbol symbol = ASTHelpers.getSymbol(send);
    return symbol != null && symbol.getSimpleName().contentEquals("transfer");
  }
}
