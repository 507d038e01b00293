package demo.metrics;

/** One measurement: a named value at a point in time. */
public record Sample(String name, double value, long epochMillis) {}
