package dev.stallcheck.locks;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.stallcheck.cfg.ControlFlowGraphs;
import dev.stallcheck.trees.AnyCall;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.checkerframework.errorprone.dataflow.analysis.ForwardAnalysisImpl;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.jspecify.annotations.Nullable;

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
   * What one body does with call-taken locks.
   *
   * @param before the locks held before each tree of the body that the CFG evaluates; a tree the
   *     CFG evaluates more than once (a duplicated {@code finally}) gets what every copy holds
   * @param atExit the locks still held when the body returns normally: a helper's {@code lock()}
   * @param releasedUnheld the locks the body releases without having taken them: the caller's
   */
  record Result(
      ImmutableMap<Tree, HeldLocks> before,
      HeldLocks atExit,
      ImmutableSet<HeldLock.Key> releasedUnheld) {
    static final Result NONE = new Result(ImmutableMap.of(), HeldLocks.none(), ImmutableSet.of());
  }

  /**
   * The call-taken locks of {@code body} (leaf: a MethodTree with a body, a lambda, or an
   * initializer block directly in a class).
   */
  static Result analyze(TreePath body, VisitorState state) {
    if (!callsTouchLocks(body, state)) {
      return Result.NONE;
    }
    Optional<ControlFlowGraph> cfg = ControlFlowGraphs.build(body, state);
    if (cfg.isEmpty()) {
      return Result.NONE;
    }
    HeldLockTransfer transfer = new HeldLockTransfer(body, state);
    ForwardAnalysisImpl<LockAttempt, LockStore, HeldLockTransfer> analysis =
        new ForwardAnalysisImpl<>(transfer);
    analysis.performAnalysis(cfg.get());
    Map<Tree, HeldLocks> byTree = new IdentityHashMap<>();
    for (Map.Entry<Node, HeldLocks> entry : transfer.storesBefore().entrySet()) {
      Tree tree = entry.getKey().getTree();
      if (tree != null) {
        byTree.merge(tree, entry.getValue(), HeldLocks::intersect);
      }
    }
    LockStore exit = analysis.getRegularExitStore();
    return new Result(
        ImmutableMap.copyOf(byTree),
        exit == null ? HeldLocks.none() : exit.held(),
        ImmutableSet.copyOf(transfer.releasedUnheld()));
  }

  /**
   * Whether a call the body's CFG evaluates can take or release a lock: a lock operation, or a call
   * to a method of the compilation whose {@link LockEffect} takes or releases one. Locks enter the
   * stores only through such calls, so without one every store is empty and the CFG, which costs
   * far more than this scan, is not built (most bodies). Nested lambdas and classes are bodies of
   * their own.
   */
  private static boolean callsTouchLocks(TreePath body, VisitorState state) {
    Tree code = codeOf(body.getLeaf());
    return code != null
        && AnyCall.in(code, /* intoLambdas= */ false, call -> touchesLocks(call, state));
  }

  /**
   * Whether {@code call} (an invocation or a {@code new}) can take or release a lock: a lock
   * operation, or a call to a method of the compilation whose {@link LockEffect} does.
   */
  static boolean touchesLocks(ExpressionTree call, VisitorState state) {
    return (call instanceof MethodInvocationTree invocation
            && LockOperations.classify(invocation, state) != null)
        || (ASTHelpers.getSymbol(call) instanceof MethodSymbol callee
            && changesLocks(LockEffects.of(callee, state)));
  }

  /** The code of a body: a method's block, a lambda's body, an initializer block itself. */
  static @Nullable Tree codeOf(Tree body) {
    return body instanceof MethodTree method
        ? method.getBody()
        : body instanceof LambdaExpressionTree lambda ? lambda.getBody() : body;
  }

  /** Whether a call with {@code effect} changes the caller's store (not only runs callbacks). */
  private static boolean changesLocks(LockEffect effect) {
    return !effect.acquires().isEmpty() || !effect.releases().isEmpty();
  }
}
