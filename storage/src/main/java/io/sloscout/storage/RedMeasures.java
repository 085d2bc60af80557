package io.sloscout.storage;

import io.sloscout.core.journey.LatencyDistribution;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Rate, errors and duration of a set of requests (one minute, or the total of a range).
 *
 * @param requests requests seen
 * @param errors of those, requests that failed
 * @param latency their latencies
 * @param atOrUnderBucket requests at or under each bound of {@link
 *     LatencyDistribution#BUCKETS_SECONDS}, counted exactly
 * @param p50Ms median latency in milliseconds (from {@code latency})
 * @param p95Ms 95th percentile in milliseconds
 * @param p99Ms 99th percentile in milliseconds
 */
public record RedMeasures(
    long requests,
    long errors,
    LatencySketch latency,
    List<Long> atOrUnderBucket,
    double p50Ms,
    double p95Ms,
    double p99Ms) {

  public RedMeasures {
    Checks.notNegative(requests, "requests");
    Checks.notNegative(errors, "errors");
    if (errors > requests) {
      throw new IllegalArgumentException(
          "errors must not exceed requests: " + errors + " > " + requests);
    }
    Checks.notNull(latency, "latency");
    Checks.noNullElements(atOrUnderBucket, "atOrUnderBucket");
    int buckets = LatencyDistribution.BUCKETS_SECONDS.size();
    if (atOrUnderBucket.size() != buckets) {
      throw new IllegalArgumentException(
          "atOrUnderBucket must have one count per bound of LatencyDistribution.BUCKETS_SECONDS ("
              + buckets
              + "), got "
              + atOrUnderBucket.size());
    }
    long previous = 0;
    for (int i = 0; i < buckets; i++) {
      long count = Checks.notNegative(atOrUnderBucket.get(i), "atOrUnderBucket[" + i + "]");
      if (count < previous || count > requests) {
        throw new IllegalArgumentException(
            "atOrUnderBucket must grow with the bound and stay within requests ("
                + requests
                + "): "
                + atOrUnderBucket);
      }
      previous = count;
    }
    atOrUnderBucket = List.copyOf(atOrUnderBucket);
    Checks.finite(p50Ms, "p50Ms");
    Checks.finite(p95Ms, "p95Ms");
    Checks.finite(p99Ms, "p99Ms");
  }

  /** Measures with the percentiles read from the sketch, in milliseconds to a tenth. */
  public static RedMeasures of(
      long requests, long errors, LatencySketch latency, List<Long> atOrUnderBucket) {
    Checks.notNull(latency, "latency");
    return new RedMeasures(
        requests,
        errors,
        latency,
        atOrUnderBucket,
        round(latency.quantileMillis(0.50)),
        round(latency.quantileMillis(0.95)),
        round(latency.quantileMillis(0.99)));
  }

  /** No requests. */
  public static RedMeasures none() {
    return of(
        0,
        0,
        LatencySketch.empty(),
        Collections.nCopies(LatencyDistribution.BUCKETS_SECONDS.size(), 0L));
  }

  /** The measures of all of {@code parts} together: sums, and percentiles of merged sketches. */
  public static RedMeasures total(Collection<RedMeasures> parts) {
    Checks.notNull(parts, "parts");
    if (parts.isEmpty()) {
      return none();
    }
    long requests = 0;
    long errors = 0;
    long[] buckets = new long[LatencyDistribution.BUCKETS_SECONDS.size()];
    List<LatencySketch> sketches = new ArrayList<>(parts.size());
    for (RedMeasures p : parts) {
      requests = Math.addExact(requests, p.requests());
      errors = Math.addExact(errors, p.errors());
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = Math.addExact(buckets[i], p.atOrUnderBucket().get(i));
      }
      sketches.add(p.latency());
    }
    List<Long> bucketList = new ArrayList<>(buckets.length);
    for (long b : buckets) {
      bucketList.add(b);
    }
    return of(requests, errors, LatencySketch.merge(sketches), bucketList);
  }

  /** The share of requests that failed; 0 without requests. */
  public double errorRatio() {
    return requests == 0 ? 0 : (double) errors / requests;
  }

  private static double round(double ms) {
    return Math.round(ms * 10) / 10.0;
  }
}
