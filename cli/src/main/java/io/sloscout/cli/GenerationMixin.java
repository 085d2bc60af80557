package io.sloscout.cli;

import io.sloscout.core.generation.GenerationOptions;
import picocli.CommandLine.Option;

/** The options that shape generated artifacts, shared by generate and plan. */
final class GenerationMixin {

  @Option(
      names = "--alert-profile",
      paramLabel = "google|pyrra",
      defaultValue = "google",
      description =
          "Burn-rate windows: google (SRE workbook: page 14.4x over 1h+5m and 6x over 6h+30m,"
              + " ticket 3x over 1d+2h and 1x over 3d+6h, scaled to the SLO period) or pyrra"
              + " (Pyrra's four windows). Default: ${DEFAULT-VALUE}.")
  String alertProfile;

  @Option(
      names = "--runbook-base-url",
      paramLabel = "URL",
      defaultValue = GenerationOptions.DEFAULT_RUNBOOK_BASE_URL,
      description = "Base of runbook links in alert annotations. Default: ${DEFAULT-VALUE}.")
  String runbookBaseUrl;

  @Option(
      names = "--dashboard-base-url",
      paramLabel = "URL",
      defaultValue = GenerationOptions.DEFAULT_DASHBOARD_BASE_URL,
      description =
          "Base of Grafana dashboard links (e.g. https://grafana.example.com/d)."
              + " Default: ${DEFAULT-VALUE}.")
  String dashboardBaseUrl;

  GenerationOptions options() {
    if (!alertProfile.equals("google") && !alertProfile.equals("pyrra")) {
      throw new InputException(
          "--alert-profile: unknown profile '" + alertProfile + "' (use google or pyrra)");
    }
    return new GenerationOptions(alertProfile, runbookBaseUrl, dashboardBaseUrl);
  }
}
