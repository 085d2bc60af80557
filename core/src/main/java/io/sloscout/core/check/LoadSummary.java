package io.sloscout.core.check;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one load run measured.
 *
 * @param targetRps the rate asked for
 * @param durationSeconds the length of the send schedule asked for
 * @param requests requests the schedule held; the error rate's denominator
 * @param sent requests actually handed to the HTTP client (the rest hit the in-flight guard)
 * @param responses requests answered with any HTTP status
 * @param errors requests that failed: HTTP 4xx/5xx, timeouts, connection errors, not sent
 * @param errorsByKind the errors by cause, such as {@code http-5xx}, {@code timeout}, {@code
 *     max-in-flight}
 * @param statusCounts responses by HTTP status code
 * @param latencyMs percentiles over the responses, from each request's intended send time
 * @param achievedRps requests sent per second of the send phase
 * @param maxSendLagMs the largest delay between a request's intended and actual send time; large
 *     values mean the generator could not keep the rate
 */
public record LoadSummary(
    double targetRps,
    double durationSeconds,
    long requests,
    long sent,
    long responses,
    long errors,
    SortedMap<String, Long> errorsByKind,
    SortedMap<Integer, Long> statusCounts,
    LatencySummary latencyMs,
    double achievedRps,
    double maxSendLagMs) {

  public LoadSummary {
    Objects.requireNonNull(latencyMs, "latencyMs");
    if (requests < 0 || sent < 0 || responses < 0 || errors < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
    if (sent > requests || responses > sent || errors > requests) {
      throw new IllegalArgumentException(
          "inconsistent counts: requests "
              + requests
              + ", sent "
              + sent
              + ", responses "
              + responses
              + ", errors "
              + errors);
    }
    long byKind = errorsByKind.values().stream().mapToLong(Long::longValue).sum();
    if (byKind != errors) {
      throw new IllegalArgumentException(
          "errors by kind add up to " + byKind + ", not to " + errors);
    }
    errorsByKind = Collections.unmodifiableSortedMap(new TreeMap<>(errorsByKind));
    statusCounts = Collections.unmodifiableSortedMap(new TreeMap<>(statusCounts));
  }

  /** Failed requests over all scheduled requests; 0 when none were scheduled. */
  public double errorRate() {
    return requests == 0 ? 0 : errors / (double) requests;
  }
}
