package demo.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Aggregates request latencies per endpoint into fixed windows. When a window closes, its
 * percentiles are queued for the exporter.
 */
public final class HistogramAggregator {
  private final long windowMillis;
  private final BlockingQueue<LatencySnapshot> snapshots = new ArrayBlockingQueue<>(8);
  private final Map<String, List<Long>> current = new HashMap<>();
  private long windowStart = System.currentTimeMillis();

  public HistogramAggregator(long windowMillis) {
    this.windowMillis = windowMillis;
  }

  public synchronized void record(String endpoint, long latencyNanos) {
    long now = System.currentTimeMillis();
    if (now - windowStart >= windowMillis) {
      LatencySnapshot snapshot = new LatencySnapshot(windowStart, percentiles());
      current.clear();
      windowStart = now;
      try {
        snapshots.put(snapshot);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    current.computeIfAbsent(endpoint, e -> new ArrayList<>()).add(latencyNanos);
  }

  /** Called by the exporter thread. */
  public LatencySnapshot nextSnapshot() throws InterruptedException {
    return snapshots.take();
  }

  private Map<String, long[]> percentiles() {
    Map<String, long[]> result = new HashMap<>();
    current.forEach(
        (endpoint, values) -> {
          long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
          Arrays.sort(sorted);
          result.put(endpoint, new long[] {at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99)});
        });
    return result;
  }

  private static long at(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))];
  }
}
