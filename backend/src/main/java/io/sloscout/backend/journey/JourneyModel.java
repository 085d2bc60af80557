package io.sloscout.backend.journey;

import io.sloscout.core.journey.CallEdge;
import io.sloscout.core.journey.ErrorTemplate;
import io.sloscout.core.journey.Journey;
import io.sloscout.core.journey.LatencySummary;
import io.sloscout.storage.JourneyEdgeRow;
import io.sloscout.storage.JourneyRow;
import io.sloscout.storage.RedMeasures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rebuilds core's {@link Journey} from stored aggregates, so that the recommender judges stored
 * journeys exactly as {@code slo-scout analyze} judges traces.
 */
public final class JourneyModel {

  /** How the journeys job writes an HTTP entry operation: {@code GET /product/{id}}. */
  private static final Pattern HTTP_OPERATION = Pattern.compile("([A-Z]+) (/\\S*)");

  private JourneyModel() {}

  /**
   * The journey over {@code [from, to)}.
   *
   * @param row the stored journey
   * @param red its totals over the range
   * @param edges its stored call edges
   * @param errorTemplates error templates related to it, most frequent first
   */
  public static Journey journey(
      JourneyRow row,
      RedMeasures red,
      List<JourneyEdgeRow> edges,
      List<ErrorTemplate> errorTemplates,
      Instant from,
      Instant to) {
    Matcher http = HTTP_OPERATION.matcher(row.entryOperation());
    boolean isHttp = http.matches();
    // the aggregates know minutes, not request times: the observed span is the range with data
    Instant first = row.firstSeen().isAfter(from) ? row.firstSeen() : from;
    Instant last = row.lastSeen().isBefore(to) ? row.lastSeen() : to;
    if (last.isBefore(first)) {
      last = first;
    }
    return new Journey(
        row.id(),
        row.name(),
        row.entryService(),
        row.entryOperation(),
        isHttp ? http.group(1) : null,
        isHttp ? http.group(2) : null,
        row.services(),
        callEdges(edges),
        red.requests(),
        red.errors(),
        new LatencySummary(red.p50Ms(), red.p95Ms(), red.p99Ms()),
        red.atOrUnderBucket(),
        nanos(first),
        nanos(last),
        Map.of(),
        List.of(),
        errorTemplates);
  }

  /** Service-to-service calls: operation-level edges summed, calls within a service left out. */
  public static List<CallEdge> callEdges(List<JourneyEdgeRow> edges) {
    Map<String, long[]> calls = new TreeMap<>();
    for (JourneyEdgeRow e : edges) {
      if (e.fromService().equals(e.toService())) {
        continue;
      }
      calls.computeIfAbsent(e.fromService() + '\u0000' + e.toService(), k -> new long[1])[0] +=
          e.calls();
    }
    List<CallEdge> out = new ArrayList<>(calls.size());
    calls.forEach(
        (k, v) -> {
          int cut = k.indexOf('\u0000');
          out.add(new CallEdge(k.substring(0, cut), k.substring(cut + 1), v[0]));
        });
    return out;
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
