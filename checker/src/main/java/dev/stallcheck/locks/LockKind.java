package dev.stallcheck.locks;

/** How a lock is held: which primitive, and in which mode. Part of a lock's identity. */
public enum LockKind {
  /** An object's monitor, taken by {@code synchronized}. */
  MONITOR("monitor"),
  /** A {@link java.util.concurrent.locks.Lock} with no read/write mode known. */
  LOCK("lock"),
  /**
   * The read half of a {@link java.util.concurrent.locks.ReadWriteLock} (or a StampedLock view).
   */
  READ("read lock"),
  /**
   * The write half of a {@link java.util.concurrent.locks.ReadWriteLock} (or a StampedLock view).
   */
  WRITE("write lock"),
  /** A {@link java.util.concurrent.locks.StampedLock} read stamp. */
  STAMPED_READ("stamped read lock"),
  /** A {@link java.util.concurrent.locks.StampedLock} write stamp. */
  STAMPED_WRITE("stamped write lock"),
  /**
   * The lock {@code ConcurrentHashMap} holds on one bin while a {@code compute}-style function
   * runs: no code can take it, but every writer of that bin waits for it.
   */
  BIN("bin lock");

  private final String noun;

  LockKind(String noun) {
    this.noun = noun;
  }

  /** A short noun for messages, e.g. "read lock". */
  public String noun() {
    return noun;
  }

  /** True for the two kinds a StampedLock stamp stands for. */
  public boolean isStamped() {
    return this == STAMPED_READ || this == STAMPED_WRITE;
  }
}
