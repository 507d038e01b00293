package dev.stallcheck.fixes;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import dev.stallcheck.locks.HeldLock;
import dev.stallcheck.locks.LockAnalysis;
import dev.stallcheck.locks.LockCall;

/**
 * Whether an exception thrown at the send leaves no explicit lock held. Monitors are always
 * released by the JVM; a {@code Lock} or {@code StampedLock} only by a {@code finally} or by
 * closing the try-with-resources resource that took it. In {@code lock.lock(); q.put(x);
 * lock.unlock();}, with no {@code finally}, a throw at the send would keep {@code lock} held
 * forever, so a fix must not introduce one there; nor in a lambda that a template such as {@code
 * inLock(lock, action)} runs between {@code lock()} and {@code unlock()} without a {@code finally}.
 */
final class ThrowReleasesLocks {
  private ThrowReleasesLocks() {}

  /** {@code heldLocks}: {@link ExplicitLocksAtSend#mayBeHeld} for the site. */
  static boolean at(SendSite site, ImmutableList<HeldLock.Key> heldLocks, VisitorState state) {
    return !LockAnalysis.throwKeepsTemplateLocks(site.path(), site.member(), state)
        && heldLocks.stream()
            .allMatch(lock -> LockCall.releasedIfThrownAt(site.path(), lock, site.member(), state));
  }
}
