package dev.stallcheck.locks;

import com.google.common.collect.ImmutableMap;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.stallcheck.cfg.ControlFlowGraphs;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.checkerframework.errorprone.dataflow.analysis.ForwardAnalysisImpl;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;

/**
 * Runs the held-lock dataflow ({@link HeldLockTransfer}) over one body: a method, a lambda, or an
 * initializer block. Error Prone's {@code DataFlow} only exposes one expression's value at a time
 * (and keeps a bounded cache), so this builds the Checker Framework CFG itself ({@link
 * ControlFlowGraphs}) and keeps, per tree, the locks held before it runs; {@link LockAnalysis}
 * caches the result per body.
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
    Optional<ControlFlowGraph> cfg = ControlFlowGraphs.build(body, state);
    if (cfg.isEmpty()) {
      return ImmutableMap.of();
    }
    HeldLockTransfer transfer = new HeldLockTransfer(body, state);
    new ForwardAnalysisImpl<LockAttempt, LockStore, HeldLockTransfer>(transfer).performAnalysis(cfg.get());
    Map<Tree, HeldLocks> byTree = new IdentityHashMap<>();
    for (Map.Entry<Node, HeldLocks> entry : transfer.storesBefore().entrySet()) {
      Tree tree = entry.getKey().getTree();
      if (tree != null) {
        byTree.merge(tree, entry.getValue(), HeldLocks::intersect);
      }
    }
    return ImmutableMap.copyOf(byTree);
  }
}
