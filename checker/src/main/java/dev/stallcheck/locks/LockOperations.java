package dev.stallcheck.locks;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.matchers.method.MethodMatchers;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.util.Name;
import dev.stallcheck.api.NameSet;
import org.jspecify.annotations.Nullable;

/**
 * Recognizes the calls that take and release locks, by the method and the receiver's type ({@link
 * MethodMatchers} constants), never by name alone: a custom {@code Lock} implementation counts, an
 * unrelated {@code lock()} method does not. Besides {@code Lock} and {@code StampedLock}: the
 * declared lock methods of {@link LockMethodPairs} (Guava's {@code Monitor}, the {@code
 * LockMethods} option).
 */
final class LockOperations {
  private static final String LOCK = "java.util.concurrent.locks.Lock";
  private static final String READ_WRITE_LOCK = "java.util.concurrent.locks.ReadWriteLock";
  private static final String STAMPED_LOCK = "java.util.concurrent.locks.StampedLock";

  /** What a call does to the locks the thread holds. */
  enum Effect {
    /** Takes the lock, blocking until it can (lock(), lockInterruptibly(), a stamp). */
    ACQUIRE,
    /** Takes the lock only if it returns true (Lock.tryLock). */
    TRY_ACQUIRE,
    /** Takes the lock only if the returned stamp is non-zero (StampedLock.tryReadLock...). */
    TRY_STAMP,
    /** Releases the lock in the mode of {@link Operation#kind} (or of the lock expression). */
    RELEASE,
    /** Releases a stamp of either mode ({@code StampedLock.unlock(stamp)}). */
    RELEASE_STAMP
  }

  /**
   * One lock operation: its effect, the mode it acts on (null: the mode of the lock expression),
   * and the expression denoting the lock (null for an implicit {@code this}).
   */
  record Operation(Effect effect, @Nullable LockKind kind, @Nullable ExpressionTree lock) {}

  private LockOperations() {}

  /**
   * The names of the lock operations: asked at every call of many bodies, and each matcher tests
   * the receiver's type before the name, so a call named otherwise is settled first.
   */
  private static final NameSet LOCK_NAMES =
      NameSet.of("lock", "lockInterruptibly", "tryLock", "unlock");

  private static final NameSet STAMPED_LOCK_NAMES =
      NameSet.of(
          "readLock",
          "readLockInterruptibly",
          "writeLock",
          "writeLockInterruptibly",
          "tryReadLock",
          "tryWriteLock",
          "unlockRead",
          "tryUnlockRead",
          "unlockWrite",
          "tryUnlockWrite",
          "unlock");

  private static final Matcher<ExpressionTree> LOCK_METHOD =
      MethodMatchers.instanceMethod().onDescendantOf(LOCK).namedAnyOf(LOCK_NAMES.spellings());

  private static final Matcher<ExpressionTree> STAMPED_LOCK_METHOD =
      MethodMatchers.instanceMethod()
          .onDescendantOf(STAMPED_LOCK)
          .namedAnyOf(STAMPED_LOCK_NAMES.spellings());

  /**
   * Whether a call of {@code method} may be a lock operation, by its name alone: false settles it,
   * true leaves it to {@link #classify}.
   */
  static boolean mayBeOperation(MethodSymbol method, VisitorState state) {
    Name name = method.getSimpleName();
    return LOCK_NAMES.contains(name, state)
        || STAMPED_LOCK_NAMES.contains(name, state)
        || LockMethodPairs.mayBePair(method, state);
  }

  static @Nullable Operation classify(MethodInvocationTree call, VisitorState state) {
    if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)) {
      return null;
    }
    // Most calls are named none of these and are settled by the names alone: the receiver and the
    // operations are made apart, off the path that every call of a body takes.
    Name name = method.getSimpleName();
    if (LOCK_NAMES.contains(name, state) && LOCK_METHOD.matches(call, state)) {
      return lockOperation(name, call);
    }
    if (STAMPED_LOCK_NAMES.contains(name, state) && STAMPED_LOCK_METHOD.matches(call, state)) {
      return stampedLockOperation(name, call);
    }
    return LockMethodPairs.classify(method, call, state);
  }

  private static Operation lockOperation(Name name, MethodInvocationTree call) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return switch (name.toString()) {
      case "lock", "lockInterruptibly" -> new Operation(Effect.ACQUIRE, null, receiver);
      case "tryLock" -> new Operation(Effect.TRY_ACQUIRE, null, receiver);
      default -> new Operation(Effect.RELEASE, null, receiver);
    };
  }

  private static Operation stampedLockOperation(Name name, MethodInvocationTree call) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return switch (name.toString()) {
      case "readLock", "readLockInterruptibly" ->
          new Operation(Effect.ACQUIRE, LockKind.STAMPED_READ, receiver);
      case "writeLock", "writeLockInterruptibly" ->
          new Operation(Effect.ACQUIRE, LockKind.STAMPED_WRITE, receiver);
      case "tryReadLock" -> new Operation(Effect.TRY_STAMP, LockKind.STAMPED_READ, receiver);
      case "tryWriteLock" -> new Operation(Effect.TRY_STAMP, LockKind.STAMPED_WRITE, receiver);
      case "unlockRead", "tryUnlockRead" ->
          new Operation(Effect.RELEASE, LockKind.STAMPED_READ, receiver);
      case "unlockWrite", "tryUnlockWrite" ->
          new Operation(Effect.RELEASE, LockKind.STAMPED_WRITE, receiver);
      default -> new Operation(Effect.RELEASE_STAMP, null, receiver);
    };
  }

  /**
   * READ or WRITE if {@code method} returns a read/write view of a lock ({@code
   * ReadWriteLock.readLock()/writeLock()}, {@code StampedLock.asReadLock()/asWriteLock()}), else
   * null.
   */
  static @Nullable LockKind viewKind(MethodSymbol method, VisitorState state) {
    String name = method.getSimpleName().toString();
    if (!method.getParameters().isEmpty()) {
      return null;
    }
    if ((name.equals("readLock") || name.equals("writeLock"))
        && isOrOverrides(method, READ_WRITE_LOCK, state)) {
      return name.equals("readLock") ? LockKind.READ : LockKind.WRITE;
    }
    if ((name.equals("asReadLock") || name.equals("asWriteLock"))
        && isOrOverrides(method, STAMPED_LOCK, state)) {
      return name.equals("asReadLock") ? LockKind.READ : LockKind.WRITE;
    }
    return null;
  }

  /** True if {@code method} is declared in {@code owner} or overrides a method declared there. */
  static boolean isOrOverrides(MethodSymbol method, String owner, VisitorState state) {
    if (method.owner.getQualifiedName().contentEquals(owner)) {
      return true;
    }
    for (MethodSymbol overridden : ASTHelpers.findSuperMethods(method, state.getTypes())) {
      if (overridden.owner.getQualifiedName().contentEquals(owner)) {
        return true;
      }
    }
    return false;
  }
}
