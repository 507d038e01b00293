package dev.stallcheck.sends;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.stallcheck.api.NameSet;
import dev.stallcheck.flow.ValueFlow;
import dev.stallcheck.trees.AnyCall;
import org.jspecify.annotations.Nullable;

/**
 * A bounded buffer built on a {@code Semaphore}: {@code slots.acquire(); deque.add(x);}. The
 * untimed {@code acquire()} waits for a free permit, that is for room in the buffer, just as a
 * {@code put} on a full bounded queue does ({@link BlockingSend#PERMIT}).
 *
 * <p>An untimed {@code acquire}/{@code acquireUninterruptibly} (with or without a permit count) on
 * a {@code java.util.concurrent.Semaphore} counts when the same body, after it, adds an element to
 * a collection or map ({@code add}, {@code addFirst/addLast}, {@code offer*}, {@code push}, {@code
 * put} on a {@code Collection} or {@code Map}). A semaphore that only limits concurrency (a rate
 * limiter, a connection cap), with no element added after it, is not a buffer; nor is one whose
 * acquiring body gives the permit back itself (see {@link #givesBackItself}), nor one made with
 * {@code Integer.MAX_VALUE} permits ({@link #hasUnlimitedPermits}). {@code tryAcquire} never waits
 * without bound.
 */
final class SemaphoreBuffers {
  private static final String SEMAPHORE = "java.util.concurrent.Semaphore";

  static final NameSet ACQUIRES = NameSet.of("acquire", "acquireUninterruptibly");

  private static final ImmutableSet<String> ADDS =
      ImmutableSet.of(
          "add", "addFirst", "addLast", "offer", "offerFirst", "offerLast", "push", "put");

  private SemaphoreBuffers() {}

  /** Whether the call at {@code path} waits for room in a semaphore-bounded buffer. */
  static boolean waitsForRoom(TreePath path, VisitorState state) {
    if (!(path.getLeaf() instanceof MethodInvocationTree call)
        || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)
        || !ACQUIRES.contains(method.getSimpleName(), state)
        || !isSubtype(method.owner.type, SEMAPHORE, state)) {
      return false;
    }
    Tree body = enclosingBody(path);
    if (body == null) {
      return false;
    }
    int after = ASTHelpers.getStartPosition(call);
    return AnyCall.in(
            body,
            /* intoLambdas= */ false,
            candidate ->
                candidate instanceof MethodInvocationTree added
                    && ASTHelpers.getStartPosition(added) > after
                    && addsAnElement(added, state))
        && !givesBackItself(body, call, state)
        && !hasUnlimitedPermits(ASTHelpers.getReceiver(call), path, state);
  }

  /**
   * Whether every value the acquiring call's semaphore can hold is {@code new
   * Semaphore(Integer.MAX_VALUE)}: no bound on a buffer but a barrier, whose single permit waits
   * only while another thread holds them all ({@code acquire(Integer.MAX_VALUE)} to drain).
   */
  private static boolean hasUnlimitedPermits(
      @Nullable ExpressionTree semaphore, TreePath acquire, VisitorState state) {
    if (semaphore == null) {
      return false;
    }
    return ValueFlow.instance(state.context)
        .originsOf(new TreePath(acquire, semaphore))
        .map(
            origins ->
                !origins.isEmpty()
                    && origins.stream()
                        .allMatch(
                            origin ->
                                origin.getLeaf() instanceof NewClassTree creation
                                    && !creation.getArguments().isEmpty()
                                    && Integer.valueOf(Integer.MAX_VALUE)
                                        .equals(
                                            ASTHelpers.constValue(creation.getArguments().get(0)))))
        .orElse(false);
  }

  /**
   * Whether the body that acquires also gives the permit back on every path after it: a release of
   * the same semaphore that is not in a {@code catch} (in a {@code finally}, or later in the body).
   * A buffer's permit is given back by its consumer, when it takes the element; a permit the
   * acquiring code returns itself caps work in progress (a throttle), and another holder's wait
   * ends when that work does.
   */
  private static boolean givesBackItself(
      Tree body, MethodInvocationTree acquire, VisitorState state) {
    ExpressionTree semaphore = ASTHelpers.getReceiver(acquire);
    int after = ASTHelpers.getStartPosition(acquire);
    return AnyCall.outsideCatches(
        body,
        call ->
            call instanceof MethodInvocationTree release
                && ASTHelpers.getStartPosition(release) > after
                && ASTHelpers.getSymbol(release) instanceof MethodSymbol method
                && method.getSimpleName().contentEquals("release")
                && isSubtype(method.owner.type, SEMAPHORE, state)
                && SameVariable.of(ASTHelpers.getReceiver(release), semaphore));
  }

  private static boolean addsAnElement(MethodInvocationTree call, VisitorState state) {
    return ASTHelpers.getSymbol(call) instanceof MethodSymbol method
        && ADDS.contains(method.getSimpleName().toString())
        && (isSubtype(method.owner.type, "java.util.Collection", state)
            || isSubtype(method.owner.type, "java.util.Map", state));
  }

  /** The code of the method or lambda that contains {@code path}. */
  private static @Nullable Tree enclosingBody(TreePath path) {
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree method) {
        return method.getBody();
      }
      if (p.getLeaf() instanceof LambdaExpressionTree lambda) {
        return lambda.getBody();
      }
      if (p.getLeaf() instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  private static boolean isSubtype(Type type, String className, VisitorState state) {
    return ASTHelpers.isSubtype(type, state.getTypeFromString(className), state);
  }
}
