package dev.stallcheck.sends;

/** What kind of blocking a queue send can do; see {@link BlockingSends#classify}. */
public enum BlockingSend {
  /**
   * Waits for space in a bounded (or unknown-bound) queue, or for a consumer ({@code transfer}).
   */
  UNTIMED,
  /** {@code SynchronousQueue.put}: always waits until another thread takes the element. */
  SYNCHRONOUS,
  /**
   * A timed send ({@code offer(e, t, unit)}, {@code tryTransfer(e, t, unit)}): waits up to a
   * timeout.
   */
  TIMED,
  /**
   * {@code Semaphore.acquire()} guarding a buffer ({@link SemaphoreBuffers}): waits for a permit,
   * that is for room.
   */
  PERMIT
}
