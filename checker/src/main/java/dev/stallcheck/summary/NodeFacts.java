package dev.stallcheck.summary;

import com.google.common.collect.ImmutableList;
import dev.stallcheck.paths.AccessPath;
import org.jspecify.annotations.Nullable;

/**
 * What one walk of a node's code found: the blocking operations it performs itself and the calls it
 * makes (deferred code excluded). Summaries are computed from these alone, so each body is walked
 * once however many call sites reach it.
 *
 * @param name how chains show the node ({@code Connection.write}); null for nodes that are not a
 *     method of their own (a dispatch, initializers), which chains pass through silently
 * @param takesMonitors the node is {@code synchronized} or has a {@code synchronized} block
 * @param takesLocks the node calls {@code lock()}, {@code lockInterruptibly()} or {@code tryLock()}
 *     on a {@code Lock}
 */
record NodeFacts(
    @Nullable String name,
    ImmutableList<Terminal> terminals,
    ImmutableList<CallEdge> calls,
    boolean takesMonitors,
    boolean takesLocks) {

  static final NodeFacts NONE =
      new NodeFacts(null, ImmutableList.of(), ImmutableList.of(), false, false);

  /**
   * A node that only forwards to {@code calls} (a dispatch) or only blocks as {@code terminals}.
   */
  static NodeFacts of(
      @Nullable String name, ImmutableList<Terminal> terminals, ImmutableList<CallEdge> calls) {
    return new NodeFacts(name, terminals, calls, false, false);
  }

  /**
   * A blocking operation in the node itself.
   *
   * @param monitor for a wait, what it releases, in the node's frame (null: unnameable); for other
   *     operations null and unused
   * @param waits for a wait, what it waits on; null for other operations
   * @param unlessHeld for a send, a monitor (in the node's frame) whose being held means the send
   *     is not made ({@code Thread.holdsLock} decides); null if none
   */
  record Terminal(
      BlockingOperation operation,
      @Nullable AccessPath monitor,
      @Nullable WaitPrimitive waits,
      @Nullable AccessPath unlessHeld) {
    Terminal(
        BlockingOperation operation, @Nullable AccessPath monitor, @Nullable WaitPrimitive waits) {
      this(operation, monitor, waits, null);
    }
  }
}
