package dev.stallcheck.locks;

import com.google.common.collect.ImmutableMap;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import java.util.IdentityHashMap;
import java.util.Map;
import org.checkerframework.errorprone.dataflow.analysis.ForwardAnalysisImpl;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;
import org.checkerframework.errorprone.dataflow.cfg.builder.CFGBuilder;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.jspecify.annotations.Nullable;

/**
 * Runs the held-lock dataflow ({@link HeldLockTransfer}) over one body: a method, a lambda, or an
 * initializer block. Error Prone's {@code DataFlow} only exposes one expression's value at a time
 * (and keeps a bounded cache), so this builds the same Checker Framework CFG directly and keeps,
 * per tree, the locks held before it runs; {@link LockAnalysis} caches the result per body.
 *
 * <p>Monitors are not modelled here: {@code synchronized} is block-structured, so {@link
 * LockAnalysis} reads it off the tree.
 */
final class LockDataflow {
  private LockDataflow() {}

  /**
   * The locks taken by calls in {@code body} (leaf: a MethodTree with a body, a lambda, or an
   * initializer block directly in a class), held before each tree of it that the CFG evaluates.
   * A tree the CFG evaluates more than once (a duplicated {@code finally}) gets what every copy
   * holds.
   */
  static ImmutableMap<Tree, HeldLocks> analyze(TreePath body, VisitorState state) {
    UnderlyingAST ast = underlyingAst(body);
    if (ast == null) {
      return ImmutableMap.of();
    }
    // The builder walks the code itself: a method's or lambda's body, an initializer block.
    TreePath code =
        body.getLeaf() == ast.getCode() ? body : new TreePath(body, ast.getCode());
    ControlFlowGraph cfg =
        CFGBuilder.build(
            code, ast, false, false, JavacProcessingEnvironment.instance(state.context));
    HeldLockTransfer transfer = new HeldLockTransfer(body, state);
    new ForwardAnalysisImpl<LockAttempt, LockStore, HeldLockTransfer>(transfer).performAnalysis(cfg);
    Map<Tree, HeldLocks> byTree = new IdentityHashMap<>();
    for (Map.Entry<Node, HeldLocks> entry : transfer.storesBefore().entrySet()) {
      Tree tree = entry.getKey().getTree();
      if (tree != null) {
        byTree.merge(tree, entry.getValue(), HeldLocks::intersect);
      }
    }
    return ImmutableMap.copyOf(byTree);
  }

  private static @Nullable UnderlyingAST underlyingAst(TreePath body) {
    Tree leaf = body.getLeaf();
    ClassTree enclosingClass = null;
    MethodTree enclosingMethod = null;
    for (TreePath p = body.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree method && enclosingMethod == null) {
        enclosingMethod = method;
      }
      if (p.getLeaf() instanceof ClassTree clazz) {
        enclosingClass = clazz;
        break;
      }
    }
    if (enclosingClass == null) {
      return null;
    }
    if (leaf instanceof MethodTree method) {
      return method.getBody() == null ? null : new UnderlyingAST.CFGMethod(method, enclosingClass);
    }
    if (leaf instanceof LambdaExpressionTree lambda) {
      return new UnderlyingAST.CFGLambda(lambda, enclosingClass, enclosingMethod);
    }
    if (leaf instanceof BlockTree) {
      return new UnderlyingAST.CFGStatement(leaf, enclosingClass);
    }
    return null;
  }
}
