package io.sloscout.core.journey;

import java.util.List;
import java.util.Map;

/**
 * A discovered user journey: requests entering the system at one service and operation, with what
 * they touched and how they fared.
 *
 * @param id a stable id derived from the entry service and operation
 * @param name a readable name
 * @param entryService the service of the entry SERVER span
 * @param entryOperation the entry operation ({@code GET /product/{id}})
 * @param httpMethod the entry's HTTP method, or null when it is not an HTTP request
 * @param httpRoute the entry's route template, or null when it is not an HTTP request
 * @param services every instrumented service the journey's traces touched, sorted
 * @param edges calls between services, sorted
 * @param requests traces of the journey
 * @param errors of those, traces whose entry failed (status ERROR or HTTP 5xx)
 * @param latencyMs entry latency quantiles
 * @param atOrUnderBucket requests at or under each bound of {@link
 *     LatencyDistribution#BUCKETS_SECONDS}, counted exactly
 * @param firstStartNanos start of the earliest entry span
 * @param lastStartNanos start of the latest entry span
 * @param labels tier and criticality labels found on the entry span or its resource, most frequent
 *     value per key
 * @param operations per service operation, sorted
 * @param errorTemplates error templates seen, most frequent first
 */
public record Journey(
    String id,
    String name,
    String entryService,
    String entryOperation,
    String httpMethod,
    String httpRoute,
    List<String> services,
    List<CallEdge> edges,
    long requests,
    long errors,
    LatencySummary latencyMs,
    List<Long> atOrUnderBucket,
    long firstStartNanos,
    long lastStartNanos,
    Map<String, String> labels,
    List<OperationStats> operations,
    List<ErrorTemplate> errorTemplates) {

  public Journey {
    services = List.copyOf(services);
    edges = List.copyOf(edges);
    atOrUnderBucket = List.copyOf(atOrUnderBucket);
    labels = Map.copyOf(labels);
    operations = List.copyOf(operations);
    errorTemplates = List.copyOf(errorTemplates);
  }

  /** The share of requests that failed. */
  public double errorRatio() {
    return requests == 0 ? 0 : (double) errors / requests;
  }

  /** The share of requests that succeeded. */
  public double goodRatio() {
    return requests == 0 ? 0 : (double) (requests - errors) / requests;
  }

  /** The time between the first and the last request, in seconds; at least one second. */
  public double observedSeconds() {
    return Math.max(1.0, (lastStartNanos - firstStartNanos) / 1e9);
  }
}
