package dev.stallcheck.fixes;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import dev.stallcheck.AnalysisErrors;
import dev.stallcheck.locks.HeldLock;
import java.util.List;
import java.util.Optional;

/**
 * The suggested fixes for a blocking send made under a lock, best first (patch mode applies the
 * first). For a bounded queue:
 *
 * <ol>
 *   <li>{@link NonBlockingSendFix#untimed}: send with {@code offer} (or {@code offerFirst}, {@code
 *       offerLast}) and throw if it returns {@code false}; catches that only the send needed are
 *       removed ({@link InterruptedCatches});
 *   <li>{@link SendAfterUnlockFix}: the same blocking send, moved to right after the lock's
 *       release;
 *   <li>{@link NonBlockingSendFix#timed}: a bounded wait, then throw.
 * </ol>
 *
 * A send that needs a waiting consumer ({@code transfer}, any send to a {@code SynchronousQueue})
 * orders them move, timed, untimed: there a plain {@code offer} fails whenever the consumer is busy
 * at that instant, so as the applied fix it would turn every slow moment into an exception.
 *
 * <p>Each is offered only where its result is sure to compile and to keep locks released; where
 * none is, the list is empty. A send reached from calls made under locks (a chain, fixed at the
 * send) is held to the same care for the callers' locks.
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
    return fixesFor(send, ImmutableList.of(), state, failOnAnalysisError);
  }

  /**
   * The same, for a send that the calls at {@code callers} (paths anywhere in the compilation)
   * reach while they hold locks of their own. The non-blocking forms throw where the send used to
   * wait, and the exception travels up to each of those calls: they are offered only where every
   * such call is an invocation whose explicit locks a {@code finally} around it releases. Moving
   * the send out of its own locked region leaves it under the callers' locks: not offered then.
   */
  public static ImmutableList<SuggestedFix> fixesFor(
      MethodInvocationTree send,
      List<TreePath> callers,
      VisitorState state,
      boolean failOnAnalysisError) {
    return AnalysisErrors.guard(
        failOnAnalysisError,
        () ->
            compute(
                send,
                state,
                /* mayMove= */ callers.isEmpty(),
                /* mayThrow= */ callers.stream()
                    .allMatch(caller -> throwReleasesLocksAt(caller, state))),
        ImmutableList.of());
  }

  private static boolean throwReleasesLocksAt(TreePath caller, VisitorState state) {
    if (!(caller.getLeaf() instanceof MethodInvocationTree call)) {
      return false;
    }
    VisitorState here = state.withPath(caller);
    Optional<SendSite> site = SendSite.of(call, here);
    return site.isPresent()
        && ThrowReleasesLocks.at(site.get(), ExplicitLocksAtSend.mayBeHeld(site.get(), here), here);
  }

  private static ImmutableList<SuggestedFix> compute(
      MethodInvocationTree send, VisitorState state, boolean mayMove, boolean mayThrow) {
    Optional<SendSite> site = SendSite.of(send, state);
    Optional<SendCounterpart> counterpart = SendCounterpart.of(send, state);
    if (site.isEmpty() || counterpart.isEmpty()) {
      return ImmutableList.of();
    }
    ImmutableList<HeldLock.Key> heldLocks = ExplicitLocksAtSend.mayBeHeld(site.get(), state);
    Optional<SuggestedFix> untimed =
        mayThrow
            ? NonBlockingSendFix.untimed(site.get(), counterpart.get(), heldLocks, state)
            : Optional.empty();
    Optional<SuggestedFix> move =
        mayMove ? SendAfterUnlockFix.of(site.get(), heldLocks, state) : Optional.empty();
    Optional<SuggestedFix> timed =
        mayThrow
            ? NonBlockingSendFix.timed(site.get(), counterpart.get(), heldLocks, state)
            : Optional.empty();
    List<Optional<SuggestedFix>> ordered =
        counterpart.get().needsWaitingConsumer(site.get(), state)
            ? List.of(move, timed, untimed)
            : List.of(untimed, move, timed);
    ImmutableList.Builder<SuggestedFix> fixes = ImmutableList.builder();
    ordered.forEach(fix -> fix.ifPresent(fixes::add));
    return fixes.build();
  }
}
