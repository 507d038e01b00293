package dev.stallcheck.fixes;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import java.util.Optional;

/**
 * Where a send sits: its path, and the member of the innermost enclosing class (a method, an
 * initializer block or a field) that contains it. Lambdas inside that member belong to it; local
 * and anonymous classes are members of their own.
 */
final class SendSite {
  private final MethodInvocationTree send;
  private final ImmutableList<TreePath> ancestors;
  private final VisitorState state;

  private SendSite(
      MethodInvocationTree send, ImmutableList<TreePath> ancestors, VisitorState state) {
    this.send = send;
    this.ancestors = ancestors;
    this.state = state;
  }

  /** The site of the send at {@code state.getPath()}, if that path is inside a class member. */
  static Optional<SendSite> of(MethodInvocationTree send, VisitorState state) {
    TreePath path = state.getPath();
    if (path != null && path.getLeaf() != send) {
      // Not the path the contract promises: find the send in the compilation unit.
      path = TreePath.getPath(path.getCompilationUnit(), send);
    }
    if (path == null) {
      return Optional.empty();
    }
    ImmutableList.Builder<TreePath> ancestors = ImmutableList.builder();
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getParentPath() != null && p.getParentPath().getLeaf() instanceof ClassTree) {
        ancestors.add(p);
        return Optional.of(new SendSite(send, ancestors.build(), state));
      }
      ancestors.add(p);
    }
    return Optional.empty();
  }

  MethodInvocationTree send() {
    return send;
  }

  /** The send's own path. */
  TreePath path() {
    return new TreePath(ancestors.get(0), send);
  }

  /** Paths of the send's enclosing trees, innermost first, ending with the class member. */
  ImmutableList<TreePath> ancestors() {
    return ancestors;
  }

  /** The class member (method, initializer block or field) that contains the send. */
  TreePath member() {
    return ancestors.get(ancestors.size() - 1);
  }

  /** The tree on the send's path right below {@code ancestor} (the send itself at the bottom). */
  Tree childOf(TreePath ancestor) {
    int index = ancestors.indexOf(ancestor);
    return index == 0 ? send : ancestors.get(index - 1).getLeaf();
  }

  int start(Tree tree) {
    return ASTHelpers.getStartPosition(tree);
  }

  int end(Tree tree) {
    return state.getEndPosition(tree);
  }

  boolean contains(Tree outer, Tree inner) {
    return start(outer) <= start(inner) && end(inner) <= end(outer);
  }

  /**
   * Whether {@code tree}, somewhere in the member, can run before the send on the way to it: it
   * comes first in the source, or a loop around the send also contains it (the next iteration).
   */
  boolean mayRunBeforeSend(Tree tree) {
    if (start(tree) < start(send)) {
      return true;
    }
    for (TreePath ancestor : ancestors) {
      if (isLoop(ancestor.getLeaf()) && contains(ancestor.getLeaf(), tree)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isLoop(Tree tree) {
    return tree instanceof ForLoopTree
        || tree instanceof EnhancedForLoopTree
        || tree instanceof WhileLoopTree
        || tree instanceof DoWhileLoopTree;
  }
}
