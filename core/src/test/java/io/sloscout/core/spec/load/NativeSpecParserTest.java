package io.sloscout.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.core.burnrate.AlertSeverity;
import io.sloscout.core.burnrate.BurnRateWindow;
import io.sloscout.core.spec.AlertSpec;
import io.sloscout.core.spec.Diagnostic;
import io.sloscout.core.spec.ErrorBudgetPolicy;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Sli;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.spec.Source.Position;
import io.sloscout.core.spec.SpecFormat;
import io.sloscout.core.spec.SpecSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NativeSpecParserTest {

  private static final Path DIR = Path.of("src/test/resources/specs/native");

  private static SpecSet load(String name) {
    return new SpecLoader().load(List.of(DIR.resolve(name)));
  }

  @Test
  void ratioWithBadEventsBecomesAnEventsSliWithAlertingAndPolicy() {
    SpecSet set = load("availability.yaml");

    assertThat(set.errors()).isEmpty();
    Slo slo = set.slos().get(0);
    assertThat(set.slos()).hasSize(1);
    assertThat(slo.service()).isEqualTo("checkout");
    assertThat(slo.name()).isEqualTo("checkout-availability");
    assertThat(slo.id()).isEqualTo("checkout-checkout-availability");
    assertThat(slo.description()).isEqualTo("Checkout requests succeed.");
    assertThat(slo.objective()).isEqualTo(0.999);
    assertThat(slo.period()).isEqualTo(PromDuration.ofDays(30));
    assertThat(slo.calendar()).isFalse();
    assertThat(slo.tier()).isEqualTo("best_effort");
    assertThat(slo.labels()).isEqualTo(Map.of("team", "payments"));
    assertThat(slo.sli())
        .isEqualTo(
            new Sli.Events(
                "sum(rate(http_requests_total{job=\"checkout\",code=~\"5..\"}[{{.window}}]))",
                "sum(rate(http_requests_total{job=\"checkout\"}[{{.window}}]))"));
    assertThat(slo.alerting().name()).isEqualTo("CheckoutAvailability");
    assertThat(slo.alerting().labels()).isEqualTo(Map.of("component", "api"));
    assertThat(slo.alerting().annotations()).isEqualTo(Map.of("summary", "Checkout fails"));
    assertThat(slo.alerting().page())
        .isEqualTo(
            new AlertSpec(
                true,
                Map.of(
                    "routing_key", "pager",
                    "notification_channels", "pagerduty-critical,slack-incidents"),
                Map.of()));
    assertThat(slo.alerting().ticket().enabled()).isFalse();
    assertThat(slo.alerting().windows())
        .containsExactly(
            new BurnRateWindow(
                AlertSeverity.PAGE, PromDuration.ofMinutes(5), PromDuration.ofHours(1), 14.4, null),
            new BurnRateWindow(
                AlertSeverity.TICKET,
                PromDuration.ofMinutes(30),
                PromDuration.ofHours(6),
                3,
                PromDuration.ofMinutes(5)));
    assertThat(slo.errorBudgetPolicy().actions())
        .containsExactly(
            new ErrorBudgetPolicy.Action(25, "review", "SRE review"),
            new ErrorBudgetPolicy.Action(10, "freeze", "Reliability work only"));
  }

  @Test
  void recordsWhereTheDocumentAndItsMainFieldsSit() {
    Slo slo = load("availability.yaml").slos().get(0);

    assertThat(slo.source().file()).isEqualTo(DIR.resolve("availability.yaml"));
    assertThat(slo.source().format()).isEqualTo(SpecFormat.NATIVE_V1);
    assertThat(slo.source().line()).isEqualTo(1);
    assertThat(slo.source().fields())
        .containsEntry("name", new Position(4, 9, "metadata.name"))
        .containsEntry("tier", new Position(10, 9, "spec.tier"))
        .containsEntry("sli", new Position(11, 3, "spec.indicator"))
        .containsEntry("sli.errorQuery", new Position(14, 7, "spec.indicator.ratio.bad"))
        .containsEntry("sli.totalQuery", new Position(15, 7, "spec.indicator.ratio.total"))
        .containsEntry("objective", new Position(17, 16, "spec.objectives[0].target"))
        .containsEntry("period", new Position(17, 31, "spec.objectives[0].window"))
        .containsEntry("alerting", new Position(18, 3, "spec.alerting"));
  }

  @Test
  void reversedBurnRateWindowsAreSwappedWithAWarning() {
    SpecSet set = load("availability.yaml");

    assertThat(set.warnings())
        .extracting(Diagnostic::format)
        .containsExactly(
            DIR.resolve("availability.yaml")
                + ":25:43: warning: spec.alerting.burnRates[0].shortWindow: shortWindow 1h is longer"
                + " than longWindow 5m; read them swapped (short 5m, long 1h)");
  }

  @Test
  void goodEventsBecomeARawErrorRatioAndEachObjectiveAnSlo() {
    SpecSet set = load("multi-objective.yaml");

    assertThat(set.diagnostics()).isEmpty();
    assertThat(set.slos())
        .extracting(Slo::name)
        .containsExactly("catalog-availability-30d", "catalog-availability-weekly");
    Slo monthly = set.slos().get(0);
    Slo weekly = set.slos().get(1);
    assertThat(monthly.sli())
        .isEqualTo(
            new Sli.Raw(
                "1 - ((sum(rate(http_requests_total{job=\"catalog\",code!~\"5..\"}[{{.window}}])))"
                    + " / (sum(rate(http_requests_total{job=\"catalog\"}[{{.window}}]))))"));
    assertThat(monthly.calendar()).isTrue();
    assertThat(monthly.period()).isEqualTo(PromDuration.ofDays(30));
    assertThat(weekly.objective()).isEqualTo(0.99);
    assertThat(weekly.period()).isEqualTo(PromDuration.ofDays(7));
    assertThat(weekly.calendar()).isFalse();
    assertThat(weekly.tier()).isNull();
    assertThat(weekly.errorBudgetPolicy().actions()).isEmpty();
    assertThat(weekly.alerting().page().enabled()).isTrue();
    assertThat(weekly.alerting().windows()).isEmpty();
    assertThat(monthly.source().position("sli.errorRatioQuery"))
        .isEqualTo(new Position(10, 7, "spec.indicator.ratio.good"));
    assertThat(weekly.source().position("name"))
        .isEqualTo(new Position(16, 40, "spec.objectives[1].name"));
    assertThat(monthly.source().position("name"))
        .isEqualTo(new Position(15, 31, "spec.objectives[0].window"));
  }

  @Test
  void latencyHistogramKeepsItsSortedBucketsAndThreshold() {
    SpecSet set = load("latency.yaml");

    assertThat(set.diagnostics()).isEmpty();
    Slo slo = set.slos().get(0);
    assertThat(slo.sli())
        .isEqualTo(
            new Sli.Latency(
                "http_request_duration_seconds",
                "job=\"checkout\"",
                0.3,
                List.of(0.05, 0.1, 0.3, 0.5, 1.0)));
    assertThat(slo.period()).isEqualTo(PromDuration.ofDays(28));
    assertThat(slo.alerting().page().enabled()).isFalse();
    assertThat(slo.alerting().ticket().enabled()).isFalse();
    assertThat(slo.errorBudgetPolicy()).isNull();
    assertThat(slo.source().position("sli.threshold"))
        .isEqualTo(new Position(12, 18, "spec.indicator.latency.threshold"));
  }

  @Test
  void latencyWithoutBucketsUsesThePrometheusClientDefaultsAndDropsBucketSuffix() {
    SpecSet set = load("latency-default-buckets.yaml");

    assertThat(set.errors()).isEmpty();
    assertThat(set.warnings())
        .extracting(Diagnostic::format)
        .containsExactly(
            DIR.resolve("latency-default-buckets.yaml")
                + ":10:15: warning: spec.indicator.latency.metric: metric names the histogram's"
                + " base name; read 'http_request_duration_seconds_bucket' as"
                + " 'http_request_duration_seconds'");
    Sli.Latency sli = (Sli.Latency) set.slos().get(0).sli();
    assertThat(sli.metric()).isEqualTo("http_request_duration_seconds");
    assertThat(sli.thresholdSeconds()).isEqualTo(0.25);
    assertThat(sli.buckets()).isEqualTo(NativeSpecParser.DEFAULT_BUCKETS);
    assertThat(sli.matchers()).isEmpty();
  }
}
