package dev.stallcheck.locks;

import org.checkerframework.errorprone.dataflow.analysis.AbstractValue;

/**
 * The dataflow value of a {@code tryLock()} / {@code tryReadLock()}-style call: the lock it takes
 * when it succeeds. Assigned to a local, it lets a later {@code if (ok)} or {@code if (stamp != 0)}
 * know which lock its success branch holds.
 */
record LockAttempt(HeldLock lock) implements AbstractValue<LockAttempt> {
  @Override
  public LockAttempt leastUpperBound(LockAttempt other) {
    // A node's value is a function of its tree, so a value only ever meets an equal one.
    return this;
  }
}
