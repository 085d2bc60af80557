package io.sloscout.storage;

import io.sloscout.core.journey.LatencyDistribution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Test data: measures built from latencies the way a writer builds them. */
final class Fixtures {

  static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  private Fixtures() {}

  static Instant minute(int n) {
    return T0.plus(Duration.ofMinutes(n));
  }

  /** Measures of requests taking {@code millis} each; the first {@code errors} failed. */
  static RedMeasures red(int errors, double... millis) {
    Histogram h = LatencySketch.newHistogram();
    List<Double> bounds = LatencyDistribution.BUCKETS_SECONDS;
    long[] atOrUnder = new long[bounds.size()];
    for (double ms : millis) {
      h.recordValue(Math.round(ms * 1000));
      for (int i = 0; i < bounds.size(); i++) {
        if (ms / 1000 <= bounds.get(i)) {
          atOrUnder[i]++;
        }
      }
    }
    List<Long> buckets = new ArrayList<>();
    for (long b : atOrUnder) {
      buckets.add(b);
    }
    return RedMeasures.of(millis.length, errors, LatencySketch.of(h), buckets);
  }

  static JourneyRow journey(String id) {
    return new JourneyRow(
        id,
        "GET /product/{id}",
        "frontend",
        "GET /product/{id}",
        List.of("frontend", "catalog"),
        T0,
        minute(5));
  }
}
