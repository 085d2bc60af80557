package io.sloscout.core.gate;

import io.sloscout.core.burnrate.BurnRateWindow;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Slo;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;

/** Measures SLOs at one instant through a {@link PromqlQuerier}. */
public final class SloMeasurer {

  private final PromqlQuerier querier;

  public SloMeasurer(PromqlQuerier querier) {
    this.querier = Objects.requireNonNull(querier, "querier");
  }

  /**
   * Error ratios over every window of {@code conditions} and over the SLO period, and the events
   * over {@code trafficWindow}, all at {@code time}.
   *
   * @throws IOException naming the SLO when a query fails
   */
  public SloMeasurement measure(
      Slo slo, List<BurnRateWindow> conditions, PromDuration trafficWindow, Instant time)
      throws IOException {
    TreeSet<PromDuration> windows = new TreeSet<>();
    for (BurnRateWindow c : conditions) {
      windows.add(c.shortWindow());
      windows.add(c.longWindow());
    }
    windows.add(slo.period());
    Map<PromDuration, Double> ratios = new HashMap<>();
    for (PromDuration w : windows) {
      OptionalDouble v = run(slo, GateQueries.errorRatio(slo.sli(), w), time);
      if (v.isPresent()) {
        ratios.put(w, v.getAsDouble());
      }
    }
    Map<PromDuration, Double> events = new HashMap<>();
    Optional<GateQueries.EventQuery> q = GateQueries.events(slo.sli(), trafficWindow);
    if (q.isPresent()) {
      OptionalDouble v = run(slo, q.get().promql(), time);
      // No series at all means no event was ever seen: that is zero traffic, not unknown.
      events.put(trafficWindow, v.orElse(0) * q.get().multiplier());
    }
    return new SloMeasurement(slo, conditions, ratios, events);
  }

  private OptionalDouble run(Slo slo, String promql, Instant time) throws IOException {
    try {
      return querier.query(promql, time);
    } catch (IOException e) {
      throw new IOException("SLO " + slo.id() + ": " + e.getMessage(), e);
    }
  }
}
