package dev.stallcheck.fixes;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import dev.stallcheck.locks.HeldLock;
import dev.stallcheck.locks.LockCall;

/**
 * Whether an exception thrown at the send leaves no explicit lock held. Monitors are always
 * released by the JVM; a {@code Lock} or {@code StampedLock} only by a {@code finally}. In {@code
 * lock.lock(); q.put(x); lock.unlock();}, with no {@code finally}, a throw at the send would keep
 * {@code lock} held forever, so a fix must not introduce one there.
 */
final class ThrowReleasesLocks {
  private ThrowReleasesLocks() {}

  /** {@code heldLocks}: {@link ExplicitLocksAtSend#mayBeHeld} for the site. */
  static boolean at(SendSite site, ImmutableList<HeldLock.Key> heldLocks, VisitorState state) {
    return heldLocks.stream()
        .allMatch(lock -> releasedByFinallyAroundSend(lock, site, state));
  }

  private static boolean releasedByFinallyAroundSend(
      HeldLock.Key lock, SendSite site, VisitorState state) {
    for (TreePath ancestor : site.ancestors()) {
      if (ancestor.getLeaf() instanceof TryTree tryTree
          && site.childOf(ancestor) == tryTree.getBlock()
          && tryTree.getFinallyBlock() != null
          && LockCall.releasedIn(tryTree.getFinallyBlock(), lock, site.member(), state)) {
        return true;
      }
    }
    return false;
  }
}
