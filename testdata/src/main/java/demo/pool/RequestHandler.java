package demo.pool;

import demo.metrics.HistogramAggregator;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Answers API requests with a database query, giving up after the request deadline. The acquire
 * timeout is shorter than the request deadline, so a connection is always back before we answer.
 */
public final class RequestHandler {
  private static final Duration ACQUIRE_TIMEOUT = Duration.ofMillis(200);
  private static final Duration REQUEST_DEADLINE = Duration.ofMillis(300);

  private final ConnectionPool pool;
  private final ExecutorService queryThreads;
  private final HistogramAggregator latencies;

  public RequestHandler(ConnectionPool pool, ExecutorService queryThreads, HistogramAggregator latencies) {
    this.pool = pool;
    this.queryThreads = queryThreads;
    this.latencies = latencies;
  }

  public Response handle(Request request) throws InterruptedException {
    long start = System.nanoTime();
    PooledConnection[] holder = new PooledConnection[1];
    String[] result = new String[1];
    CountDownLatch done = new CountDownLatch(1);
    queryThreads.execute(
        () -> {
          try {
            holder[0] = pool.acquire(ACQUIRE_TIMEOUT);
            result[0] = holder[0].execute(request.query());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (PoolExhaustedException e) {
            result[0] = null;
          } finally {
            done.countDown();
          }
        });
    boolean finished = done.await(REQUEST_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    if (holder[0] != null) {
      pool.release(holder[0]);
    }
    latencies.record(request.path(), System.nanoTime() - start);
    if (!finished) {
      return Response.timeout();
    }
    return result[0] == null ? Response.unavailable("database busy") : Response.ok(result[0]);
  }
}
