package dev.stallcheck.trees;

import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A tree scanner that knows the path to the tree being visited, as {@code TreePathScanner} does,
 * but makes a {@link TreePath} only when {@link #getCurrentPath} asks for it. {@code
 * TreePathScanner} allocates one per node it enters, and the scans of a whole compilation need the
 * paths of few nodes (calls, assignments, declarations): the allocation cost them more than their
 * own work. Paths made for a node are shared by its descendants, so {@link #getCurrentPath} costs
 * one allocation per node not yet on a path.
 */
public class LazyPathScanner<R, P> extends TreeScanner<R, P> {
  /** The trees from the scan's root to the current one; the root's path is always known. */
  private Tree[] trees = new Tree[64];

  /** The paths made so far for {@link #trees}, null where none was needed yet. */
  private @Nullable TreePath[] paths = new TreePath[64];

  private int depth;

  /** Scans {@code path}'s leaf, as a descendant of the rest of {@code path}. */
  public R scan(TreePath path, P p) {
    int outer = depth;
    enter(path.getLeaf(), path);
    try {
      return path.getLeaf().accept(this, p);
    } finally {
      leave(outer);
    }
  }

  @Override
  public R scan(Tree tree, P p) {
    if (tree == null) {
      return null;
    }
    int outer = depth;
    enter(tree, null);
    try {
      return tree.accept(this, p);
    } finally {
      leave(outer);
    }
  }

  /** The path to the tree being visited; null outside a scan. */
  public @Nullable TreePath getCurrentPath() {
    if (depth == 0) {
      return null;
    }
    int known = depth - 1;
    while (known >= 0 && paths[known] == null) {
      known--;
    }
    for (int i = known + 1; i < depth; i++) {
      paths[i] = new TreePath(i == 0 ? null : paths[i - 1], trees[i]);
    }
    return paths[depth - 1];
  }

  /** The tree that encloses the one being visited; null at the root of the compilation unit. */
  protected @Nullable Tree parent() {
    if (depth >= 2) {
      return trees[depth - 2];
    }
    TreePath root = depth == 1 ? paths[0] : null;
    return root == null || root.getParentPath() == null ? null : root.getParentPath().getLeaf();
  }

  private void enter(Tree tree, @Nullable TreePath path) {
    if (depth == trees.length) {
      trees = Arrays.copyOf(trees, depth * 2);
      paths = Arrays.copyOf(paths, depth * 2);
    }
    trees[depth] = tree;
    paths[depth] = path;
    depth++;
  }

  /** Back to {@code outer} entries; the paths of the trees left are dropped with them. */
  private void leave(int outer) {
    while (depth > outer) {
      depth--;
      trees[depth] = null;
      paths[depth] = null;
    }
  }
}
