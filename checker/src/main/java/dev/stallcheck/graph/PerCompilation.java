package dev.stallcheck.graph;

import com.sun.tools.javac.util.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What lives as long as one javac compilation: stored in its {@link Context} on first use, so that
 * an index, a flow or a set of summaries is built once per compilation however many files and
 * checks ask for it. The one place that gets, builds and puts such a value.
 */
public final class PerCompilation {
  private PerCompilation() {}

  /** The value stored under {@code key}, made by {@code create} on first use. */
  public static <T> T instance(Context context, Context.Key<T> key, Supplier<T> create) {
    T value = context.get(key);
    if (value == null) {
      value = create.get();
      context.put(key, value);
    }
    return value;
  }

  /**
   * The value stored under {@code key} for {@code configuration} (a check's options or vocabulary),
   * made by {@code create} on first use: one per configuration and compilation.
   */
  public static <K, T> T instance(
      Context context, Context.Key<Map<K, T>> key, K configuration, Function<K, T> create) {
    return instance(context, key, HashMap::new).computeIfAbsent(configuration, create);
  }
}
