package io.sloscout.core.generation;

import io.sloscout.core.burnrate.AlertSeverity;
import io.sloscout.core.burnrate.BurnRateWindow;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Slo;
import java.util.List;
import java.util.TreeSet;

/**
 * The PromQL that dashboards and runbooks show, built on the Sloth-named recording rules and alerts
 * of {@link RuleGenerator}, so a panel and its runbook query always agree.
 */
final class DashboardQueries {

  private DashboardQueries() {}

  /**
   * Every window the rules record an error ratio for besides the period, shortest first: the
   * windows of the enabled alerts, or 5m when no alert is enabled. Mirrors {@link RuleGenerator},
   * which records no ratio for the windows of a disabled alert.
   */
  static List<PromDuration> alertWindows(Slo slo, GenerationOptions options) {
    TreeSet<PromDuration> windows = new TreeSet<>();
    for (BurnRateWindow w : enabledWindows(slo, options)) {
      windows.add(w.shortWindow());
      windows.add(w.longWindow());
    }
    if (windows.isEmpty()) {
      windows.add(PromDuration.ofMinutes(5));
    }
    return List.copyOf(windows);
  }

  /** The burn-rate conditions of the SLO's enabled alerts, in profile order. */
  static List<BurnRateWindow> enabledWindows(Slo slo, GenerationOptions options) {
    return options.windowsFor(slo).stream().filter(w -> enabled(slo, w.severity())).toList();
  }

  /** Whether the spec leaves the alert of {@code severity} on. */
  static boolean enabled(Slo slo, AlertSeverity severity) {
    return severity == AlertSeverity.PAGE
        ? slo.alerting().page().enabled()
        : slo.alerting().ticket().enabled();
  }

  /**
   * The shortest recorded window: "now" for the SLI. Not always 5m, because a profile scaled to a
   * short period (pyrra over 7d) records 1m instead.
   */
  static PromDuration shortestWindow(Slo slo, GenerationOptions options) {
    return alertWindows(slo, options).get(0);
  }

  /** {@code {sloth_id="..."}}: selects one SLO's series. */
  static String selector(Slo slo) {
    return "{sloth_id=\"" + escape(slo.id()) + "\"}";
  }

  /** The recorded error ratio over {@code window}. */
  static String errorRatio(Slo slo, PromDuration window) {
    return "slo:sli_error:ratio_rate" + window + selector(slo);
  }

  /** The SLI (good ratio) over {@code window}. */
  static String sli(Slo slo, PromDuration window) {
    return "1 - " + errorRatio(slo, window);
  }

  /**
   * The burn rate over {@code window}: error ratio divided by the error budget. Matched on {@code
   * sloth_id} alone because the error ratio carries {@code sloth_window} and the budget does not.
   */
  static String burnRate(Slo slo, PromDuration window) {
    return errorRatio(slo, window)
        + " / on(sloth_id) group_left() slo:error_budget:ratio"
        + selector(slo);
  }

  /** The share of the period's error budget left (1 = untouched, below 0 = overspent). */
  static String budgetRemaining(Slo slo) {
    return "slo:period_error_budget_remaining:ratio" + selector(slo);
  }

  /** The burn rate over the whole period (1 = the budget lasts exactly the period). */
  static String periodBurnRate(Slo slo) {
    return "slo:period_burn_rate:ratio" + selector(slo);
  }

  /** The SLO's alert instances of every severity, firing or pending. */
  static String alerts(Slo slo) {
    return "ALERTS{alertname=\""
        + escape(Naming.alertName(slo))
        + "\", sloth_id=\""
        + escape(slo.id())
        + "\"}";
  }

  /** The alert's instances of one severity, firing or pending. */
  static String alerts(Slo slo, AlertSeverity severity) {
    return alerts(slo, severity, "");
  }

  /**
   * One alert severity as a number for a state timeline: 2 firing, 1 pending, 0 quiet. {@code or
   * vector(0)} keeps the row visible while the alert is quiet.
   */
  static String alertState(Slo slo, AlertSeverity severity) {
    return "max("
        + alerts(slo, severity, ", alertstate=\"firing\"")
        + ") * 2 or max("
        + alerts(slo, severity, ", alertstate=\"pending\"")
        + ") or vector(0)";
  }

  private static String alerts(Slo slo, AlertSeverity severity, String extraMatchers) {
    return "ALERTS{alertname=\""
        + escape(Naming.alertName(slo))
        + "\", sloth_id=\""
        + escape(slo.id())
        + "\", sloth_severity=\""
        + severity.slothLabel()
        + "\""
        + extraMatchers
        + "}";
  }

  /**
   * The SLI's own error-ratio query with {@code window} filled in: the expression the recording
   * rule evaluates, so it reads the raw metrics exactly as the rules do.
   */
  static String rawErrorRatio(Slo slo, PromDuration window) {
    return PromqlText.errorRatio(slo.sli(), window);
  }

  /** A histogram bucket bound as Prometheus clients write {@code le}: {@code 0.3}, {@code 1}. */
  static String le(double seconds) {
    return PromqlText.goFloat(seconds);
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
