package io.sloscout.core.generation.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.core.burnrate.AlertSeverity;
import io.sloscout.core.burnrate.BurnRateWindow;
import io.sloscout.core.generation.GenerationOptions;
import io.sloscout.core.generation.RunbookGenerator;
import io.sloscout.core.generation.dashboard.SloFixtures;
import io.sloscout.core.spec.Alerting;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.spec.Source;
import io.sloscout.core.spec.SpecFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunbookGeneratorTest {

  private static final GenerationOptions GOOGLE = GenerationOptions.defaults();

  @Test
  void isTheSameBytesOnEveryRun() {
    assertThat(RunbookGenerator.runbook(SloFixtures.events(), GOOGLE))
        .isEqualTo(RunbookGenerator.runbook(SloFixtures.events(), GOOGLE));
  }

  @Test
  void namesOnlyTheFileOfAnAbsoluteSpecPath() {
    Path absolute = Path.of("/home/someone/work/slos/checkout.yaml").toAbsolutePath();
    String md = RunbookGenerator.runbook(with(SloFixtures.events(), absolute), GOOGLE);
    assertThat(md).contains("`checkout.yaml`").doesNotContain("someone");
  }

  @Test
  void keepsARelativeSpecPathAsGiven() {
    String md =
        RunbookGenerator.runbook(
            with(SloFixtures.events(), Path.of("teams", "shop", "checkout.yaml")), GOOGLE);
    assertThat(md).contains("- Spec: `teams/shop/checkout.yaml`, line 3");
  }

  @Test
  void fillsTheWindowIntoTheRawQuery() {
    String md = RunbookGenerator.runbook(SloFixtures.latency(), GOOGLE);
    String firstQueries = md.substring(md.indexOf("## First queries"));
    assertThat(firstQueries)
        .contains("sum(rate(http_request_duration_seconds_count{job=\"checkout\"}[1h]))")
        .contains(
            "sum(rate(http_request_duration_seconds_bucket{job=\"checkout\",le=\"0.3\"}[1h]))")
        .doesNotContain("{{.window}}");
  }

  @Test
  void statesTheBudgetAsShareAndAsOutageMinutes() {
    String md = RunbookGenerator.runbook(SloFixtures.raw(), GOOGLE);
    assertThat(md)
        .contains("**0.05%** of all events over 30d may be bad: 1 in every 2,000.")
        .contains("**21.6 minutes** (21m 36s) per 30d");
  }

  @Test
  void linksToTheServicesDashboard() {
    String md =
        RunbookGenerator.runbook(
            SloFixtures.events(), new GenerationOptions(null, null, "https://grafana.example/d/"));
    assertThat(md).contains("(https://grafana.example/d/slo-checkout)");
  }

  @Test
  void sayWhenWindowsComeFromTheSpec() {
    Slo e = SloFixtures.events();
    Alerting own =
        new Alerting(
            "CheckoutDown",
            Map.of(),
            Map.of(),
            null,
            null,
            List.of(
                new BurnRateWindow(
                    AlertSeverity.PAGE,
                    PromDuration.ofMinutes(10),
                    PromDuration.ofHours(2),
                    10,
                    null)));
    Slo slo =
        new Slo(
            e.service(),
            e.name(),
            e.description(),
            e.sli(),
            e.objective(),
            e.period(),
            e.calendar(),
            e.tier(),
            e.labels(),
            own,
            null,
            e.source());
    String md = RunbookGenerator.runbook(slo, GOOGLE);
    assertThat(md)
        .contains("Windows come from the spec.")
        .contains("| 10× | 2h | 10m | 1% | 2.78% | 3d |")
        .contains("No ticket conditions in the windows.")
        .contains("ALERTS{alertname=\"CheckoutDown\", sloth_id=\"checkout-availability\"}");
  }

  @Test
  void namesAnUnknownTierAndFallsBackToTheStandardPolicy() {
    Slo e = SloFixtures.events();
    Slo slo =
        new Slo(
            e.service(),
            e.name(),
            e.description(),
            e.sli(),
            e.objective(),
            e.period(),
            true,
            "platinum",
            e.labels(),
            e.alerting(),
            null,
            e.source());
    String md = RunbookGenerator.runbook(slo, GOOGLE);
    assertThat(md)
        .contains("- Tier: `platinum` (not a known tier)")
        .contains("The default of the `standard` tier (the SLO's tier is unknown).")
        .contains("| ≤ 10% | review | Releases require review. |")
        .doesNotContain("freeze")
        .contains("each calendar-aligned 30-day period");
  }

  private static Slo with(Slo e, Path file) {
    return new Slo(
        e.service(),
        e.name(),
        e.description(),
        e.sli(),
        e.objective(),
        e.period(),
        e.calendar(),
        e.tier(),
        e.labels(),
        e.alerting(),
        e.errorBudgetPolicy(),
        new Source(file, 3, 1, SpecFormat.NATIVE_V1));
  }
}
