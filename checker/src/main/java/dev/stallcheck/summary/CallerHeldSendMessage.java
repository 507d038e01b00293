package dev.stallcheck.summary;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import dev.stallcheck.locks.HeldLock;
import dev.stallcheck.locks.LockExpressions;
import dev.stallcheck.summary.CallersUnderLock.LockedCall;
import dev.stallcheck.text.Listing;
import java.util.List;

/**
 * The message at a send that holds no lock itself but is reached from calls made under locks: names
 * the locks and the first such call, so that the reader of the send's file knows which caller the
 * send stalls.
 */
public final class CallerHeldSendMessage {
  private CallerHeldSendMessage() {}

  /**
   * For example "`writer.put(data)` can block while a caller holds `roomsLock.readLock()`:
   * `user.sendMsg(msg)` (ChatGateway.java:55) reaches it with that lock held, and every thread that
   * needs the lock stalls until the queue has room".
   *
   * @param callers the calls reaching the send under locks, in file order; not empty
   */
  public static String of(Tree send, List<LockedCall> callers, VisitorState state) {
    LockedCall first = callers.get(0);
    VisitorState caller = state.withPath(first.call());
    List<String> locks =
        first.held().asList().stream().map(lock -> "`" + named(lock, first) + "`").toList();
    boolean one = locks.size() == 1;
    StringBuilder message =
        new StringBuilder("`")
            .append(LockExpressions.sourceText(send, state))
            .append("` can block while a caller holds ")
            .append(Listing.of(locks))
            .append(": `")
            .append(LockExpressions.sourceText(first.call().getLeaf(), caller))
            .append("` (")
            .append(place(first.call().getLeaf(), first.call().getCompilationUnit()))
            .append(") reaches it with ")
            .append(one ? "that lock" : "those locks")
            .append(" held, and every thread that needs ")
            .append(one ? "it" : "them")
            .append(" stalls until the send completes");
    if (callers.size() > 1) {
      int more = callers.size() - 1;
      message.append(" (").append(more).append(more == 1 ? " more call does" : " more calls do");
      message.append(" the same)");
    }
    return message.toString();
  }

  /** {@code this} in the caller is another object than {@code this} at the send: qualify it. */
  private static String named(HeldLock lock, LockedCall call) {
    if (!lock.source().equals("this")) {
      return lock.source();
    }
    ClassTree type = ASTHelpers.findEnclosingNode(call.call(), ClassTree.class);
    return type == null || type.getSimpleName().isEmpty()
        ? lock.source()
        : type.getSimpleName() + ".this";
  }

  private static String place(Tree tree, CompilationUnitTree unit) {
    String name = unit.getSourceFile().getName();
    long line = unit.getLineMap().getLineNumber(ASTHelpers.getStartPosition(tree));
    return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1) + ":" + line;
  }
}
