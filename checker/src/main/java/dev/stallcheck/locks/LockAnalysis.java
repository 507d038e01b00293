package dev.stallcheck.locks;

import com.google.common.collect.ImmutableMap;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.graph.PerCompilation;
import dev.stallcheck.paths.AccessPath;
import dev.stallcheck.paths.BareExpression;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * The locks the current thread holds at a point of the source. The one entry point of the lock
 * model:
 *
 * <ul>
 *   <li>{@link #locksHeldAt(TreePath, VisitorState)}: when the path's leaf executes;
 *   <li>{@link #locksHeldInside(TreePath, VisitorState)}: when the code of a lambda, method
 *       reference or anonymous class runs.
 * </ul>
 *
 * <p>It combines, innermost body first: the locks taken by calls (flow-sensitive, must-hold: {@code
 * lock()}/{@code lockInterruptibly()} to the matching {@code unlock()} on every path, {@code
 * tryLock()} on its success branch, read/write views, StampedLock stamps), enclosing {@code
 * synchronized} blocks, a {@code synchronized} method's monitor, and, for code in a callback passed
 * to an API that runs it immediately ({@link CallbackTiming}), the locks held at that call plus
 * those the API holds while it runs the callback (a template's, {@link CalleeLocks}; the JDK's,
 * {@link ImplicitLocks}). Calls to methods of the compilation take and release locks as their
 * bodies do ({@link LockEffects}). Nothing crosses a deferred boundary (executor, thread, a method
 * that does not run the callback before returning) or a local class.
 *
 * <p>Each body's dataflow runs once per compilation, and again where {@link LockEffects} reads a
 * recursive cycle a second time: results are cached in the javac {@link Context}, keyed by the
 * body's tree.
 */
public final class LockAnalysis {
  private static final Context.Key<Map<Tree, LockDataflow.Result>> CACHE = new Context.Key<>();

  private LockAnalysis() {}

  /** The locks held when {@code path}'s leaf executes, outermost first, each lock once. */
  public static HeldLocks locksHeldAt(TreePath path, VisitorState state) {
    return heldAt(path, state).distinct();
  }

  /**
   * The locks held while the code of the functional expression at {@code functional} runs: a
   * lambda's body, a method reference's target, an anonymous class's methods. Those held at the
   * call that runs it when {@link CallbackTiming#IMMEDIATE}, none when deferred.
   */
  public static HeldLocks locksHeldInside(TreePath functional, VisitorState state) {
    Optional<TreePath> call = CallbackTiming.runningCall(functional, state);
    if (call.isEmpty()) {
      return HeldLocks.none();
    }
    HeldLocks outer = locksHeldAt(call.get(), state);
    int argument = CallbackTiming.argumentIndex(functional, call.get());
    if (argument < 0) {
      return outer; // a stream pipeline's terminal runs it: no lock of its own
    }
    HeldLocks template =
        CalleeLocks.at((ExpressionTree) call.get().getLeaf(), call.get(), state)
            .whileArgumentRuns(argument);
    return outer
        .plus(ImplicitLocks.heldDuring(call.get(), state))
        .plus(template == null ? HeldLocks.none() : template)
        .distinct();
  }

  /**
   * True if an exception thrown at {@code path} would leave a lock held that a template running the
   * enclosing lambda took: {@code inLock(lock, () -> ...)} whose {@code inLock} calls the lambda
   * between {@code lock()} and {@code unlock()} with no {@code finally}. Lambdas up to {@code
   * member} (the class member containing {@code path}) count.
   */
  public static boolean throwKeepsTemplateLocks(
      TreePath path, TreePath member, VisitorState state) {
    for (TreePath p = path; p != null && p.getLeaf() != member.getLeaf(); p = p.getParentPath()) {
      if (p.getLeaf() instanceof LambdaExpressionTree) {
        Optional<TreePath> call = CallbackTiming.runningCall(p, state);
        int argument = call.isEmpty() ? -1 : CallbackTiming.argumentIndex(p, call.get());
        if (argument >= 0
            && CalleeLocks.at((ExpressionTree) call.get().getLeaf(), call.get(), state)
                .keepsLocksIfArgumentThrows(argument)) {
          return true;
        }
      }
    }
    return false;
  }

  /** How many bodies have been analysed in this compilation; tests check the memoization. */
  static int analyzedBodyCount(Context context) {
    return dataflows(context).size();
  }

  private static HeldLocks heldAt(TreePath path, VisitorState state) {
    List<SynchronizedTree> enclosingSynchronized = new ArrayList<>();
    Tree child = null;
    TreePath current = path;
    while (current != null) {
      Tree leaf = current.getLeaf();
      if (leaf instanceof SynchronizedTree sync && child == sync.getBlock()) {
        enclosingSynchronized.add(0, sync);
      }
      // A body (method, lambda, initializer) encloses the leaf; the leaf itself is evaluated
      // outside its own body (a lambda expression, say), so it does not count.
      boolean inClass =
          current.getParentPath() != null && current.getParentPath().getLeaf() instanceof ClassTree;
      if (child != null
          && (leaf instanceof MethodTree
              || leaf instanceof LambdaExpressionTree
              || (leaf instanceof BlockTree && inClass))) {
        return bodyLocks(current, path, enclosingSynchronized, state);
      }
      if (leaf instanceof VariableTree && inClass) {
        // A field initializer: no locks of its own; an anonymous class's runs at its `new`.
        return outerLocks(current, state);
      }
      if (leaf instanceof ClassTree) {
        return HeldLocks.none();
      }
      child = leaf;
      current = current.getParentPath();
    }
    return HeldLocks.none();
  }

  private static HeldLocks bodyLocks(
      TreePath body,
      TreePath leaf,
      List<SynchronizedTree> enclosingSynchronized,
      VisitorState state) {
    List<HeldLock> own = new ArrayList<>();
    LineMap lines = body.getCompilationUnit().getLineMap();
    if (body.getLeaf() instanceof MethodTree method
        && method.getModifiers().getFlags().contains(Modifier.SYNCHRONIZED)) {
      own.add(synchronizedMethodMonitor(method, lines));
    }
    for (SynchronizedTree sync : enclosingSynchronized) {
      ExpressionTree lock = BareExpression.of(sync.getExpression());
      int position = ASTHelpers.getStartPosition(sync);
      own.add(
          new HeldLock(
              LockExpressions.target(lock, LockExpressions.enclosingClass(leaf), leaf, state)
                  .path(),
              LockKind.MONITOR,
              LockExpressions.sourceText(lock, state.withPath(body)),
              (int) lines.getLineNumber(position),
              position,
              HeldLock.Acquisition.SYNCHRONIZED_BLOCK));
    }
    HeldLocks taken = dataflowLocksAt(body, leaf, state);
    return outerLocks(body, state).plus(HeldLocks.of(own).plus(taken).sortedByPosition());
  }

  private static HeldLock synchronizedMethodMonitor(MethodTree method, LineMap lines) {
    MethodSymbol symbol = ASTHelpers.getSymbol(method);
    ClassSymbol owner = (ClassSymbol) symbol.owner;
    boolean isStatic = symbol.isStatic();
    int position = ASTHelpers.getStartPosition(method);
    return new HeldLock(
        isStatic ? AccessPath.classOf(owner) : AccessPath.thisOf(owner),
        LockKind.MONITOR,
        isStatic ? owner.getSimpleName() + ".class" : "this",
        (int) lines.getLineNumber(position),
        position,
        HeldLock.Acquisition.SYNCHRONIZED_METHOD);
  }

  /**
   * Locks held outside {@code body} that its code still runs under: an immediately-run lambda's
   * call site, an anonymous class's (methods: the call it is passed to; initializers: its {@code
   * new}). Nothing for named and local classes, or deferred code.
   */
  private static HeldLocks outerLocks(TreePath body, VisitorState state) {
    if (body.getLeaf() instanceof LambdaExpressionTree) {
      return locksHeldInside(body, state);
    }
    TreePath classPath = body.getParentPath();
    if (classPath == null
        || !(classPath.getLeaf() instanceof ClassTree)
        || classPath.getParentPath() == null
        || !(classPath.getParentPath().getLeaf() instanceof NewClassTree)) {
      return HeldLocks.none();
    }
    TreePath newClass = classPath.getParentPath();
    return body.getLeaf() instanceof MethodTree
        ? locksHeldInside(newClass, state)
        : locksHeldAt(newClass, state);
  }

  /**
   * The call-taken locks before {@code leaf} (or its nearest evaluated enclosing tree). None
   * without the body's dataflow where no call that can run before the leaf touches a lock ({@link
   * CallsBefore}).
   */
  private static HeldLocks dataflowLocksAt(TreePath body, TreePath leaf, VisitorState state) {
    if (!dataflows(state.context).containsKey(body.getLeaf())
        && !CallsBefore.mayChangeLocksBefore(body, leaf, state)) {
      return HeldLocks.none();
    }
    ImmutableMap<Tree, HeldLocks> before = dataflowOf(body, state).before();
    for (TreePath p = leaf; p != null && p.getLeaf() != body.getLeaf(); p = p.getParentPath()) {
      HeldLocks held = before.get(p.getLeaf());
      if (held != null) {
        return held;
      }
    }
    return HeldLocks.none();
  }

  /** The dataflows run so far in the compilation, by body. */
  private static Map<Tree, LockDataflow.Result> dataflows(Context context) {
    return PerCompilation.instance(context, CACHE, IdentityHashMap::new);
  }

  /** The dataflow of {@code body} (a method, lambda or initializer), run once per compilation. */
  static LockDataflow.Result dataflowOf(TreePath body, VisitorState state) {
    Map<Tree, LockDataflow.Result> cache = dataflows(state.context);
    LockDataflow.Result result = cache.get(body.getLeaf());
    if (result == null) {
      result = LockDataflow.analyze(body, state.withPath(body));
      cache.put(body.getLeaf(), result);
    }
    return result;
  }

  /**
   * The dataflow of {@code body} run again, and kept in place of the one before: for {@link
   * LockEffects}, which solves a member of a recursive cycle again once the members it called
   * before they were solved are.
   */
  static LockDataflow.Result rerunDataflowOf(TreePath body, VisitorState state) {
    LockDataflow.Result result = LockDataflow.analyze(body, state.withPath(body));
    dataflows(state.context).put(body.getLeaf(), result);
    return result;
  }
}
