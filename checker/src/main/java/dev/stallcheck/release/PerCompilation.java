package dev.stallcheck.release;

import com.sun.tools.javac.util.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Analyses that live as long as one javac compilation (in its {@link Context}), one per vocabulary
 * of acquires and releases, so that what they memoize is computed once per compilation.
 */
final class PerCompilation {
  private PerCompilation() {}

  /**
   * The analysis stored under {@code key} for {@code pairs}, made by {@code create} on first use.
   */
  static <T> T instance(
      Context context,
      Context.Key<Map<AcquireReleasePairs, T>> key,
      AcquireReleasePairs pairs,
      Function<AcquireReleasePairs, T> create) {
    Map<AcquireReleasePairs, T> all = context.get(key);
    if (all == null) {
      all = new HashMap<>();
      context.put(key, all);
    }
    return all.computeIfAbsent(pairs, create);
  }
}
