package demo.pool;

import java.time.Duration;

/**
 * Tells the load balancer whether this instance can reach the database. The probe must answer
 * quickly even when the database hangs, so the query runs on its own thread with a deadline.
 */
public final class HealthCheck {
  private static final Duration ACQUIRE_TIMEOUT = Duration.ofMillis(500);
  private static final Duration PROBE_DEADLINE = Duration.ofSeconds(1);

  private final ConnectionPool pool;

  public HealthCheck(ConnectionPool pool) {
    this.pool = pool;
  }

  public boolean databaseReachable() throws InterruptedException {
    PooledConnection[] probe = new PooledConnection[1];
    boolean[] answered = new boolean[1];
    Thread prober =
        new Thread(
            () -> {
              try {
                probe[0] = pool.acquire(ACQUIRE_TIMEOUT);
                answered[0] = probe[0].execute("select 1") != null;
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (PoolExhaustedException e) {
                answered[0] = false;
              }
            },
            "db-health-probe");
    prober.setDaemon(true);
    prober.start();
    prober.join(PROBE_DEADLINE.toMillis());
    if (probe[0] != null) {
      pool.release(probe[0]);
    }
    return answered[0];
  }
}
