package dev.stallcheck.summary;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import org.jspecify.annotations.Nullable;

/**
 * What one walk of a method's code (or a class's initializers) found, before any calling context is
 * known: each method is walked once, and {@link NodeFacts} for each context are read off these.
 *
 * @param name how chains show the method; null for initializers
 * @param terminals the blocking operations in the code, each with the guards it runs under
 * @param calls the calls the code makes (deferred code excluded)
 * @param takesMonitors the code is {@code synchronized} or has a {@code synchronized} block
 * @param takesLocks the code takes a {@code Lock} itself
 * @param usesReceiver some call's operand is {@code this}: the receiver's classes matter
 * @param usedParameters the parameters some call's operand or some guard reads: their values matter
 */
record MethodFacts(
    @Nullable String name,
    ImmutableList<GuardedTerminal> terminals,
    ImmutableList<SymbolicCall> calls,
    boolean takesMonitors,
    boolean takesLocks,
    boolean usesReceiver,
    ImmutableSet<Integer> usedParameters) {

  static final MethodFacts NONE =
      new MethodFacts(
          null, ImmutableList.of(), ImmutableList.of(), false, false, false, ImmutableSet.of());

  /** A blocking operation and the guards it runs under. */
  record GuardedTerminal(NodeFacts.Terminal terminal, ImmutableList<Guard> guards) {}
}
