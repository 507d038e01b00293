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
 * The dataflow fact at one program point: the locks surely held, plus the locals that record a
 * lock attempt ({@code boolean ok = lock.tryLock()}, {@code long s = sl.tryWriteLock()}) whose
 * test has not been seen yet. Immutable; the join keeps what both paths agree on (must-hold).
 */
final class LockStore implements Store<LockStore> {
  static final LockStore EMPTY = new LockStore(HeldLocks.none(), ImmutableMap.of());

  private final HeldLocks held;
  private final ImmutableMap<VarSymbol, HeldLock> attempts;

  private LockStore(HeldLocks held, ImmutableMap<VarSymbol, HeldLock> attempts) {
    this.held = held;
    this.attempts = attempts;
  }

  HeldLocks held() {
    return held;
  }

  LockStore acquire(HeldLock lock) {
    return new LockStore(held.plus(lock), attempts);
  }

  LockStore release(Predicate<HeldLock> released) {
    HeldLocks rest = held.releaseLatest(released);
    return rest == held ? this : new LockStore(rest, attempts);
  }

  /** The lock {@code variable}'s value stands for (taken if true / non-zero), if recorded. */
  @Nullable HeldLock attempt(VarSymbol variable) {
    return attempts.get(variable);
  }

  /** {@code variable} now records an attempt on {@code lock}, or nothing if {@code lock} is null. */
  LockStore withAttempt(VarSymbol variable, @Nullable HeldLock lock) {
    if (lock == null && !attempts.containsKey(variable)) {
      return this;
    }
    ImmutableMap.Builder<VarSymbol, HeldLock> next = ImmutableMap.builder();
    for (Map.Entry<VarSymbol, HeldLock> entry : attempts.entrySet()) {
      if (!entry.getKey().equals(variable)) {
        next.put(entry);
      }
    }
    if (lock != null) {
      next.put(variable, lock);
    }
    return new LockStore(held, next.buildOrThrow());
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
    ImmutableMap.Builder<VarSymbol, HeldLock> common = ImmutableMap.builder();
    for (Map.Entry<VarSymbol, HeldLock> entry : attempts.entrySet()) {
      if (entry.getValue().equals(other.attempts.get(entry.getKey()))) {
        common.put(entry);
      }
    }
    return new LockStore(held.intersect(other.held), common.buildOrThrow());
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
    return o instanceof LockStore that && held.equals(that.held) && attempts.equals(that.attempts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(held, attempts);
  }

  @Override
  public String toString() {
    return "held=" + held + " attempts=" + attempts;
  }
}
