package dev.stallcheck.fixes;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import dev.stallcheck.locks.HeldLock;
import dev.stallcheck.locks.LockCall;
import java.util.List;
import java.util.Optional;

/**
 * The explicit locks ({@code Lock}, {@code StampedLock}) of the send's member that may be held at
 * the send, one entry per acquisition, named as the lock model names them ({@link LockCall}). A
 * conservative over-approximation for deciding where fixes are safe: the lock model answers which
 * locks are surely held, a fix must not leave any lock held that may be. An acquisition counts
 * unless it can only run after the send (later in the source, in no loop around the send) or a try
 * that guards it (it is inside the try's block or right before the try, and the {@code finally}
 * releases the lock) ends before the send.
 */
final class ExplicitLocksAtSend {
  private ExplicitLocksAtSend() {}

  static ImmutableList<HeldLock.Key> mayBeHeld(SendSite site, VisitorState state) {
    ImmutableList.Builder<HeldLock.Key> held = ImmutableList.builder();
    for (TreePath acquisition : acquisitionsIn(site.member(), state)) {
      Optional<LockCall> call =
          LockCall.of((MethodInvocationTree) acquisition.getLeaf(), site.member(), state);
      if (call.isPresent()
          && call.get().takes()
          && site.mayRunBeforeSend(acquisition.getLeaf())
          && !releasedBeforeSend(acquisition, call.get().lock(), site, state)) {
        held.add(call.get().lock());
      }
    }
    return held.build();
  }

  /** Paths of the calls in {@code member} that take a lock, lambdas included, nested classes not. */
  private static ImmutableList<TreePath> acquisitionsIn(TreePath member, VisitorState state) {
    ImmutableList.Builder<TreePath> acquisitions = ImmutableList.builder();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (LockCall.of(call, member, state).filter(LockCall::takes).isPresent()) {
          acquisitions.add(getCurrentPath());
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }
    }.scan(member, null);
    return acquisitions.build();
  }

  private static boolean releasedBeforeSend(
      TreePath acquisition, HeldLock.Key lock, SendSite site, VisitorState state) {
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

  private static boolean guards(
      TryTree tryTree, HeldLock.Key lock, SendSite site, VisitorState state) {
    return tryTree.getFinallyBlock() != null
        && site.end(tryTree) <= site.start(site.send())
        && LockCall.releasedIn(tryTree.getFinallyBlock(), lock, site.member(), state);
  }
}
