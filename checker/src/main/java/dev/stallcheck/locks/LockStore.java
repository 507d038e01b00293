package dev.stallcheck.locks;

import com.google.common.collect.ImmutableMap;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.checkerframework.errorprone.dataflow.analysis.Store;
import org.checkerframework.errorprone.dataflow.cfg.visualize.CFGVisualizer;
import org.checkerframework.errorprone.dataflow.expression.JavaExpression;
import org.jspecify.annotations.Nullable;

/**
 * The dataflow fact at one program point: the locks surely held, the locals that record a lock
 * attempt ({@code boolean ok = lock.tryLock()}, {@code long s = sl.tryWriteLock()}) whose test has
 * not been seen yet, and the locals that guard locks ({@code AutoLock l = lock.lock()}: the call
 * that produced the local's value took them, so the local's {@code close()} gives them back).
 * Immutable; the join keeps what both paths agree on (must-hold).
 */
final class LockStore implements Store<LockStore> {
  static final LockStore EMPTY =
      new LockStore(HeldLocks.none(), ImmutableMap.of(), ImmutableMap.of());

  private final HeldLocks held;
  private final ImmutableMap<VarSymbol, HeldLock> attempts;
  private final ImmutableMap<VarSymbol, HeldLocks> guards;

  private LockStore(
      HeldLocks held,
      ImmutableMap<VarSymbol, HeldLock> attempts,
      ImmutableMap<VarSymbol, HeldLocks> guards) {
    this.held = held;
    this.attempts = attempts;
    this.guards = guards;
  }

  HeldLocks held() {
    return held;
  }

  LockStore acquire(HeldLock lock) {
    return new LockStore(held.plus(lock), attempts, guards);
  }

  LockStore release(Predicate<HeldLock> released) {
    HeldLocks rest = held.releaseLatest(released);
    return rest == held ? this : new LockStore(rest, attempts, guards);
  }

  /** The locks {@code variable} guards (gives back when closed), or none. */
  HeldLocks guarded(VarSymbol variable) {
    return guards.getOrDefault(variable, HeldLocks.none());
  }

  /** {@code variable} now guards {@code locks} (none: it guards nothing). */
  LockStore withGuard(VarSymbol variable, HeldLocks locks) {
    if (locks.isEmpty() && !guards.containsKey(variable)) {
      return this;
    }
    return new LockStore(
        held, attempts, replaced(guards, variable, locks.isEmpty() ? null : locks));
  }

  /** The lock {@code variable}'s value stands for (taken if true / non-zero), if recorded. */
  @Nullable HeldLock attempt(VarSymbol variable) {
    return attempts.get(variable);
  }

  /**
   * {@code variable} now records an attempt on {@code lock}, or nothing if {@code lock} is null.
   */
  LockStore withAttempt(VarSymbol variable, @Nullable HeldLock lock) {
    if (lock == null && !attempts.containsKey(variable)) {
      return this;
    }
    return new LockStore(held, replaced(attempts, variable, lock), guards);
  }

  private static <V> ImmutableMap<VarSymbol, V> replaced(
      ImmutableMap<VarSymbol, V> map, VarSymbol variable, @Nullable V value) {
    ImmutableMap.Builder<VarSymbol, V> next = ImmutableMap.builder();
    for (Map.Entry<VarSymbol, V> entry : map.entrySet()) {
      if (!entry.getKey().equals(variable)) {
        next.put(entry);
      }
    }
    if (value != null) {
      next.put(variable, value);
    }
    return next.buildOrThrow();
  }

  private static <V> ImmutableMap<VarSymbol, V> common(
      ImmutableMap<VarSymbol, V> mine, ImmutableMap<VarSymbol, V> theirs) {
    ImmutableMap.Builder<VarSymbol, V> common = ImmutableMap.builder();
    for (Map.Entry<VarSymbol, V> entry : mine.entrySet()) {
      if (entry.getValue().equals(theirs.get(entry.getKey()))) {
        common.put(entry);
      }
    }
    return common.buildOrThrow();
  }

  @Override
  public LockStore copy() {
    return this; // immutable
  }

  @Override
  public LockStore leastUpperBound(LockStore other) {
    if (this.equals(other)) {
      return this;
    }
    return new LockStore(
        held.intersect(other.held), common(attempts, other.attempts), common(guards, other.guards));
  }

  @Override
  public LockStore widenedUpperBound(LockStore previous) {
    return leastUpperBound(previous); // the lattice is finite: no widening needed
  }

  @Override
  public boolean canAlias(JavaExpression a, JavaExpression b) {
    return true;
  }

  @Override
  public String visualize(CFGVisualizer<?, LockStore, ?> visualizer) {
    return toString();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof LockStore that
        && held.equals(that.held)
        && attempts.equals(that.attempts)
        && guards.equals(that.guards);
  }

  @Override
  public int hashCode() {
    return Objects.hash(held, attempts, guards);
  }

  @Override
  public String toString() {
    return "held=" + held + " attempts=" + attempts + " guards=" + guards;
  }
}
