package dev.stallcheck.locks;

import com.google.common.collect.ImmutableList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The locks a thread holds at one point, in acquisition order (outermost first). Immutable.
 *
 * <p>A lock taken twice (re-entrantly) appears twice, so that one release leaves it held; {@link
 * #distinct()} gives each lock once, for messages.
 */
public final class HeldLocks implements Iterable<HeldLock> {
  private static final HeldLocks NONE = new HeldLocks(ImmutableList.of());

  private final ImmutableList<HeldLock> locks;

  private HeldLocks(ImmutableList<HeldLock> locks) {
    this.locks = locks;
  }

  public static HeldLocks none() {
    return NONE;
  }

  public static HeldLocks of(List<HeldLock> locks) {
    return locks.isEmpty() ? NONE : new HeldLocks(ImmutableList.copyOf(locks));
  }

  public boolean isEmpty() {
    return locks.isEmpty();
  }

  public int size() {
    return locks.size();
  }

  public ImmutableList<HeldLock> asList() {
    return locks;
  }

  @Override
  public Iterator<HeldLock> iterator() {
    return locks.iterator();
  }

  /** True if some held lock has this key. */
  public boolean contains(HeldLock.Key key) {
    return locks.stream().anyMatch(l -> l.key().equals(key));
  }

  /** These locks, then {@code lock} acquired. */
  public HeldLocks plus(HeldLock lock) {
    return new HeldLocks(ImmutableList.<HeldLock>builder().addAll(locks).add(lock).build());
  }

  /** These locks, then {@code inner} (taken later, e.g. inside a callback). */
  public HeldLocks plus(HeldLocks inner) {
    if (inner.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return inner;
    }
    return new HeldLocks(
        ImmutableList.<HeldLock>builder().addAll(locks).addAll(inner.locks).build());
  }

  /** These locks without every one that {@code dropped} matches (this collection if none does). */
  public HeldLocks without(Predicate<HeldLock> dropped) {
    if (locks.stream().noneMatch(dropped)) {
      return this;
    }
    return of(locks.stream().filter(dropped.negate()).toList());
  }

  /** These locks with the most recent one matching {@code released} removed, if any matches. */
  public HeldLocks releaseLatest(Predicate<HeldLock> released) {
    for (int i = locks.size() - 1; i >= 0; i--) {
      if (released.test(locks.get(i))) {
        List<HeldLock> rest = new ArrayList<>(locks);
        rest.remove(i);
        return of(rest);
      }
    }
    return this;
  }

  /**
   * The locks held on both of two joining paths (must-hold): each key as many times as both hold
   * it, in this collection's order. Where the paths took a lock at different places, the earlier
   * place in the source is kept, so the join is commutative.
   */
  public HeldLocks intersect(HeldLocks other) {
    if (this.equals(other) || isEmpty()) {
      return this;
    }
    Map<HeldLock.Key, Deque<HeldLock>> available = new HashMap<>();
    for (HeldLock lock : other.locks) {
      available.computeIfAbsent(lock.key(), k -> new ArrayDeque<>()).add(lock);
    }
    List<HeldLock> kept = new ArrayList<>();
    for (HeldLock lock : locks) {
      Deque<HeldLock> same = available.get(lock.key());
      HeldLock match = same == null ? null : same.poll();
      if (match != null) {
        kept.add(match.position() < lock.position() ? match : lock);
      }
    }
    return kept.equals(locks) ? this : of(kept);
  }

  /** Each lock once (its first acquisition), in acquisition order. */
  public HeldLocks distinct() {
    if (locks.size() < 2) {
      return this;
    }
    Set<HeldLock.Key> seen = new HashSet<>();
    List<HeldLock> kept = new ArrayList<>();
    for (HeldLock lock : locks) {
      if (seen.add(lock.key())) {
        kept.add(lock);
      }
    }
    return kept.size() == locks.size() ? this : of(kept);
  }

  /** The same locks ordered by where they were taken in the source (stable for equal offsets). */
  HeldLocks sortedByPosition() {
    if (locks.size() < 2) {
      return this;
    }
    return of(locks.stream().sorted(Comparator.comparingInt(HeldLock::position)).toList());
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof HeldLocks that && locks.equals(that.locks);
  }

  @Override
  public int hashCode() {
    return locks.hashCode();
  }

  @Override
  public String toString() {
    return locks.toString();
  }
}
