package dev.stallcheck.fixes;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import java.util.List;
import java.util.Optional;

/**
 * The explicit locks ({@code Lock}, {@code StampedLock}) of the send's member that may be held at
 * the send, one entry per acquisition, keyed as {@link LockCalls} keys them. A conservative
 * over-approximation for deciding where fixes are safe, not the checker's lock model: an
 * acquisition counts unless it can only run after the send (later in the source, in no loop around
 * the send) or a try that guards it (it is inside the try's block or right before the try, and the
 * {@code finally} releases the lock) ends before the send.
 */
final class ExplicitLocksAtSend {
  private ExplicitLocksAtSend() {}

  static ImmutableList<String> mayBeHeld(SendSite site, VisitorState state) {
    ImmutableList.Builder<String> held = ImmutableList.builder();
    for (TreePath acquisition : LockCalls.acquisitionsIn(site.member(), state)) {
      Optional<String> lock =
          LockCalls.acquiredBy((MethodInvocationTree) acquisition.getLeaf(), state);
      if (lock.isPresent()
          && site.mayRunBeforeSend(acquisition.getLeaf())
          && !releasedBeforeSend(acquisition, lock.get(), site, state)) {
        held.add(lock.get());
      }
    }
    return held.build();
  }

  private static boolean releasedBeforeSend(
      TreePath acquisition, String lock, SendSite site, VisitorState state) {
    Tree child = acquisition.getLeaf();
    for (TreePath path = acquisition.getParentPath(); path != null; path = path.getParentPath()) {
      Tree leaf = path.getLeaf();
      if (leaf == site.member().getLeaf()) {
        return false;
      }
      if (leaf instanceof TryTree tryTree
          && child == tryTree.getBlock()
          && guards(tryTree, lock, site, state)) {
        return true;
      }
      if (leaf instanceof BlockTree block) {
        // The statement that holds the acquisition, directly followed by a guarding try.
        List<? extends StatementTree> statements = block.getStatements();
        int index = statements.indexOf(child);
        if (index >= 0
            && index + 1 < statements.size()
            && statements.get(index + 1) instanceof TryTree next
            && guards(next, lock, site, state)) {
          return true;
        }
      }
      child = leaf;
    }
    return false;
  }

  private static boolean guards(TryTree tryTree, String lock, SendSite site, VisitorState state) {
    return tryTree.getFinallyBlock() != null
        && site.end(tryTree) <= site.start(site.send())
        && LockCalls.releasesIn(tryTree.getFinallyBlock(), lock, state);
  }
}
