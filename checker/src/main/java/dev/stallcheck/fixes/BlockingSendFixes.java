package dev.stallcheck.fixes;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.sun.source.tree.MethodInvocationTree;
import dev.stallcheck.AnalysisErrors;
import dev.stallcheck.locks.HeldLock;
import java.util.Optional;

/**
 * The suggested fixes for a blocking send made under a lock, best first (patch mode applies the
 * first):
 *
 * <ol>
 *   <li>{@link NonBlockingSendFix#untimed}: send with {@code offer} (or {@code offerFirst}, {@code
 *       offerLast}, {@code tryTransfer}) and throw if it returns {@code false}; catches that only
 *       the send needed are removed ({@link InterruptedCatches});
 *   <li>{@link SendAfterUnlockFix}: the same blocking send, moved to right after the lock's
 *       release;
 *   <li>{@link NonBlockingSendFix#timed}: a bounded wait, then throw.
 * </ol>
 *
 * Each is offered only where its result is sure to compile and to keep locks released; where none
 * is, the list is empty.
 */
public final class BlockingSendFixes {
  private BlockingSendFixes() {}

  /**
   * Fixes for {@code send}, a blocking send that BlockingPutUnderLock reports; {@code
   * state.getPath()} leads to {@code send}. Empty where no fix can be made safe, and on input that
   * makes the analysis throw (the finding still stands) unless {@code failOnAnalysisError}, the
   * check's option of that name ({@link AnalysisErrors}), is on.
   */
  public static ImmutableList<SuggestedFix> fixesFor(
      MethodInvocationTree send, VisitorState state, boolean failOnAnalysisError) {
    return AnalysisErrors.guard(
        failOnAnalysisError, () -> compute(send, state), ImmutableList.of());
  }

  private static ImmutableList<SuggestedFix> compute(
      MethodInvocationTree send, VisitorState state) {
    Optional<SendSite> site = SendSite.of(send, state);
    Optional<SendCounterpart> counterpart = SendCounterpart.of(send, state);
    if (site.isEmpty() || counterpart.isEmpty()) {
      return ImmutableList.of();
    }
    ImmutableList<HeldLock.Key> heldLocks = ExplicitLocksAtSend.mayBeHeld(site.get(), state);
    ImmutableList.Builder<SuggestedFix> fixes = ImmutableList.builder();
    NonBlockingSendFix.untimed(site.get(), counterpart.get(), heldLocks, state)
        .ifPresent(fixes::add);
    SendAfterUnlockFix.of(site.get(), heldLocks, state).ifPresent(fixes::add);
    NonBlockingSendFix.timed(site.get(), counterpart.get(), heldLocks, state)
        .ifPresent(fixes::add);
    return fixes.build();
  }
}
