package dev.stallcheck.summary;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.stallcheck.paths.AccessPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Whether calling a method may block, and how, seen from one frame (the method's own, or a caller's
 * after translation at the call).
 *
 * <p>Two kinds of blocking differ in which held locks they stall: a send (or a method declared
 * blocking) keeps every lock the thread holds; a {@code wait()}/{@code await()} releases exactly
 * the monitor it waits on, so it stalls only the other locks. Waits are therefore kept per monitor.
 *
 * <p>A wait is <em>owned</em> when some method on the chain takes a lock of the wait's kind itself
 * (the usual {@code synchronized (this) { while (full) wait(); }}): the caller's locks are other
 * locks and stay held. A wait is <em>borrowed</em> when no method on the chain takes one (Guava's
 * {@code Monitor.await(guard)}, called with the monitor's lock already held): a wait must hold what
 * it releases, so it releases one of the caller's own locks. When the caller holds exactly one lock
 * of that kind, that is the one given back.
 *
 * <p>A send the code makes only when {@code Thread.holdsLock(m)} is false blocks keeping every
 * lock, unless {@code m}'s monitor is held: then it is not made at all. Code that checks this does
 * so to keep the monitor its consumer needs from being held while it blocks (it waits on the
 * monitor instead), so a caller that holds {@code m} never reaches the send. Such sends are kept
 * per monitor.
 */
public final class BlockingSendSummary {
  /** Beyond this many distinct monitors a summary stops telling them apart. */
  private static final int MAX_WAIT_MONITORS = 8;

  private static final BlockingSendSummary NONE =
      new BlockingSendSummary(null, ImmutableMap.of(), ImmutableMap.of(), ImmutableMap.of());

  /** Blocks whatever the caller holds; null if no such way is known. */
  @Nullable private final BlockingChain always;

  /** Blocks in a wait that releases the key monitor, and only it. */
  private final ImmutableMap<AccessPath, BlockingChain> waits;

  /** Blocks in a wait that releases a lock the caller took; see the class comment. */
  private final ImmutableMap<BorrowedWait, BlockingChain> borrowed;

  /** Blocks keeping every lock, unless the key monitor is held; see the class comment. */
  private final ImmutableMap<AccessPath, BlockingChain> unlessHeld;

  private BlockingSendSummary(
      @Nullable BlockingChain always,
      ImmutableMap<AccessPath, BlockingChain> waits,
      ImmutableMap<BorrowedWait, BlockingChain> borrowed,
      ImmutableMap<AccessPath, BlockingChain> unlessHeld) {
    this.always = always;
    this.waits = waits;
    this.borrowed = borrowed;
    this.unlessHeld = unlessHeld;
  }

  public static BlockingSendSummary none() {
    return NONE;
  }

  public boolean mayBlock() {
    return always != null || !waits.isEmpty() || !borrowed.isEmpty() || !unlessHeld.isEmpty();
  }

  /**
   * Whether some chain blocks keeping every lock of {@code held}: always, or unless a monitor is
   * held that none of them is; {@code holdsMonitor} tells whether a held lock is the monitor at a
   * path in this summary's frame.
   */
  public <T> boolean keepsEveryLock(List<T> held, BiPredicate<AccessPath, ? super T> holdsMonitor) {
    if (always != null) {
      return true;
    }
    for (AccessPath monitor : unlessHeld.keySet()) {
      if (noneIs(monitor, held, holdsMonitor)) {
        return true;
      }
    }
    return false;
  }

  /** Whether none of {@code held} is the monitor at {@code monitor}. */
  private static <T> boolean noneIs(
      AccessPath monitor, List<T> held, BiPredicate<AccessPath, ? super T> holdsMonitor) {
    return held.stream().noneMatch(lock -> holdsMonitor.test(monitor, lock));
  }

  /** A chain that blocks whatever locks are held, if any. */
  public Optional<BlockingChain> blocksAlways() {
    return Optional.ofNullable(always);
  }

  /** Chains that end in a wait, by the monitor (in this summary's frame) the wait releases. */
  public ImmutableMap<AccessPath, BlockingChain> waits() {
    return waits;
  }

  /** Chains that end in a borrowed wait (see the class comment). */
  ImmutableMap<BorrowedWait, BlockingChain> borrowedWaits() {
    return borrowed;
  }

  /** Chains that block keeping every lock unless the key monitor (in this frame) is held. */
  ImmutableMap<AccessPath, BlockingChain> unlessHeld() {
    return unlessHeld;
  }

  /**
   * How this may stall a thread that holds {@code held}: the first chain that blocks while at least
   * one of them stays held and stalls others, with those locks. {@code releases} tells whether a
   * wait on a monitor (a path in this summary's frame) releases a held lock; {@code canRelease}
   * whether a wait of a kind can release a held lock at all (a monitor for {@code wait()}, a {@code
   * Lock} for {@code await()}); {@code holdsMonitor} whether a held lock is the monitor at a path;
   * {@code stalls} whether holding a lock while blocked along a chain stalls another thread.
   */
  public <T> Optional<Stall<T>> stallWhileHolding(
      List<T> held,
      BiPredicate<AccessPath, ? super T> releases,
      BiPredicate<WaitPrimitive, ? super T> canRelease,
      BiPredicate<AccessPath, ? super T> holdsMonitor,
      BiPredicate<BlockingChain, ? super T> stalls) {
    if (held.isEmpty()) {
      return Optional.empty();
    }
    if (always != null) {
      return stall(always, held, lock -> true, stalls);
    }
    for (Map.Entry<AccessPath, BlockingChain> send : unlessHeld.entrySet()) {
      if (noneIs(send.getKey(), held, holdsMonitor)) {
        Optional<Stall<T>> stall = stall(send.getValue(), held, lock -> true, stalls);
        if (stall.isPresent()) {
          return stall;
        }
      }
    }
    for (Map.Entry<AccessPath, BlockingChain> wait : waits.entrySet()) {
      Optional<Stall<T>> stall =
          stall(wait.getValue(), held, lock -> !releases.test(wait.getKey(), lock), stalls);
      if (stall.isPresent()) {
        return stall;
      }
    }
    for (Map.Entry<BorrowedWait, BlockingChain> wait : borrowed.entrySet()) {
      AccessPath monitor = wait.getKey().monitor();
      List<T> named =
          held.stream().filter(lock -> monitor != null && releases.test(monitor, lock)).toList();
      List<T> candidates =
          held.stream().filter(lock -> canRelease.test(wait.getKey().waits(), lock)).toList();
      // Unnamed: the wait gives back one of the caller's locks; known only if there is one.
      List<T> released = !named.isEmpty() || candidates.size() != 1 ? named : candidates;
      Optional<Stall<T>> stall =
          stall(wait.getValue(), held, lock -> !released.contains(lock), stalls);
      if (stall.isPresent()) {
        return stall;
      }
    }
    return Optional.empty();
  }

  /** Blocking along {@code chain} with the {@code held} locks that stay held and stall others. */
  private static <T> Optional<Stall<T>> stall(
      BlockingChain chain,
      List<T> held,
      Predicate<T> staysHeld,
      BiPredicate<BlockingChain, ? super T> stalls) {
    ImmutableList<T> staying =
        held.stream()
            .filter(lock -> staysHeld.test(lock) && stalls.test(chain, lock))
            .collect(ImmutableList.toImmutableList());
    return staying.isEmpty() ? Optional.empty() : Optional.of(new Stall<>(chain, staying));
  }

  @Override
  public String toString() {
    return "BlockingSendSummary{always="
        + always
        + ", waits="
        + waits
        + ", borrowed="
        + borrowed
        + ", unlessHeld="
        + unlessHeld
        + "}";
  }

  /**
   * A wait that releases a lock some caller took: what it waits on, and the monitor it releases in
   * this frame if nameable.
   */
  record BorrowedWait(@Nullable AccessPath monitor, WaitPrimitive waits) {}

  /** Accumulates a summary; only grows, which is what makes the fixpoint over cycles terminate. */
  static final class Builder {
    @Nullable private BlockingChain always;
    private final Map<AccessPath, BlockingChain> waits = new LinkedHashMap<>();
    private final Map<BorrowedWait, BlockingChain> borrowed = new LinkedHashMap<>();
    private final Map<AccessPath, BlockingChain> unlessHeld = new LinkedHashMap<>();

    /** Adds a way to block that keeps every lock; returns whether the summary grew. */
    boolean addAlways(BlockingChain chain) {
      // A chain ending in a send or a declared-blocking method is kept over one ending in a wait,
      // which stalls only locks its consumers need (ConsumerLocks). Among the same, the shortest:
      // the one a reader checks most easily, and it keeps the chains of callers within reach
      // (BlockingSummaries.withinReach).
      if (always != null && !isBetter(chain, always)) {
        return false;
      }
      always = chain;
      waits.clear();
      borrowed.clear();
      unlessHeld.clear();
      return true;
    }

    /**
     * Adds a way to block that keeps every lock unless {@code monitor} (a path in this frame) is
     * held; returns whether the summary grew.
     */
    boolean addUnlessHeld(AccessPath monitor, BlockingChain chain) {
      if (always != null || unlessHeld.containsKey(monitor)) {
        return false;
      }
      if (unlessHeld.size() >= MAX_WAIT_MONITORS) {
        return addAlways(chain);
      }
      unlessHeld.put(monitor, chain);
      return true;
    }

    private static boolean isBetter(BlockingChain chain, BlockingChain than) {
      boolean waits = chain.operation().kind() == BlockingOperation.Kind.WAIT;
      boolean thanWaits = than.operation().kind() == BlockingOperation.Kind.WAIT;
      return waits == thanWaits ? chain.depth() < than.depth() : thanWaits;
    }

    /**
     * Adds a borrowed wait on {@code waits} releasing {@code monitor} (null: unnameable here);
     * returns whether the summary grew.
     */
    boolean addBorrowedWait(
        @Nullable AccessPath monitor, WaitPrimitive waits, BlockingChain chain) {
      BorrowedWait key =
          new BorrowedWait(borrowed.size() >= MAX_WAIT_MONITORS ? null : monitor, waits);
      if (always != null || borrowed.containsKey(key)) {
        return false;
      }
      borrowed.put(key, chain);
      return true;
    }

    /**
     * Adds a wait releasing {@code monitor} (null: a monitor this frame cannot name, which then
     * releases none of the caller's locks); returns whether the summary grew.
     */
    boolean addWait(@Nullable AccessPath monitor, BlockingChain chain) {
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
      if (always == null && waits.isEmpty() && borrowed.isEmpty() && unlessHeld.isEmpty()) {
        return NONE;
      }
      return new BlockingSendSummary(
          always,
          ImmutableMap.copyOf(waits),
          ImmutableMap.copyOf(borrowed),
          ImmutableMap.copyOf(unlessHeld));
    }
  }
}
