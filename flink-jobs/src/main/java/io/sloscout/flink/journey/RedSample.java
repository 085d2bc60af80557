package io.sloscout.flink.journey;

/**
 * One request for the per-minute RED series: a journey's entry, or a service operation it served.
 *
 * @param journey true for a journey's entry request, false for an operation
 * @param key the journey id, or the service of the operation
 * @param operation the operation; empty for a journey
 * @param startNanos when the request started (its minute)
 * @param durationNanos how long it took
 * @param failed whether it failed (status ERROR or HTTP 5xx)
 */
public record RedSample(
    boolean journey,
    String key,
    String operation,
    long startNanos,
    long durationNanos,
    boolean failed) {

  /** The key of the series the sample belongs to. */
  public String seriesKey() {
    return (journey ? "j\u0000" : "o\u0000") + key + "\u0000" + operation;
  }
}
