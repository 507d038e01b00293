package demo.metrics;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gives each metric series a small id, and announces every new series to the exporter, which
 * declares it upstream before the series' first sample goes out.
 */
public final class SeriesIndex {
  private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
  private final BlockingQueue<String> newSeries = new ArrayBlockingQueue<>(64);
  private final AtomicInteger lastId = new AtomicInteger();

  /** The id of {@code series}, announced to the exporter the first time the series is seen. */
  public int idOf(String series) {
    return ids.computeIfAbsent(
        series,
        name -> {
          try {
            newSeries.put(name);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return lastId.incrementAndGet();
        });
  }

  /** The same, announcing after the map has the id: no bin of {@code ids} waits for the exporter. */
  public int idOfAnnouncedAfter(String series) throws InterruptedException {
    Integer known = ids.get(series);
    if (known != null) {
      return known;
    }
    int id = lastId.incrementAndGet();
    Integer raced = ids.putIfAbsent(series, id);
    if (raced != null) {
      return raced;
    }
    newSeries.put(series);
    return id;
  }

  /** Called by the exporter. */
  public String nextNewSeries() throws InterruptedException {
    return newSeries.take();
  }
}
