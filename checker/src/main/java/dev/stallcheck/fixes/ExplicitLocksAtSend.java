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
import com.sun.tools.javac.util.Context;
import dev.stallcheck.graph.PerCompilation;
import dev.stallcheck.locks.HeldLock;
import dev.stallcheck.locks.LockCall;
import dev.stallcheck.trees.LazyPathScanner;
import java.util.Iterator;
import java.util.Map;

/**
 * The explicit locks ({@code Lock}, {@code StampedLock}) of the send's member that may be held at
 * the send, one entry per acquisition, named as the lock model names them ({@link LockCall}). A
 * conservative over-approximation for deciding where fixes are safe: the lock model answers which
 * locks are surely held, a fix must not leave any lock held that may be. An acquisition counts
 * unless it can only run after the send (later in the source, in no loop around the send) or a try
 * that guards it (it is inside the try's block or right before the try, and the {@code finally}
 * releases the lock; or it is a try-with-resources resource) ends before the send.
 *
 * <p>The acquisitions of a member and their guarding tries do not depend on the send, so they are
 * found once per member (cached in the javac {@link Context}); each send then only compares
 * positions. Without that, a member with many sends cost time quadratic in its size.
 */
final class ExplicitLocksAtSend {
  private static final Context.Key<Map<Tree, ImmutableList<Acquisition>>> CACHE =
      new Context.Key<>();

  /**
   * One acquisition of {@code lock} and the end positions of the tries whose {@code finally}
   * releases it, entered right at or around the acquisition.
   */
  private record Acquisition(Tree call, HeldLock.Key lock, ImmutableList<Integer> guardEnds) {}

  private ExplicitLocksAtSend() {}

  static ImmutableList<HeldLock.Key> mayBeHeld(SendSite site, VisitorState state) {
    int sendStart = site.start(site.send());
    ImmutableList.Builder<HeldLock.Key> held = ImmutableList.builder();
    for (Acquisition acquisition : acquisitionsOf(site.member(), state)) {
      if (site.mayRunBeforeSend(acquisition.call())
          && acquisition.guardEnds().stream().noneMatch(end -> end <= sendStart)) {
        held.add(acquisition.lock());
      }
    }
    return held.build();
  }

  private static ImmutableList<Acquisition> acquisitionsOf(TreePath member, VisitorState state) {
    return PerCompilation.instance(
        state.context, CACHE, member.getLeaf(), unused -> find(member, state));
  }

  /** The calls in {@code member} that take a lock, lambdas included, nested classes not. */
  private static ImmutableList<Acquisition> find(TreePath member, VisitorState state) {
    ImmutableList.Builder<Acquisition> found = ImmutableList.builder();
    new LazyPathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        LockCall.of(call, member, state)
            .filter(LockCall::takes)
            .ifPresent(
                lockCall ->
                    found.add(
                        new Acquisition(
                            call,
                            lockCall.lock(),
                            guardEnds(getCurrentPath(), member, lockCall.lock(), state))));
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }
    }.scan(member, null);
    return found.build();
  }

  private static ImmutableList<Integer> guardEnds(
      TreePath acquisition, TreePath member, HeldLock.Key lock, VisitorState state) {
    ImmutableList.Builder<Integer> ends = ImmutableList.builder();
    Tree child = acquisition.getLeaf();
    for (TreePath path = acquisition.getParentPath(); path != null; path = path.getParentPath()) {
      Tree leaf = path.getLeaf();
      if (leaf == member.getLeaf()) {
        break;
      }
      if (leaf instanceof TryTree tryTree
          && ((child == tryTree.getBlock() && releasesInFinally(tryTree, lock, member, state))
              || tryTree.getResources().contains(child))) {
        // A resource that took the lock gives it back when the try ends.
        ends.add(state.getEndPosition(tryTree));
      }
      if (leaf instanceof BlockTree block) {
        // The statement that holds the acquisition, directly followed by a guarding try.
        Iterator<? extends StatementTree> statements = block.getStatements().iterator();
        while (statements.hasNext()) {
          if (statements.next() == child) {
            if (statements.hasNext()
                && statements.next() instanceof TryTree next
                && releasesInFinally(next, lock, member, state)) {
              ends.add(state.getEndPosition(next));
            }
            break;
          }
        }
      }
      child = leaf;
    }
    return ends.build();
  }

  private static boolean releasesInFinally(
      TryTree tryTree, HeldLock.Key lock, TreePath member, VisitorState state) {
    return tryTree.getFinallyBlock() != null
        && LockCall.releasedIn(tryTree.getFinallyBlock(), lock, member, state);
  }
}
