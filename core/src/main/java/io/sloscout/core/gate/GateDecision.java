package io.sloscout.core.gate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The release decision over all SLOs: rollback when a blocking SLO says so, else inconclusive when
 * one could not be judged, else promote.
 *
 * @param time the instant the SLOs were evaluated at
 * @param decision the outcome
 * @param reasons why: the reasons of the SLOs that decided first, then the others
 * @param burnRates per window, the highest burn rate of any SLO
 * @param errorBudgetRemaining the lowest remaining error budget of any SLO; empty without data
 * @param slos the verdict per SLO, in input order
 * @param policy where the policy came from
 */
public record GateDecision(
    Instant time,
    GateOutcome decision,
    List<String> reasons,
    Map<String, Double> burnRates,
    OptionalDouble errorBudgetRemaining,
    List<SloVerdict> slos,
    String policy) {

  public GateDecision {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(decision, "decision");
    reasons = List.copyOf(reasons);
    burnRates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(burnRates));
    Objects.requireNonNull(errorBudgetRemaining, "errorBudgetRemaining");
    slos = List.copyOf(slos);
    Objects.requireNonNull(policy, "policy");
  }
}
