package dev.stallcheck.summary;

/**
 * What an untimed wait waits on, which decides which held lock it can give back: {@code
 * Object.wait()} releases a monitor, {@code Condition.await()} the {@code Lock} the condition came
 * from. The thread must hold that lock when it waits, else the wait throws.
 */
public enum WaitPrimitive {
  /** {@code Object.wait()}: releases a monitor taken by {@code synchronized}. */
  MONITOR,
  /** {@code Condition.await()} and {@code awaitUninterruptibly()}: releases a {@code Lock}. */
  CONDITION;

  /** Whether a method that takes locks as {@code facts} records may own a wait of this kind. */
  boolean ownedBy(NodeFacts facts) {
    return this == MONITOR ? facts.takesMonitors() : facts.takesLocks();
  }
}
