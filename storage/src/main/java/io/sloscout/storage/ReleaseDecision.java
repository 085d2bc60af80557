package io.sloscout.storage;

import io.sloscout.core.gate.GateDecision;
import io.sloscout.core.gate.GateOutcome;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A release gate's decision, as recorded.
 *
 * @param service the service whose release was judged
 * @param sloId the SLO it was judged on, or null for a decision over several
 * @param decision promote, rollback or inconclusive
 * @param reasons why, for a person
 * @param burnRates per window ({@code 1h}), the highest burn rate seen; finite values only
 * @param errorBudgetRemaining the lowest remaining error budget, or null without data
 * @param decidedAt the time the SLOs were evaluated at
 */
public record ReleaseDecision(
    String service,
    String sloId,
    GateOutcome decision,
    List<String> reasons,
    Map<String, Double> burnRates,
    Double errorBudgetRemaining,
    Instant decidedAt) {

  public ReleaseDecision {
    Checks.notBlank(service, "service");
    if (sloId != null && sloId.isBlank()) {
      throw new IllegalArgumentException("sloId must be null or not blank");
    }
    Checks.notNull(decision, "decision");
    reasons = List.copyOf(Checks.noNullElements(reasons, "reasons"));
    Checks.notNull(burnRates, "burnRates");
    Map<String, Double> copy = new LinkedHashMap<>();
    burnRates.forEach(
        (window, rate) -> {
          Checks.notNull(window, "burnRates window");
          Checks.notNull(rate, "burnRates[" + window + "]");
          Checks.finite(rate, "burnRates[" + window + "]");
          copy.put(window, rate);
        });
    burnRates = Collections.unmodifiableMap(copy);
    if (errorBudgetRemaining != null) {
      Checks.finite(errorBudgetRemaining, "errorBudgetRemaining");
    }
    Checks.notNull(decidedAt, "decidedAt");
  }

  /** The record of a gate decision; burn rates that are not finite numbers are left out. */
  public static ReleaseDecision from(String service, String sloId, GateDecision d) {
    Checks.notNull(d, "decision");
    Map<String, Double> finite = new LinkedHashMap<>();
    d.burnRates()
        .forEach(
            (w, r) -> {
              if (r != null && Double.isFinite(r)) {
                finite.put(w, r);
              }
            });
    return new ReleaseDecision(
        service,
        sloId,
        d.decision(),
        d.reasons(),
        finite,
        d.errorBudgetRemaining().isPresent() ? d.errorBudgetRemaining().getAsDouble() : null,
        d.time());
  }
}
