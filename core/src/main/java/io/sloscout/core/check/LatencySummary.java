package io.sloscout.core.check;

/**
 * Latency percentiles in milliseconds; NaN when no response was received.
 *
 * <p>Latency runs from each request's intended send time, so a slow generator or a queue in front
 * of the target shows up in the figures instead of hiding them.
 */
public record LatencySummary(double p50, double p90, double p95, double p99, double max) {

  /** No responses: every percentile unknown. */
  public static final LatencySummary NONE =
      new LatencySummary(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  public LatencySummary {
    double[] ordered = {p50, p90, p95, p99, max};
    for (int i = 0; i < ordered.length; i++) {
      if (!Double.isNaN(ordered[i]) && ordered[i] < 0) {
        throw new IllegalArgumentException("latency must be >= 0, got " + ordered[i]);
      }
      if (i > 0 && ordered[i] < ordered[i - 1]) {
        throw new IllegalArgumentException(
            "percentiles must not decrease from p50 to max: " + java.util.Arrays.toString(ordered));
      }
    }
  }
}
