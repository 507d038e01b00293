package dev.stallcheck.locks;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.stallcheck.paths.BareExpression;
import dev.stallcheck.trees.AnyCall;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One call that takes or releases an explicit lock ({@code Lock}, a read/write view, a {@code
 * StampedLock} stamp), with the lock it acts on named as the lock model names held locks: a {@link
 * HeldLock.Key} (access path and mode), so {@code lock}, {@code this.lock} and a final local alias
 * of it are one lock, and {@code rw.readLock()} is the read mode of {@code rw}.
 *
 * <p>For code that asks which locks <em>may</em> be held, where {@link LockAnalysis} answers which
 * are surely held: the suggested fixes, which must not leave any lock held. So every call that can
 * take a lock counts as taking it, conditional ones included ({@code tryLock()}, {@code
 * tryReadLock()}), and so do the StampedLock conversions {@code tryConvertToReadLock}/{@code
 * tryConvertToWriteLock}, whose stamps the dataflow does not follow. A call to a method of the
 * compilation counts by its {@link LockEffect}: {@code acquireState()} takes the lock its body
 * leaves held, {@code releaseState()} releases the caller's lock its body releases.
 */
public final class LockCall {
  private static final ImmutableSet<String> CONVERSIONS =
      ImmutableSet.of("tryConvertToReadLock", "tryConvertToWriteLock");

  private final boolean takes;
  private final HeldLock.Key lock;

  /** A release of either stamp mode ({@code StampedLock.unlock(stamp)}). */
  private final boolean anyStampMode;

  private LockCall(boolean takes, HeldLock.Key lock, boolean anyStampMode) {
    this.takes = takes;
    this.lock = lock;
    this.anyStampMode = anyStampMode;
  }

  /**
   * What {@code call} does to a lock, if anything. {@code where} is a path in the same class as the
   * call (its enclosing method, say): it gives an implicit receiver its {@code this} and the
   * aliases their compilation unit.
   */
  public static Optional<LockCall> of(
      MethodInvocationTree call, TreePath where, VisitorState state) {
    LockOperations.Operation operation = LockOperations.classify(call, state);
    if (operation == null) {
      operation = conversion(call, state);
    }
    if (operation == null) {
      return throughCallee(call, where, state);
    }
    LockExpressions.Target target;
    if (operation.lock() == null) {
      target =
          new LockExpressions.Target(
              LockExpressions.implicitThis(
                  ASTHelpers.getSymbol(call), LockExpressions.enclosingClass(where), state),
              null);
    } else {
      target =
          LockExpressions.target(
              operation.lock(), LockExpressions.enclosingClass(where), where, state);
    }
    boolean anyStampMode = operation.effect() == LockOperations.Effect.RELEASE_STAMP;
    LockKind kind =
        operation.kind() != null
            ? operation.kind()
            : anyStampMode
                ? LockKind.STAMPED_WRITE
                : target.view() != null ? target.view() : LockKind.LOCK;
    boolean takes =
        switch (operation.effect()) {
          case ACQUIRE, TRY_ACQUIRE, TRY_STAMP -> true;
          case RELEASE, RELEASE_STAMP -> false;
        };
    return Optional.of(new LockCall(takes, new HeldLock.Key(target.path(), kind), anyStampMode));
  }

  /** True if the call takes (or may take) its lock; false if it releases it. */
  public boolean takes() {
    return takes;
  }

  /** The lock the call takes, or releases (for a release of either stamp mode: its write mode). */
  public HeldLock.Key lock() {
    return lock;
  }

  /** True if this call releases {@code held}. */
  public boolean releases(HeldLock.Key held) {
    return !takes
        && held.path().equals(lock.path())
        && (anyStampMode ? held.kind().isStamped() : held.kind() == lock.kind());
  }

  /**
   * True if some call in {@code region} (lambdas included, nested classes not) releases {@code
   * held}; {@code where} as for {@link #of}. A {@code finally} that releases the lock taken before
   * its {@code try}, say.
   */
  public static boolean releasedIn(
      Tree region, HeldLock.Key held, TreePath where, VisitorState state) {
    return AnyCall.in(
        region,
        /* intoLambdas= */ true,
        call ->
            call instanceof MethodInvocationTree invocation
                && of(invocation, where, state).filter(c -> c.releases(held)).isPresent());
  }

  /**
   * A call to a method of the compilation that takes a lock ({@code acquireState()}, a wrapper's
   * {@code lock()}) or releases one of the caller's ({@code releaseState()}): its first such lock.
   */
  private static Optional<LockCall> throughCallee(
      ExpressionTree call, TreePath where, VisitorState state) {
    CalleeLocks callee = CalleeLocks.at(call, where, state);
    if (!callee.acquires().isEmpty()) {
      return Optional.of(new LockCall(true, callee.acquires().asList().get(0).key(), false));
    }
    return callee.releases().stream().findFirst().map(key -> new LockCall(false, key, false));
  }

  /**
   * True if an exception thrown at {@code path} (inside {@code member}) releases {@code held} on
   * its way out of the member: a {@code try} around it has a {@code finally} that releases it, or a
   * resource whose initializer took it ({@code try (AutoLock l = lock.lock())}: leaving the try
   * closes it).
   */
  public static boolean releasedIfThrownAt(
      TreePath path, HeldLock.Key held, TreePath member, VisitorState state) {
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath();
        p != null && child != member.getLeaf();
        p = p.getParentPath()) {
      if (p.getLeaf() instanceof TryTree tryTree && child == tryTree.getBlock()) {
        if (tryTree.getFinallyBlock() != null
            && releasedIn(tryTree.getFinallyBlock(), held, member, state)) {
          return true;
        }
        for (Tree resource : tryTree.getResources()) {
          if (takenBy(resource, held, member, state)) {
            return true;
          }
        }
      }
      child = p.getLeaf();
    }
    return false;
  }

  /**
   * Whether the try-with-resources resource {@code resource} is the value of a call taking {@code
   * held}.
   */
  private static boolean takenBy(
      Tree resource, HeldLock.Key held, TreePath where, VisitorState state) {
    if (!(resource instanceof VariableTree variable) || variable.getInitializer() == null) {
      return false;
    }
    ExpressionTree value = BareExpression.of(variable.getInitializer());
    return CalleeLocks.at(value, where, state).acquires().contains(held);
  }

  /** {@code StampedLock.tryConvertToReadLock/WriteLock(stamp)}: may take the lock in that mode. */
  private static LockOperations.@Nullable Operation conversion(
      MethodInvocationTree call, VisitorState state) {
    // The name first: the override test walks the supertypes, and this runs for every call.
    if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)
        || !CONVERSIONS.contains(method.getSimpleName().toString())
        || !LockOperations.isOrOverrides(method, "java.util.concurrent.locks.StampedLock", state)) {
      return null;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return switch (method.getSimpleName().toString()) {
      case "tryConvertToReadLock" ->
          new LockOperations.Operation(
              LockOperations.Effect.TRY_STAMP, LockKind.STAMPED_READ, receiver);
      case "tryConvertToWriteLock" ->
          new LockOperations.Operation(
              LockOperations.Effect.TRY_STAMP, LockKind.STAMPED_WRITE, receiver);
      default -> null;
    };
  }
}
