package dev.stallcheck.summary;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.stallcheck.AnalysisErrors;
import dev.stallcheck.locks.HeldLocks;
import dev.stallcheck.sends.BlockingSends;
import java.util.function.BiFunction;

/**
 * For each send of a compilation, the calls that reach it while holding locks: what a send reported
 * through calls needs in order to be fixed where it is. Error Prone applies a fix only to the file
 * being compiled, so the file that holds the send must carry a diagnostic with the fix, and that
 * diagnostic must know its callers before their files are checked. So the callers are found once
 * per compilation, over every file, in the fixed order of the file names: javac may check the
 * send's file before or after its callers' files, and the answer is the same.
 */
public final class CallersUnderLock {
  /** A call made while {@code held} is held, which may block in the send it is listed under. */
  public record LockedCall(TreePath call, HeldLocks held) {}

  private final ImmutableListMultimap<Tree, LockedCall> bySend;

  private CallersUnderLock(ImmutableListMultimap<Tree, LockedCall> bySend) {
    this.bySend = bySend;
  }

  /**
   * Scans every file of {@code state}'s compilation. {@code heldAt} gives the locks held at a call
   * as the check counts them, none where the check is suppressed. A call whose analysis fails
   * counts as holding nothing, unless {@code strict} (tests).
   */
  static CallersUnderLock of(
      VisitorState state,
      BlockingSummaries summaries,
      BiFunction<TreePath, VisitorState, HeldLocks> heldAt,
      boolean strict) {
    ImmutableListMultimap.Builder<Tree, LockedCall> bySend = ImmutableListMultimap.builder();
    // Only the calls that may block at all: most calls reach nothing that blocks.
    for (TreePath call : summaries.callsThatMayBlock()) {
      AnalysisErrors.guard(
          strict,
          () -> {
            VisitorState here = state.withPath(call);
            // A send under a lock is a direct finding with fixes of its own. The held locks before
            // the summary: most calls hold no lock, and the summary walks the callees.
            if (BlockingSends.classify(call, here).isPresent()) {
              return null;
            }
            HeldLocks held = heldAt.apply(call, here);
            if (held.isEmpty()
                || !IndirectSendCheck.keepsEveryLock(summaries.summaryOfCall(call), call, held)) {
              return null;
            }
            for (TreePath send : summaries.sendsReachedBy(call).sends()) {
              bySend.put(send.getLeaf(), new LockedCall(call, held));
            }
            return null;
          },
          null);
    }
    return new CallersUnderLock(bySend.build());
  }

  /** The calls that reach {@code send} under locks, in file order; empty for most sends. */
  public ImmutableList<LockedCall> reaching(Tree send) {
    return bySend.get(send);
  }
}
