package io.sloscout.core.gate;

import io.sloscout.core.burnrate.BurnRateWindow;
import io.sloscout.core.generation.GenerationOptions;
import io.sloscout.core.policy.TierCatalog;
import io.sloscout.core.spec.ErrorBudgetPolicy;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Slo;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns measured SLOs into a release decision with its reasons; pure: the time is an argument and
 * nothing is read from outside.
 */
public final class ReleaseGate {

  private final GatePolicy policy;
  private final TierCatalog tiers;

  /** A gate under {@code policy}, with error-budget policies from the built-in tiers. */
  public ReleaseGate(GatePolicy policy) {
    this(policy, TierCatalog.builtIn());
  }

  public ReleaseGate(GatePolicy policy, TierCatalog tiers) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.tiers = Objects.requireNonNull(tiers, "tiers");
  }

  /**
   * Measures every SLO at {@code time} through {@code querier} (the alert windows of {@code
   * options}' profile, the period, and the policy's traffic window) and decides.
   *
   * @throws IOException naming the SLO when a query fails
   */
  public GateDecision evaluate(
      List<Slo> slos, GenerationOptions options, PromqlQuerier querier, Instant time)
      throws IOException {
    SloMeasurer measurer = new SloMeasurer(querier);
    List<SloMeasurement> measurements = new ArrayList<>();
    for (Slo slo : slos) {
      PromDuration trafficWindow = policy.settingsFor(slo, time).trafficWindow();
      measurements.add(measurer.measure(slo, options.windowsFor(slo), trafficWindow, time));
    }
    return decide(measurements, time);
  }

  /**
   * The decision over all SLOs at {@code time}: any blocking rollback rolls back; otherwise any
   * blocking inconclusive verdict, or no blocking SLO at all, is inconclusive; else promote.
   */
  public GateDecision decide(List<SloMeasurement> measurements, Instant time) {
    List<SloVerdict> verdicts = new ArrayList<>();
    for (SloMeasurement m : measurements) {
      verdicts.add(judge(m, time));
    }
    GateOutcome decision = GateOutcome.PROMOTE;
    boolean anyBlocking = false;
    for (SloVerdict v : verdicts) {
      if (v.blocking()) {
        anyBlocking = true;
        decision = decision.max(v.outcome());
      }
    }
    List<String> reasons = new ArrayList<>();
    if (!anyBlocking) {
      decision = GateOutcome.INCONCLUSIVE;
      reasons.add(
          measurements.isEmpty()
              ? "no SLO to evaluate"
              : "no SLO blocks releases under policy " + policy.source());
    }
    // The SLOs that made the decision explain it first.
    for (SloVerdict v : verdicts) {
      if (v.blocking() && v.outcome() == decision) {
        reasons.addAll(v.reasons());
      }
    }
    for (SloVerdict v : verdicts) {
      if (!(v.blocking() && v.outcome() == decision)) {
        for (String r : v.reasons()) {
          reasons.add(v.blocking() ? r : r + " [not blocking]");
        }
      }
    }
    TreeMap<PromDuration, Double> burn = new TreeMap<>();
    double remaining = Double.NaN;
    for (SloVerdict v : verdicts) {
      v.burnRates().forEach((w, b) -> burn.merge(PromDuration.parse(w), b, Math::max));
      if (v.errorBudgetRemaining().isPresent()) {
        double r = v.errorBudgetRemaining().getAsDouble();
        remaining = Double.isNaN(remaining) ? r : Math.min(remaining, r);
      }
    }
    Map<String, Double> burnRates = new LinkedHashMap<>();
    burn.forEach((w, b) -> burnRates.put(w.toString(), b));
    return new GateDecision(
        time,
        decision,
        reasons,
        burnRates,
        Double.isNaN(remaining) ? OptionalDouble.empty() : OptionalDouble.of(remaining),
        verdicts,
        policy.source());
  }

  /** The verdict on one SLO at {@code time}. */
  public SloVerdict judge(SloMeasurement m, Instant time) {
    Slo slo = m.slo();
    String id = slo.id();
    GatePolicy.Resolved resolved = policy.resolve(slo, time);
    GateSettings s = resolved.settings();
    double budget = BigDecimal.ONE.subtract(BigDecimal.valueOf(slo.objective())).doubleValue();
    List<String> reasons = new ArrayList<>();
    GateOutcome outcome = GateOutcome.PROMOTE;
    for (String problem : resolved.problems()) {
      reasons.add(id + ": " + problem);
      outcome = outcome.max(GateOutcome.INCONCLUSIVE);
    }

    TreeSet<PromDuration> windows = new TreeSet<>();
    for (BurnRateWindow c : m.conditions()) {
      windows.add(c.shortWindow());
      windows.add(c.longWindow());
    }
    Map<String, Double> burnRates = new LinkedHashMap<>();
    Map<String, Double> ratios = new LinkedHashMap<>();
    for (PromDuration w : windows) {
      m.errorRatio(w)
          .ifPresent(
              r -> {
                burnRates.put(w.toString(), r / budget);
                ratios.put(w.toString(), r);
              });
    }
    OptionalDouble periodRatio = m.errorRatio(slo.period());
    periodRatio.ifPresent(
        r -> {
          burnRates.put(slo.period().toString(), r / budget);
          ratios.put(slo.period().toString(), r);
        });
    OptionalDouble remaining =
        periodRatio.isPresent()
            ? OptionalDouble.of(1 - periodRatio.getAsDouble() / budget)
            : OptionalDouble.empty();
    String budgetText =
        remaining.isPresent() ? "budget remaining " + percent(remaining.getAsDouble()) : "";

    // The budget is judged over the whole period, so it does not need recent traffic.
    if (remaining.isEmpty()) {
      reasons.add(id + ": no data over the " + slo.period() + " period; error budget unknown");
      outcome = outcome.max(GateOutcome.INCONCLUSIVE);
    } else {
      double left = remaining.getAsDouble();
      if (left <= 0) {
        reasons.add(
            id
                + ": error budget exhausted: "
                + budgetText
                + " over "
                + slo.period()
                + " (error ratio "
                + errorPercent(periodRatio.getAsDouble())
                + ", objective "
                + number(slo.objectivePercent())
                + "%)");
        outcome = GateOutcome.ROLLBACK;
      } else if (left * 100 < s.budgetFloorPercent()) {
        reasons.add(
            id
                + ": "
                + budgetText
                + " is below the policy floor of "
                + number(s.budgetFloorPercent())
                + "%");
        outcome = GateOutcome.ROLLBACK;
      }
      ErrorBudgetPolicy.Action step = currentStep(tiers.policyFor(slo), left);
      if (step != null) {
        GateEffect effect = s.effectOf(step.action());
        String tier = slo.errorBudgetPolicy() != null ? "its" : "tier " + tiers.tierOf(slo).name();
        reasons.add(
            id
                + ": "
                + budgetText
                + " is at or below "
                + number(step.remainingPercent())
                + "%: the error-budget policy of "
                + tier
                + " says "
                + step.action()
                + (step.description().isEmpty() ? "" : " (" + step.description() + ")")
                + (effect == GateEffect.NOTE ? "" : " -> " + effect.label()));
        outcome = outcome.max(effect.outcome());
      }
    }

    OptionalDouble events = m.events(s.trafficWindow());
    boolean enoughTraffic = s.minEvents() == 0;
    if (!enoughTraffic && events.isEmpty()) {
      reasons.add(
          id
              + ": events cannot be counted for a "
              + GatePolicy.sliType(slo.sli())
              + " SLI, so burn rates cannot be judged; a policy override with minEvents: 0"
              + " judges it on its ratios alone");
    } else if (!enoughTraffic && events.getAsDouble() < s.minEvents()) {
      reasons.add(
          id
              + ": only "
              + count(events.getAsDouble())
              + " events over "
              + s.trafficWindow()
              + ", fewer than the "
              + count(s.minEvents())
              + " needed to judge burn rates");
    } else {
      enoughTraffic = true;
    }
    if (!enoughTraffic) {
      outcome = outcome.max(GateOutcome.INCONCLUSIVE);
    } else {
      outcome = outcome.max(burnRates(m, s, budget, budgetText, reasons));
    }

    for (GatePolicy.RuleResult hit :
        policy.applyRules(
            slo,
            time,
            burnRates,
            ratios,
            remaining.orElse(Double.NaN),
            events.orElse(Double.NaN))) {
      GatePolicy.Rule rule = hit.rule();
      if (hit.error() != null) {
        reasons.add(
            id
                + ": policy rule '"
                + rule.name()
                + "' at "
                + rule.location()
                + " cannot be evaluated: "
                + hit.error());
        outcome = outcome.max(GateOutcome.INCONCLUSIVE);
      } else {
        reasons.add(
            id
                + ": "
                + rule.reason()
                + " (policy rule '"
                + rule.name()
                + "'"
                + (rule.effect() == GateEffect.NOTE ? "" : " -> " + rule.effect().label())
                + ")");
        outcome = outcome.max(rule.effect().outcome());
      }
    }

    if (outcome == GateOutcome.PROMOTE) {
      reasons.add(0, id + ": healthy: " + healthy(m, s, budget, budgetText, events));
    }
    return new SloVerdict(
        slo, outcome, s.blocking(), reasons, burnRates, remaining, events, s.trafficWindow());
  }

  /** Judges the multi-window conditions as the generated alerts do; adds their reasons. */
  private static GateOutcome burnRates(
      SloMeasurement m, GateSettings s, double budget, String budgetText, List<String> reasons) {
    String id = m.slo().id();
    GateOutcome outcome = GateOutcome.PROMOTE;
    TreeSet<PromDuration> missing = new TreeSet<>();
    for (BurnRateWindow c : m.conditions()) {
      OptionalDouble shortRatio = m.errorRatio(c.shortWindow());
      OptionalDouble longRatio = m.errorRatio(c.longWindow());
      boolean blocks = s.rollbackOn().contains(c.severity());
      if (shortRatio.isEmpty() || longRatio.isEmpty()) {
        if (blocks) {
          if (shortRatio.isEmpty()) {
            missing.add(c.shortWindow());
          }
          if (longRatio.isEmpty()) {
            missing.add(c.longWindow());
          }
        }
        continue;
      }
      double threshold = c.factor() * budget;
      if (shortRatio.getAsDouble() > threshold && longRatio.getAsDouble() > threshold) {
        reasons.add(
            id
                + ": burn rate "
                + burn(shortRatio.getAsDouble() / budget)
                + "× over "
                + c.shortWindow()
                + " and "
                + burn(longRatio.getAsDouble() / budget)
                + "× over "
                + c.longWindow()
                + " exceeds "
                + number(c.factor())
                + "× ("
                + c.severity().slothLabel()
                + (blocks ? "" : ", reported only")
                + ")"
                + (budgetText.isEmpty() ? "" : "; " + budgetText));
        if (blocks) {
          outcome = GateOutcome.ROLLBACK;
        }
      }
    }
    if (!missing.isEmpty()) {
      reasons.add(
          id
              + ": no data over "
              + String.join(", ", missing.stream().map(PromDuration::toString).toList())
              + "; burn rates there cannot be judged");
      outcome = outcome.max(GateOutcome.INCONCLUSIVE);
    }
    return outcome;
  }

  private static String healthy(
      SloMeasurement m, GateSettings s, double budget, String budgetText, OptionalDouble events) {
    StringBuilder sb = new StringBuilder();
    BurnRateWindow worst = null;
    double worstShare = -1;
    for (BurnRateWindow c : m.conditions()) {
      if (!s.rollbackOn().contains(c.severity())) {
        continue;
      }
      // The condition closest to firing: the lower of its two burn rates against its factor.
      double b =
          Math.min(m.errorRatio(c.shortWindow()).orElse(0), m.errorRatio(c.longWindow()).orElse(0))
              / budget;
      if (b / c.factor() > worstShare) {
        worstShare = b / c.factor();
        worst = c;
      }
    }
    if (worst != null) {
      sb.append("burn rate ")
          .append(burn(m.errorRatio(worst.shortWindow()).orElse(0) / budget))
          .append("× over ")
          .append(worst.shortWindow())
          .append(" and ")
          .append(burn(m.errorRatio(worst.longWindow()).orElse(0) / budget))
          .append("× over ")
          .append(worst.longWindow())
          .append(" within ")
          .append(number(worst.factor()))
          .append("× (")
          .append(worst.severity().slothLabel())
          .append(")");
    } else {
      sb.append("no burn-rate condition blocks");
    }
    if (!budgetText.isEmpty()) {
      sb.append("; ").append(budgetText);
    }
    if (events.isPresent()) {
      sb.append("; ").append(count(events.getAsDouble())).append(" events over ");
      sb.append(s.trafficWindow());
    }
    return sb.toString();
  }

  /** The lowest-threshold step of the error-budget policy that the remaining budget has reached. */
  private static ErrorBudgetPolicy.Action currentStep(ErrorBudgetPolicy p, double remaining) {
    ErrorBudgetPolicy.Action step = null;
    for (ErrorBudgetPolicy.Action a : p.actions()) {
      if (remaining * 100 <= a.remainingPercent()) {
        step = a;
      }
    }
    return step;
  }

  /** A burn rate with one decimal: 38.0. */
  static String burn(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** A ratio as a percentage with at most one decimal: 0.61 gives 61%, -0.384 gives -38.4%. */
  static String percent(double ratio) {
    return number(
            BigDecimal.valueOf(ratio)
                .movePointRight(2)
                .setScale(1, RoundingMode.HALF_UP)
                .doubleValue())
        + "%";
  }

  /** An error ratio as a percentage with up to three decimals: 0.00138 gives 0.138%. */
  static String errorPercent(double ratio) {
    return number(
            BigDecimal.valueOf(ratio)
                .movePointRight(2)
                .setScale(3, RoundingMode.HALF_UP)
                .doubleValue())
        + "%";
  }

  /** A number without trailing zeros: 14.4, 6. */
  static String number(double v) {
    BigDecimal d = BigDecimal.valueOf(v).stripTrailingZeros();
    return d.signum() == 0 ? "0" : d.toPlainString();
  }

  private static String count(double v) {
    return Long.toString(Math.round(v));
  }
}
