package io.sloscout.core.gate;

import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Slo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The gate's verdict on one SLO.
 *
 * @param slo the SLO
 * @param outcome promote, inconclusive or rollback
 * @param blocking whether the verdict counts towards the release decision
 * @param reasons why, in SLO terms, each starting with the SLO's id
 * @param burnRates burn rate per measured window ({@code 5m}, {@code 1h}, …, the period last),
 *     shortest first; windows without data are absent
 * @param errorBudgetRemaining the share of the period's error budget left (1 = untouched, below 0 =
 *     overspent); empty without data
 * @param events events counted over {@code trafficWindow}; empty when they cannot be counted
 * @param trafficWindow the window events were counted over
 */
public record SloVerdict(
    Slo slo,
    GateOutcome outcome,
    boolean blocking,
    List<String> reasons,
    Map<String, Double> burnRates,
    OptionalDouble errorBudgetRemaining,
    OptionalDouble events,
    PromDuration trafficWindow) {

  public SloVerdict {
    Objects.requireNonNull(slo, "slo");
    Objects.requireNonNull(outcome, "outcome");
    reasons = List.copyOf(reasons);
    burnRates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(burnRates));
    Objects.requireNonNull(errorBudgetRemaining, "errorBudgetRemaining");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(trafficWindow, "trafficWindow");
  }
}
