package demo.metrics;

/** Pushes batches and latency snapshots to the sink, each from its own daemon thread. */
public final class MetricsExporter {
  private final MetricBatcher batcher;
  private final HistogramAggregator latencies;
  private final MetricsSink sink;

  public MetricsExporter(MetricBatcher batcher, HistogramAggregator latencies, MetricsSink sink) {
    this.batcher = batcher;
    this.latencies = latencies;
    this.sink = sink;
  }

  public void start() {
    daemon("metrics-batches", this::exportBatches).start();
    daemon("metrics-latencies", this::exportLatencies).start();
  }

  private void exportBatches() {
    try {
      while (true) {
        sink.push(batcher.nextBatch());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void exportLatencies() {
    try {
      while (true) {
        sink.push(latencies.nextSnapshot());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }
}
