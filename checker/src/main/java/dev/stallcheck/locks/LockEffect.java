package dev.stallcheck.locks;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What calling one method does to the locks of its caller, in the method's own frame (locks named
 * from its {@code this}, its parameters, or static fields). Immutable; computed once per method by
 * {@link LockEffects}.
 *
 * @param acquires the locks held when the method returns normally that it took itself: a helper's
 *     {@code acquireState()}, a lock wrapper's {@code lock()}
 * @param releases the locks it releases without having taken them: a helper's {@code
 *     releaseState()}, a wrapper's {@code close()}
 * @param runsArgument for each parameter whose callback the method runs before it returns, on the
 *     calling thread (a template's {@code inLock(lock, action)}), the locks held meanwhile
 * @param keepsLocksIfArgumentThrows the parameters whose callback, if it throws, leaves one of
 *     those locks held (the template has no {@code finally} that releases it)
 */
record LockEffect(
    HeldLocks acquires,
    ImmutableSet<HeldLock.Key> releases,
    ImmutableMap<Integer, HeldLocks> runsArgument,
    ImmutableSet<Integer> keepsLocksIfArgumentThrows) {
  static final LockEffect NONE =
      new LockEffect(HeldLocks.none(), ImmutableSet.of(), ImmutableMap.of(), ImmutableSet.of());

  boolean isNone() {
    return acquires.isEmpty() && releases.isEmpty() && runsArgument.isEmpty();
  }

  /**
   * The effect of a call that may reach either method: what both surely take (must-hold), what
   * either may release, the callbacks both run, under what both hold, and which either may leave
   * locked when they throw.
   */
  LockEffect either(LockEffect other) {
    Set<HeldLock.Key> released = new LinkedHashSet<>(releases);
    released.addAll(other.releases);
    Map<Integer, HeldLocks> runs = new HashMap<>();
    for (Map.Entry<Integer, HeldLocks> entry : runsArgument.entrySet()) {
      HeldLocks theirs = other.runsArgument.get(entry.getKey());
      if (theirs != null) {
        runs.put(entry.getKey(), entry.getValue().intersect(theirs));
      }
    }
    return new LockEffect(
        acquires.intersect(other.acquires),
        ImmutableSet.copyOf(released),
        ImmutableMap.copyOf(runs),
        ImmutableSet.<Integer>builder()
            .addAll(keepsLocksIfArgumentThrows)
            .addAll(other.keepsLocksIfArgumentThrows)
            .build());
  }
}
