package io.sloscout.core.gate;

import io.sloscout.core.burnrate.AlertSeverity;
import io.sloscout.core.spec.PromDuration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * How the gate judges one SLO, after the policy's defaults and matching overrides are applied.
 *
 * @param blocking whether the SLO's verdict can stop a release; other SLOs are reported only
 * @param rollbackOn the burn-rate conditions (by alert severity) whose firing rolls back
 * @param minEvents the fewest events over {@code trafficWindow} that let burn rates be judged; 0
 *     judges without counting
 * @param trafficWindow the window events are counted over
 * @param budgetFloorPercent roll back when less than this share of the error budget remains
 *     (0–100); an exhausted budget always rolls back
 * @param budgetPolicyActions what each step of the SLO's error-budget policy ({@code freeze},
 *     {@code review}, …) does to the verdict once the remaining budget reaches it; steps not named
 *     are notes
 */
public record GateSettings(
    boolean blocking,
    Set<AlertSeverity> rollbackOn,
    double minEvents,
    PromDuration trafficWindow,
    double budgetFloorPercent,
    Map<String, GateEffect> budgetPolicyActions) {

  public GateSettings {
    rollbackOn =
        rollbackOn.isEmpty()
            ? Set.of()
            : java.util.Collections.unmodifiableSet(EnumSet.copyOf(rollbackOn));
    Objects.requireNonNull(trafficWindow, "trafficWindow");
    if (!(minEvents >= 0)) {
      throw new IllegalArgumentException("minEvents must be 0 or more, got " + minEvents);
    }
    if (!(budgetFloorPercent >= 0 && budgetFloorPercent <= 100)) {
      throw new IllegalArgumentException(
          "budgetFloorPercent must be between 0 and 100, got " + budgetFloorPercent);
    }
    budgetPolicyActions = java.util.Collections.unmodifiableMap(new TreeMap<>(budgetPolicyActions));
  }

  /** The effect of an error-budget policy step: the configured one, else a note. */
  public GateEffect effectOf(String action) {
    return budgetPolicyActions.getOrDefault(action, GateEffect.NOTE);
  }
}
