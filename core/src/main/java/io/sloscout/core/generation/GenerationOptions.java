package io.sloscout.core.generation;

import io.sloscout.core.burnrate.AlertProfiles;
import io.sloscout.core.burnrate.BurnRateWindow;
import io.sloscout.core.spec.Slo;
import java.util.List;
import java.util.Objects;

/**
 * Settings for {@code generate}.
 *
 * @param alertProfile {@code google} (default) or {@code pyrra}
 * @param runbookBaseUrl base of runbook links in alert annotations ({@code
 *     <base>/<service>-<slo>.md})
 * @param dashboardBaseUrl base of dashboard links ({@code <base>/<uid>}); Grafana's {@code /d} by
 *     default
 */
public record GenerationOptions(
    String alertProfile, String runbookBaseUrl, String dashboardBaseUrl) {

  public static final String DEFAULT_RUNBOOK_BASE_URL = "runbooks";
  public static final String DEFAULT_DASHBOARD_BASE_URL = "/d";

  public GenerationOptions {
    alertProfile = alertProfile == null ? AlertProfiles.DEFAULT : alertProfile;
    runbookBaseUrl =
        stripSlash(Objects.requireNonNullElse(runbookBaseUrl, DEFAULT_RUNBOOK_BASE_URL));
    dashboardBaseUrl =
        stripSlash(Objects.requireNonNullElse(dashboardBaseUrl, DEFAULT_DASHBOARD_BASE_URL));
    // fails early on an unknown profile
    AlertProfiles.builtIn().windowsFor(alertProfile, io.sloscout.core.spec.PromDuration.ofDays(30));
  }

  public static GenerationOptions defaults() {
    return new GenerationOptions(null, null, null);
  }

  /**
   * The burn-rate windows an SLO alerts on: its own when the spec gives them, else the profile's.
   */
  public List<BurnRateWindow> windowsFor(Slo slo) {
    if (!slo.alerting().windows().isEmpty()) {
      return slo.alerting().windows();
    }
    return AlertProfiles.builtIn().windowsFor(alertProfile, slo.period());
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") && s.length() > 1 ? s.substring(0, s.length() - 1) : s;
  }
}
