package io.sloscout.core.journey;

/**
 * Latency quantiles in milliseconds, rounded to a tenth of a millisecond.
 *
 * @param p50 the median
 * @param p95 the 95th percentile
 * @param p99 the 99th percentile
 */
public record LatencySummary(double p50, double p95, double p99) {

  /** The quantiles of a distribution. */
  public static LatencySummary of(LatencyDistribution d) {
    return new LatencySummary(
        round(d.quantileMillis(0.50)),
        round(d.quantileMillis(0.95)),
        round(d.quantileMillis(0.99)));
  }

  private static double round(double ms) {
    return Math.round(ms * 10) / 10.0;
  }
}
