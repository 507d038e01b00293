package dev.stallcheck.summary;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * Whether calling a method may block, and how, seen from one frame (the method's own, or a
 * caller's after translation at the call).
 *
 * <p>Two kinds of blocking differ in which held locks they stall: a send (or a method declared
 * blocking) keeps every lock the thread holds; a {@code wait()}/{@code await()} releases exactly
 * the monitor it waits on, so it stalls only the other locks. Waits are therefore kept per monitor.
 */
public final class BlockingSendSummary {
  /** Beyond this many distinct monitors a summary stops telling them apart. */
  private static final int MAX_WAIT_MONITORS = 8;

  private static final BlockingSendSummary NONE = new BlockingSendSummary(null, ImmutableMap.of());

  /** Blocks whatever the caller holds; null if no such way is known. */
  @Nullable private final BlockingChain always;
  /** Blocks in a wait that releases the key monitor, and only it. */
  private final ImmutableMap<MonitorPath, BlockingChain> waits;

  private BlockingSendSummary(
      @Nullable BlockingChain always, ImmutableMap<MonitorPath, BlockingChain> waits) {
    this.always = always;
    this.waits = waits;
  }

  public static BlockingSendSummary none() {
    return NONE;
  }

  public boolean mayBlock() {
    return always != null || !waits.isEmpty();
  }

  /** A chain that blocks whatever locks are held, if any. */
  public Optional<BlockingChain> blocksAlways() {
    return Optional.ofNullable(always);
  }

  /** Chains that end in a wait, by the monitor (in this summary's frame) the wait releases. */
  public ImmutableMap<MonitorPath, BlockingChain> waits() {
    return waits;
  }

  /**
   * How this may stall a thread that holds {@code held}: the first chain that blocks while at least
   * one of them stays held, with those that stay held. {@code releases} tells whether a wait on a
   * monitor (a path in this summary's frame) releases a held lock.
   */
  public <T> Optional<Stall<T>> stallWhileHolding(
      List<T> held, BiPredicate<MonitorPath, ? super T> releases) {
    if (held.isEmpty()) {
      return Optional.empty();
    }
    if (always != null) {
      return Optional.of(new Stall<>(always, ImmutableList.copyOf(held)));
    }
    for (Map.Entry<MonitorPath, BlockingChain> wait : waits.entrySet()) {
      ImmutableList<T> staying =
          held.stream()
              .filter(lock -> !releases.test(wait.getKey(), lock))
              .collect(ImmutableList.toImmutableList());
      if (!staying.isEmpty()) {
        return Optional.of(new Stall<>(wait.getValue(), staying));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "BlockingSendSummary{always=" + always + ", waits=" + waits + "}";
  }

  /** Accumulates a summary; only grows, which is what makes the fixpoint over cycles terminate. */
  static final class Builder {
    @Nullable private BlockingChain always;
    private final Map<MonitorPath, BlockingChain> waits = new LinkedHashMap<>();

    /** Adds a way to block that keeps every lock; returns whether the summary grew. */
    boolean addAlways(BlockingChain chain) {
      if (always != null) {
        return false;
      }
      always = chain;
      waits.clear();
      return true;
    }

    /**
     * Adds a wait releasing {@code monitor} (null: a monitor this frame cannot name, which then
     * releases none of the caller's locks); returns whether the summary grew.
     */
    boolean addWait(@Nullable MonitorPath monitor, BlockingChain chain) {
      if (always != null || (monitor != null && waits.containsKey(monitor))) {
        return false;
      }
      if (monitor == null || waits.size() >= MAX_WAIT_MONITORS) {
        return addAlways(chain);
      }
      waits.put(monitor, chain);
      return true;
    }

    BlockingSendSummary build() {
      if (always == null && waits.isEmpty()) {
        return NONE;
      }
      return new BlockingSendSummary(always, ImmutableMap.copyOf(waits));
    }
  }
}
