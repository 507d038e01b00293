package dev.stallcheck.locks;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.graph.PerCompilation;
import dev.stallcheck.trees.AnyCall;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether a call that can run before a point of a body may take or release a lock ({@link
 * LockDataflow#touchesLocks}). Where none can, no call-taken lock is held at that point, whatever
 * the body's later calls do, and the body's dataflow is not needed there. A question about one call
 * then asks for the lock effects of the calls before it only, and not of every callee of the body:
 * for a method that hands its work to a large part of the program (a logger's dispatch to its
 * appenders), those are the effects of all of that part.
 *
 * <p>The dataflow is a must analysis from an empty store: a lock is held at a point only if it is
 * held on every path to it, so on the paths that run no loop twice, which reach every point of a
 * Java body. On such a path only the calls evaluated before the point in the order of the code have
 * run: those that start before the point ends (its receiver and arguments included), except the
 * point itself and the calls enclosing it, which run after it. Loops need no more than that. The
 * answer is the dataflow's; what changes is which methods' effects are asked for, and when (the
 * members of a recursive cycle are solved in an order of their own: {@link LockEffects}).
 *
 * <p>Each body's calls are listed once, by where they start, and the run of neutral calls from its
 * start is remembered, so that the questions about one body read each call about once.
 */
final class CallsBefore {
  private static final Context.Key<Map<Tree, CallsBefore>> KEY = new Context.Key<>();

  /** The body's calls (its lambdas' and nested classes' excluded), by where they start. */
  private final List<ExpressionTree> calls;

  /** How many of {@link #calls}, from the first, neither take nor release a lock. */
  private int neutral;

  private CallsBefore(List<ExpressionTree> calls) {
    this.calls = calls;
  }

  /**
   * Whether a call of {@code body} (a method, lambda or initializer block) that can run before
   * {@code point} (in {@code body}, not in a lambda or class nested in it) may take or release a
   * lock; true where that cannot be told (no end positions).
   */
  static boolean mayChangeLocksBefore(TreePath body, TreePath point, VisitorState state) {
    return PerCompilation.instance(state.context, KEY, IdentityHashMap::new)
        .computeIfAbsent(body.getLeaf(), unused -> of(LockDataflow.codeOf(body.getLeaf())))
        .mayChangeLocksBefore(body.getLeaf(), point, state.withPath(body));
  }

  private static CallsBefore of(@Nullable Tree code) {
    List<ExpressionTree> calls = AnyCall.listIn(code, /* intoLambdas= */ false);
    calls.sort(Comparator.comparingInt(ASTHelpers::getStartPosition));
    return new CallsBefore(calls);
  }

  private boolean mayChangeLocksBefore(Tree body, TreePath point, VisitorState state) {
    int end = state.getEndPosition(point.getLeaf());
    if (end < 0) {
      return true;
    }
    Set<Tree> runAfter = Collections.newSetFromMap(new IdentityHashMap<>());
    for (TreePath p = point; p != null && p.getLeaf() != body; p = p.getParentPath()) {
      runAfter.add(p.getLeaf());
    }
    boolean fromStart = true;
    for (int i = neutral; i < calls.size(); i++) {
      ExpressionTree call = calls.get(i);
      if (ASTHelpers.getStartPosition(call) >= end) {
        break;
      }
      if (runAfter.contains(call)) {
        fromStart = false; // not asked: the calls after it are no longer a run from the start
        continue;
      }
      if (LockDataflow.touchesLocks(call, state)) {
        return true;
      }
      if (fromStart) {
        neutral = i + 1;
      }
    }
    return false;
  }
}
