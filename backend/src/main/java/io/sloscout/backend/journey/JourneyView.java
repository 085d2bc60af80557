package io.sloscout.backend.journey;

import io.sloscout.storage.JourneyTotals;
import java.util.List;

/**
 * A journey with its totals over a range: exactly the fields of {@code journeys.json}.
 *
 * @param id stable id
 * @param name readable name
 * @param entryService where requests enter
 * @param entryOperation the entry route ({@code GET /product/{id}})
 * @param services every service the journey touches
 * @param requests requests in the range
 * @param errorRatio the share that failed
 * @param latencyMs entry latency quantiles over the range
 */
public record JourneyView(
    String id,
    String name,
    String entryService,
    String entryOperation,
    List<String> services,
    long requests,
    double errorRatio,
    Latency latencyMs) {

  /** Latency quantiles in milliseconds. */
  public record Latency(double p50, double p95, double p99) {}

  static JourneyView of(JourneyTotals t) {
    return new JourneyView(
        t.journey().id(),
        t.journey().name(),
        t.journey().entryService(),
        t.journey().entryOperation(),
        t.journey().services(),
        t.red().requests(),
        Math.round(t.red().errorRatio() * 1e6) / 1e6,
        new Latency(t.red().p50Ms(), t.red().p95Ms(), t.red().p99Ms()));
  }
}
