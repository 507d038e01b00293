package dev.stallcheck.release;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import dev.stallcheck.fixes.TryUnwrapping;

/**
 * Deletes the caller's release statement that a fix moved into the task, and with it what only it
 * needed: a {@code finally} that held nothing else, and then a {@code try} left with only its
 * block, whose statements join the enclosing block. A {@code try} with catches or resources keeps
 * them and loses the {@code finally}; one that encloses the task's code, which the fix rewrites
 * too, stays as it is, with an empty {@code finally}.
 */
final class CallerReleaseRemoval {
  private CallerReleaseRemoval() {}

  /** Adds to {@code fix} the edits that delete {@code release}; {@code task} is edited too. */
  static void delete(
      SuggestedFix.Builder fix, MovableRelease release, Tree task, VisitorState state) {
    TreePath finallyPath = release.statement().getParentPath();
    TreePath tryPath = finallyPath.getParentPath();
    if (!(finallyPath.getLeaf() instanceof BlockTree finallyBlock)
        || finallyBlock.getStatements().size() != 1
        || !(tryPath.getLeaf() instanceof TryTree tryTree)
        || tryTree.getFinallyBlock() != finallyBlock) {
      FixLayout.delete(fix, release.tree(), state);
      return;
    }
    if (!tryTree.getCatches().isEmpty() || !tryTree.getResources().isEmpty()) {
      Tree last =
          tryTree.getCatches().isEmpty()
              ? tryTree.getBlock()
              : tryTree.getCatches().get(tryTree.getCatches().size() - 1);
      fix.replace(state.getEndPosition(last), state.getEndPosition(finallyBlock), "");
      return;
    }
    if (ASTHelpers.getStartPosition(tryTree) <= ASTHelpers.getStartPosition(task)
        && state.getEndPosition(task) <= state.getEndPosition(tryTree)) {
      FixLayout.delete(fix, release.tree(), state);
      return;
    }
    TryUnwrapping.Unwrapped unwrapped = TryUnwrapping.unwrap(tryTree, tryPath, state);
    fix.merge(unwrapped.fix());
    unwrapped.shift().apply(fix, 0, 0, state.getSourceCode());
  }
}
