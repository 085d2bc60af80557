package io.sloscout.core.journey;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Request latencies: an HdrHistogram (microseconds, 2 significant digits, up to one hour) for
 * quantiles, plus exact counts at the bucket bounds an SLO may use as a threshold, so that "the
 * share of requests at or under the threshold" is counted, not estimated. Not thread-safe.
 */
public final class LatencyDistribution {

  /**
   * Bucket bounds in seconds that thresholds snap to: the OpenTelemetry semantic conventions'
   * advice for {@code http.server.request.duration}.
   */
  public static final List<Double> BUCKETS_SECONDS =
      List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

  private static final long MAX_MICROS = 3_600_000_000L;

  private final Histogram histogram = new Histogram(MAX_MICROS, 2);
  private final long[] atOrUnder = new long[BUCKETS_SECONDS.size()];
  private final long[] boundNanos = new long[BUCKETS_SECONDS.size()];

  public LatencyDistribution() {
    for (int i = 0; i < boundNanos.length; i++) {
      boundNanos[i] = Math.round(BUCKETS_SECONDS.get(i) * 1e9);
    }
  }

  /** Records one request that took {@code nanos}. */
  public void record(long nanos) {
    long micros = Math.max(0, Math.min(MAX_MICROS, (nanos + 500) / 1000));
    histogram.recordValue(micros);
    for (int i = boundNanos.length - 1; i >= 0 && nanos <= boundNanos[i]; i--) {
      atOrUnder[i]++;
    }
  }

  /** Requests recorded. */
  public long count() {
    return histogram.getTotalCount();
  }

  /** The latency at quantile {@code q} (0..1) in milliseconds; 0 when empty. */
  public double quantileMillis(double q) {
    if (count() == 0) {
      return 0;
    }
    return histogram.getValueAtPercentile(q * 100) / 1000.0;
  }

  /**
   * Requests that took at most {@code BUCKETS_SECONDS.get(index)} seconds, counted exactly.
   *
   * @param index an index into {@link #BUCKETS_SECONDS}
   */
  public long countAtOrUnderBucket(int index) {
    return atOrUnder[index];
  }
}
