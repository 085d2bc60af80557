package io.sloscout.backend.journey;

import io.sloscout.core.journey.CallEdge;
import java.time.Instant;
import java.util.List;

/**
 * One journey over a range: the {@code journeys.json} fields, its call graph and its per-minute RED
 * series.
 *
 * @param edges calls between services (operation-level edges summed)
 * @param operationEdges the stored operation-level edges
 * @param series one point per minute with requests, oldest first
 */
public record JourneyDetail(
    String id,
    String name,
    String entryService,
    String entryOperation,
    List<String> services,
    long requests,
    double errorRatio,
    JourneyView.Latency latencyMs,
    Instant from,
    Instant to,
    List<CallEdge> edges,
    List<OperationEdge> operationEdges,
    List<Point> series) {

  /** A call from one service operation to another. */
  public record OperationEdge(
      String fromService, String fromOperation, String toService, String toOperation, long calls) {}

  /** One minute of the series; latencies in milliseconds. */
  public record Point(
      Instant minute, long requests, long errors, double p50Ms, double p95Ms, double p99Ms) {}
}
