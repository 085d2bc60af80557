package io.sloscout.core.journey;

/** Rate, errors and duration of one set of requests, as they are seen. Not thread-safe. */
final class RedAccumulator {
  final LatencyDistribution latency = new LatencyDistribution();
  long requests;
  long errors;
  long firstStartNanos = Long.MAX_VALUE;
  long lastStartNanos = Long.MIN_VALUE;

  void record(long startNanos, long durationNanos, boolean failed) {
    requests++;
    if (failed) {
      errors++;
    }
    latency.record(durationNanos);
    firstStartNanos = Math.min(firstStartNanos, startNanos);
    lastStartNanos = Math.max(lastStartNanos, startNanos);
  }

  double errorRatio() {
    return requests == 0 ? 0 : (double) errors / requests;
  }

  LatencySummary summary() {
    return LatencySummary.of(latency);
  }
}
