package demo.pool;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs report queries with a deadline. The query task owns its connection from acquire to release,
 * so the caller can give up at any time without leaking one.
 */
public final class ReportHandler {
  private static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration REPORT_DEADLINE = Duration.ofSeconds(5);

  private final ConnectionPool pool;
  private final ExecutorService queryThreads;

  public ReportHandler(ConnectionPool pool, ExecutorService queryThreads) {
    this.pool = pool;
    this.queryThreads = queryThreads;
  }

  public Response handle(Request request) throws InterruptedException {
    Future<String> report =
        queryThreads.submit(
            () -> {
              PooledConnection connection = pool.acquire(ACQUIRE_TIMEOUT);
              try {
                return connection.execute(request.query());
              } finally {
                pool.release(connection);
              }
            });
    try {
      return Response.ok(report.get(REPORT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      report.cancel(true);
      return Response.timeout();
    } catch (ExecutionException e) {
      return Response.unavailable(String.valueOf(e.getCause().getMessage()));
    }
  }
}
