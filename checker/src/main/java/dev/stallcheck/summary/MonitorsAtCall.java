package dev.stallcheck.summary;

import com.google.common.collect.ImmutableSet;
import dev.stallcheck.paths.AccessPath;
import org.jspecify.annotations.Nullable;

/**
 * What a call's own code knows of monitors at the call, in the caller's frame: those it holds there
 * ({@code synchronized} blocks around the call, a {@code synchronized} method's own), and one it
 * knows is not held there ({@code if (!Thread.holdsLock(m))} around the call). A callee's send made
 * unless a monitor is held ({@link BlockingSendSummary}) is not made through a call that holds that
 * monitor, and everything a call known not to hold {@code m} reaches is reached only then.
 *
 * @param held the monitors held at the call
 * @param notHeld a monitor known not to be held at the call; null if none
 */
record MonitorsAtCall(ImmutableSet<AccessPath> held, @Nullable AccessPath notHeld) {
  static final MonitorsAtCall NONE = new MonitorsAtCall(ImmutableSet.of(), null);
}
