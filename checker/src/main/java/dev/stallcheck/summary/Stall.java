package dev.stallcheck.summary;

import com.google.common.collect.ImmutableList;

/**
 * A way a call stalls a thread holding locks: the chain that blocks, and the held locks that stay
 * held while it does (all of them for a send; all but the waited-on monitor for a wait).
 *
 * @param <T> how the caller represents a held lock
 */
public final class Stall<T> {
  private final BlockingChain chain;
  private final ImmutableList<T> stayingHeld;

  Stall(BlockingChain chain, ImmutableList<T> stayingHeld) {
    this.chain = chain;
    this.stayingHeld = stayingHeld;
  }

  public BlockingChain chain() {
    return chain;
  }

  /** The held locks the blocked thread keeps; never empty. */
  public ImmutableList<T> stayingHeld() {
    return stayingHeld;
  }
}
