package demo.pool;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a query on the caller's thread with a connection acquired on a pool thread, waiting at most
 * the request deadline for it. Whoever acquires hands the release to {@code exit}, which the
 * caller completes when it is done or gives up: a connection acquired after the caller gave up is
 * released right away instead of leaking.
 */
public final class QueryRunner {
  private static final Duration ACQUIRE_TIMEOUT = Duration.ofMillis(200);
  private static final Duration REQUEST_DEADLINE = Duration.ofMillis(300);

  private final ConnectionPool pool;
  private final Executor acquirers;

  public QueryRunner(ConnectionPool pool, Executor acquirers) {
    this.pool = pool;
    this.acquirers = acquirers;
  }

  public Response run(Request request) throws InterruptedException {
    PooledConnection[] holder = new PooledConnection[1];
    CountDownLatch acquired = new CountDownLatch(1);
    CompletableFuture<Void> exit = new CompletableFuture<>();
    acquirers.execute(
        () -> {
          try {
            PooledConnection connection = pool.acquire(ACQUIRE_TIMEOUT);
            exit.whenComplete((ignored, error) -> pool.release(connection));
            holder[0] = connection;
            acquired.countDown();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (PoolExhaustedException e) {
            // The caller times out and answers 504.
          }
        });
    try {
      if (acquired.await(REQUEST_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
        return Response.ok(holder[0].execute(request.query()));
      }
      return Response.timeout();
    } finally {
      exit.complete(null);
    }
  }
}
