package demo.metrics;

import java.util.Map;

/** Latency percentiles per endpoint over one aggregation window. */
public record LatencySnapshot(long windowStartMillis, Map<String, long[]> percentilesNanos) {}
