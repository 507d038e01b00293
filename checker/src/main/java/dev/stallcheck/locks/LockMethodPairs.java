package dev.stallcheck.locks;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.api.NameSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Methods that take and release a lock on their receiver though the compilation cannot see it in
 * their code: Guava's {@code Monitor} ({@code enter}, {@code enterWhen}, {@code enterIf}, {@code
 * tryEnter}, ... then {@code leave}), built in, and the pairs the {@code
 * -XepOpt:BlockingPutUnderLock:LockMethods} option declares for other libraries. A taking method
 * that returns {@code boolean} takes the lock only when it returns {@code true} ({@code
 * tryEnter()}, {@code enterIf(guard)}, a timed {@code enter}).
 */
public final class LockMethodPairs {
  private static final String MONITOR = "com.google.common.util.concurrent.Monitor";

  /** One declared pair: {@code owner#acquire} takes the receiver's lock, {@code owner#release}. */
  public record Pair(String acquireOwner, String acquire, String releaseOwner, String release) {}

  private static final ImmutableList<Pair> BUILT_IN =
      ImmutableList.of(
              "enter",
              "enterInterruptibly",
              "enterWhen",
              "enterWhenUninterruptibly",
              "enterIf",
              "enterIfInterruptibly",
              "tryEnter",
              "tryEnterIf")
          .stream()
          .map(enter -> new Pair(MONITOR, enter, MONITOR, "leave"))
          .collect(ImmutableList.toImmutableList());

  private static final Context.Key<LockMethodPairs> CONFIGURED = new Context.Key<>();

  /** Only the built-in pairs: a compilation the option was not read for. */
  private static final LockMethodPairs BUILT_IN_ONLY = new LockMethodPairs(BUILT_IN);

  private final ImmutableList<Pair> pairs;

  /**
   * Every name of {@link #pairs}: asked of every call the lock model classifies, most named none.
   */
  private final NameSet names;

  private LockMethodPairs(ImmutableList<Pair> pairs) {
    this.pairs = pairs;
    this.names =
        NameSet.of(
            pairs.stream()
                .flatMap(pair -> Stream.of(pair.acquire(), pair.release()))
                .distinct()
                .toArray(String[]::new));
  }

  /** How one entry of the option is written. */
  public static final String FORM =
      "lock:unlock, each fully.qualified.Class#method (com.acme.Guard#enter:com.acme.Guard#exit)";

  /** One entry, {@code com.acme.Guard#enter:com.acme.Guard#exit}, or empty if malformed. */
  public static Optional<Pair> parseEntry(String entry) {
    List<String> halves = Splitter.on(':').trimResults().splitToList(entry.trim());
    List<String> acquire = halves.size() == 2 ? methodOf(halves.get(0)) : List.of();
    List<String> release = halves.size() == 2 ? methodOf(halves.get(1)) : List.of();
    return acquire.isEmpty() || release.isEmpty()
        ? Optional.empty()
        : Optional.of(new Pair(acquire.get(0), acquire.get(1), release.get(0), release.get(1)));
  }

  /** {@code Type#method} as its two parts, or empty if it is not that. */
  private static List<String> methodOf(String text) {
    List<String> parts = Splitter.on('#').trimResults().splitToList(text);
    return parts.size() == 2
            && !parts.get(0).isEmpty()
            && !parts.get(1).isEmpty()
            && parts.stream().noneMatch(part -> part.contains(" "))
        ? parts
        : List.of();
  }

  /**
   * Declares {@code configured} (the option's pairs) for the compilation of {@code context}: the
   * lock model of that compilation uses them, with the built-in ones. The first call wins: one
   * compilation has one configuration.
   */
  public static void configure(Context context, ImmutableList<Pair> configured) {
    if (context.get(CONFIGURED) == null) {
      context.put(
          CONFIGURED,
          new LockMethodPairs(
              ImmutableList.<Pair>builder().addAll(BUILT_IN).addAll(configured).build()));
    }
  }

  /** Whether {@code method} is named as a method of a declared pair: false settles it. */
  static boolean mayBePair(MethodSymbol method, VisitorState state) {
    return !method.isStatic() && of(state).names.contains(method.getSimpleName(), state);
  }

  private static LockMethodPairs of(VisitorState state) {
    LockMethodPairs configured = state.context.get(CONFIGURED);
    return configured == null ? BUILT_IN_ONLY : configured;
  }

  /** What {@code call}, of {@code method}, does to its receiver's lock, if it is a declared one. */
  static LockOperations.@Nullable Operation classify(
      MethodSymbol method, MethodInvocationTree call, VisitorState state) {
    if (!mayBePair(method, state)) {
      return null;
    }
    LockMethodPairs configured = of(state);
    String name = method.getSimpleName().toString();
    for (Pair pair : configured.pairs) {
      if (pair.acquire().equals(name)
          && LockOperations.isOrOverrides(method, pair.acquireOwner(), state)) {
        boolean conditional = method.getReturnType().getTag() == TypeTag.BOOLEAN;
        return new LockOperations.Operation(
            conditional ? LockOperations.Effect.TRY_ACQUIRE : LockOperations.Effect.ACQUIRE,
            LockKind.LOCK,
            ASTHelpers.getReceiver(call));
      }
      if (pair.release().equals(name)
          && LockOperations.isOrOverrides(method, pair.releaseOwner(), state)) {
        return new LockOperations.Operation(
            LockOperations.Effect.RELEASE, LockKind.LOCK, ASTHelpers.getReceiver(call));
      }
    }
    return null;
  }
}
