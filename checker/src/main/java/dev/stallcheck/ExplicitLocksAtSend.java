package dev.stallcheck;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.util.Context;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The explicit locks ({@code Lock}, {@code StampedLock}) of the send's member that may be held at
 * the send, one entry per acquisition, keyed as {@link LockCalls} keys them. A conservative
 * over-approximation for deciding where fixes are safe, not the checker's lock model: an
 * acquisition counts unless it can only run after the send (later in the source, in no loop around
 * the send) or a try that guards it (it is inside the try's block or right before the try, and the
 * {@code finally} releases the lock) ends before the send.
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
  private record Acquisition(Tree call, String lock, ImmutableList<Integer> guardEnds) {}

  private ExplicitLocksAtSend() {}

  static ImmutableList<String> mayBeHeld(SendSite site, VisitorState state) {
    int sendStart = site.start(site.send());
    ImmutableList.Builder<String> held = ImmutableList.builder();
    for (Acquisition acquisition : acquisitionsOf(site.member(), state)) {
      if (site.mayRunBeforeSend(acquisition.call())
          && acquisition.guardEnds().stream().noneMatch(end -> end <= sendStart)) {
        held.add(acquisition.lock());
      }
    }
    return held.build();
  }

  private static ImmutableList<Acquisition> acquisitionsOf(TreePath member, VisitorState state) {
    Map<Tree, ImmutableList<Acquisition>> cache = state.context.get(CACHE);
    if (cache == null) {
      cache = new IdentityHashMap<>();
      state.context.put(CACHE, cache);
    }
    ImmutableList<Acquisition> cached = cache.get(member.getLeaf());
    if (cached == null) {
      cached = find(member, state);
      cache.put(member.getLeaf(), cached);
    }
    return cached;
  }

  private static ImmutableList<Acquisition> find(TreePath member, VisitorState state) {
    ImmutableList.Builder<Acquisition> found = ImmutableList.builder();
    for (TreePath acquisition : LockCalls.acquisitionsIn(member, state)) {
      Optional<String> lock =
          LockCalls.acquiredBy((MethodInvocationTree) acquisition.getLeaf(), state);
      if (lock.isPresent()) {
        found.add(
            new Acquisition(
                acquisition.getLeaf(), lock.get(), guardEnds(acquisition, member, lock.get(), state)));
      }
    }
    return found.build();
  }

  private static ImmutableList<Integer> guardEnds(
      TreePath acquisition, TreePath member, String lock, VisitorState state) {
    ImmutableList.Builder<Integer> ends = ImmutableList.builder();
    Tree child = acquisition.getLeaf();
    for (TreePath path = acquisition.getParentPath(); path != null; path = path.getParentPath()) {
      Tree leaf = path.getLeaf();
      if (leaf == member.getLeaf()) {
        break;
      }
      if (leaf instanceof TryTree tryTree
          && child == tryTree.getBlock()
          && releasesInFinally(tryTree, lock, state)) {
        ends.add(state.getEndPosition(tryTree));
      }
      if (leaf instanceof BlockTree block) {
        // The statement that holds the acquisition, directly followed by a guarding try.
        Iterator<? extends StatementTree> statements = block.getStatements().iterator();
        while (statements.hasNext()) {
          if (statements.next() == child) {
            if (statements.hasNext()
                && statements.next() instanceof TryTree next
                && releasesInFinally(next, lock, state)) {
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

  private static boolean releasesInFinally(TryTree tryTree, String lock, VisitorState state) {
    return tryTree.getFinallyBlock() != null
        && LockCalls.releasesIn(tryTree.getFinallyBlock(), lock, state);
  }
}
