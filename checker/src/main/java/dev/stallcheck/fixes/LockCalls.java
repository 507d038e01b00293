package dev.stallcheck.fixes;

import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.matchers.Matchers;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import java.util.Optional;

/**
 * Calls that take or release an explicit lock ({@code Lock}, including read and write locks, and
 * {@code StampedLock}), each keyed by the lock as written: the receiver's source without blanks or
 * a leading {@code this.}, so {@code lock.lock()} matches {@code this.lock.unlock()} and {@code
 * rw.readLock().lock()} matches {@code rw.readLock().unlock()}. Monitors need no tracking here: the
 * JVM releases them whenever a {@code synchronized} region is left.
 */
final class LockCalls {
  private static final Matcher<ExpressionTree> ACQUIRE =
      Matchers.anyOf(
          instanceMethod()
              .onDescendantOf("java.util.concurrent.locks.Lock")
              .namedAnyOf("lock", "lockInterruptibly", "tryLock"),
          instanceMethod()
              .onDescendantOf("java.util.concurrent.locks.StampedLock")
              .namedAnyOf(
                  "readLock",
                  "writeLock",
                  "readLockInterruptibly",
                  "writeLockInterruptibly",
                  "tryReadLock",
                  "tryWriteLock",
                  "tryConvertToReadLock",
                  "tryConvertToWriteLock"));

  private static final Matcher<ExpressionTree> RELEASE =
      Matchers.anyOf(
          instanceMethod().onDescendantOf("java.util.concurrent.locks.Lock").named("unlock"),
          instanceMethod()
              .onDescendantOf("java.util.concurrent.locks.StampedLock")
              .namedAnyOf("unlock", "unlockRead", "unlockWrite", "tryUnlockRead", "tryUnlockWrite"));

  private LockCalls() {}

  /** The lock that {@code call} takes, if it is an acquisition. */
  static Optional<String> acquiredBy(MethodInvocationTree call, VisitorState state) {
    return ACQUIRE.matches(call, state) ? Optional.of(lockKey(call, state)) : Optional.empty();
  }

  /** The lock that {@code call} releases, if it is a release. */
  static Optional<String> releasedBy(MethodInvocationTree call, VisitorState state) {
    return RELEASE.matches(call, state) ? Optional.of(lockKey(call, state)) : Optional.empty();
  }

  /** Whether {@code region} releases {@code lock} anywhere (outside nested classes). */
  static boolean releasesIn(Tree region, String lock, VisitorState state) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitMethodInvocation(MethodInvocationTree call, Void unused) {
            return releasedBy(call, state).filter(lock::equals).isPresent()
                || Boolean.TRUE.equals(super.visitMethodInvocation(call, null));
          }

          @Override
          public Boolean visitClass(ClassTree tree, Void unused) {
            return false;
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(region, null);
    return Boolean.TRUE.equals(found);
  }

  /** Paths of every acquisition in {@code member}, lambdas included, nested classes excluded. */
  static ImmutableList<TreePath> acquisitionsIn(TreePath member, VisitorState state) {
    ImmutableList.Builder<TreePath> acquisitions = ImmutableList.builder();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (ACQUIRE.matches(call, state.withPath(getCurrentPath()))) {
          acquisitions.add(getCurrentPath());
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }
    }.scan(member, null);
    return acquisitions.build();
  }

  private static String lockKey(MethodInvocationTree call, VisitorState state) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (receiver == null) {
      return "this";
    }
    String key = state.getSourceForNode(receiver);
    if (key == null) {
      // No source to compare: a key that matches no other call.
      return "?" + ASTHelpers.getStartPosition(call);
    }
    key = key.replaceAll("\\s+", "");
    return key.startsWith("this.") ? key.substring("this.".length()) : key;
  }
}
