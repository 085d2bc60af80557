package io.sloscout.backend.slo;

import io.sloscout.backend.api.TimeRange;
import io.sloscout.core.journey.LatencyDistribution;
import io.sloscout.core.spec.Sli;
import io.sloscout.core.spec.Slo;
import io.sloscout.storage.JourneyMinute;
import io.sloscout.storage.JourneyRepository;
import io.sloscout.storage.SloRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Error budget and burn rate of stored SLOs from the journey aggregates: an availability SLI counts
 * failed requests, a latency SLI requests slower than its threshold (exact, from the per-bucket
 * counts, when the threshold is one of {@link LatencyDistribution#BUCKETS_SECONDS}). What
 * Prometheus would compute from the generated rules, without needing a Prometheus.
 */
@ApplicationScoped
public class SloStatusService {

  /** The most points a series has. */
  static final int MAX_POINTS = 60;

  private final SloService slos;
  private final JourneyRepository journeys;

  public SloStatusService(SloService slos, JourneyRepository journeys) {
    this.slos = slos;
    this.journeys = journeys;
  }

  public SloStatus status(SloRow row, TimeRange range) {
    Map<String, List<Slo>> parsed = slos.parsed(List.of(row));
    List<Slo> own = parsed.getOrDefault(row.id(), List.of());
    if (own.isEmpty()) {
      return empty(row.id(), null, "unknown", 0, range, "the SLO document defines no objective");
    }
    Slo slo = own.get(0);
    String type = slo.sli() instanceof Sli.Latency ? "latency" : "availability";
    String journey = slo.labels().get("journey");
    if (journey == null || journeys.find(journey).isEmpty()) {
      return empty(
          row.id(),
          journey,
          type,
          slo.objective(),
          range,
          journey == null
              ? "the SLO names no journey (label journey): its budget is measured by Prometheus"
              : "journey '" + journey + "' has no stored aggregates");
    }
    int bucket = -1;
    if (slo.sli() instanceof Sli.Latency l) {
      bucket = LatencyDistribution.BUCKETS_SECONDS.indexOf(l.thresholdSeconds());
      if (bucket < 0) {
        return empty(
            row.id(),
            journey,
            type,
            slo.objective(),
            range,
            "threshold " + l.thresholdSeconds() + " s is not one of the aggregated bucket bounds");
      }
    }
    List<JourneyMinute> minutes = journeys.series(journey, range.from(), range.to());
    double budget = 1 - slo.objective();
    long stepMinutes = Math.max(1, (range.length().toMinutes() + MAX_POINTS - 1) / MAX_POINTS);
    Duration step = Duration.ofMinutes(stepMinutes);
    List<SloStatus.Point> series = new ArrayList<>();
    long total = 0;
    long bad = 0;
    int i = 0;
    for (Instant t = range.from(); t.isBefore(range.to()); t = t.plus(step)) {
      Instant end = t.plus(step);
      long stepTotal = 0;
      long stepBad = 0;
      while (i < minutes.size() && minutes.get(i).minute().isBefore(end)) {
        JourneyMinute m = minutes.get(i++);
        stepTotal += m.red().requests();
        stepBad += bad(m, bucket);
      }
      total += stepTotal;
      bad += stepBad;
      if (stepTotal > 0) {
        double burn = ((double) stepBad / stepTotal) / budget;
        series.add(new SloStatus.Point(end, round(burn), round(remaining(bad, total, budget))));
      }
    }
    if (total == 0) {
      return empty(row.id(), journey, type, slo.objective(), range, "no requests in the range");
    }
    return new SloStatus(
        row.id(),
        journey,
        type,
        slo.objective(),
        range.from(),
        range.to(),
        total,
        round(1 - (double) bad / total),
        round(remaining(bad, total, budget)),
        series,
        null);
  }

  private static long bad(JourneyMinute m, int bucket) {
    return bucket < 0
        ? m.red().errors()
        : m.red().requests() - m.red().atOrUnderBucket().get(bucket);
  }

  private static double remaining(long bad, long total, double budget) {
    return total == 0 ? 1 : 1 - ((double) bad / total) / budget;
  }

  private static SloStatus empty(
      String id, String journey, String type, double objective, TimeRange range, String note) {
    return new SloStatus(
        id, journey, type, objective, range.from(), range.to(), 0, null, null, List.of(), note);
  }

  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
