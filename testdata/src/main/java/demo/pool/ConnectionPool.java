package demo.pool;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** A fixed-size pool of database connections. Every acquire must be paired with one release. */
public final class ConnectionPool {
  private final Semaphore available;
  private final ConcurrentLinkedDeque<PooledConnection> idle = new ConcurrentLinkedDeque<>();

  public ConnectionPool(int size) {
    this.available = new Semaphore(size, true);
    for (int slot = 0; slot < size; slot++) {
      idle.push(new PooledConnection(slot));
    }
  }

  public PooledConnection acquire(Duration timeout) throws InterruptedException, PoolExhaustedException {
    if (!available.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new PoolExhaustedException("no connection free after " + timeout.toMillis() + " ms");
    }
    return idle.pop();
  }

  public void release(PooledConnection connection) {
    idle.push(connection);
    available.release();
  }

  /** Connections not lent out right now. */
  public int availableConnections() {
    return available.availablePermits();
  }
}
