package demo.metrics;

import java.util.List;

/** Where the exporter pushes metrics: a time-series database, a log, a test double. */
public interface MetricsSink {
  void push(List<Sample> batch);

  void push(LatencySnapshot snapshot);
}
