package io.sloscout.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;

import io.sloscout.core.spec.Diagnostic;
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

class OpenSloV1ParserTest {

  static final Path DIR = Path.of("src", "test", "resources", "specs", "openslo", "v1");

  static SpecSet load(Path path) {
    return new SpecLoader().load(List.of(path));
  }

  /** Asserts that loading {@code file} gives no SLO and exactly one error, at the given place. */
  static Diagnostic assertOnlyError(
      Path file, int line, int column, String field, String... messageParts) {
    SpecSet set = load(file);
    assertThat(set.slos()).isEmpty();
    assertThat(set.errors()).hasSize(1);
    Diagnostic d = set.errors().get(0);
    assertThat(d.file()).isEqualTo(file);
    assertThat(d.line()).as("line of %s", d.format()).isEqualTo(line);
    assertThat(d.column()).as("column of %s", d.format()).isEqualTo(column);
    assertThat(d.field()).isEqualTo(field);
    assertThat(d.message()).contains(messageParts);
    return d;
  }

  @Test
  void readsAnInlineGoodOverTotalIndicatorAsARawErrorRatio() {
    Path file = DIR.resolve("inline-good-total.yaml");
    SpecSet set = load(file);

    assertThat(set.errors()).isEmpty();
    assertThat(set.slos()).hasSize(1);
    Slo slo = set.slos().get(0);
    assertThat(slo.service()).isEqualTo("search");
    assertThat(slo.name()).isEqualTo("search-availability");
    assertThat(slo.id()).isEqualTo("search-search-availability");
    assertThat(slo.description()).isEqualTo("Search queries answered without a server error.");
    assertThat(slo.objective()).isEqualTo(0.995);
    assertThat(slo.period()).isEqualTo(PromDuration.ofDays(28));
    assertThat(slo.calendar()).isFalse();
    // The spaced placeholder of the total query is normalised to the one generators replace.
    assertThat(slo.sli())
        .isEqualTo(
            new Sli.Raw(
                "1 - ((sum(rate(http_requests_total{job=\"search\",code!~\"5..\"}[{{.window}}])))"
                    + " / (sum(rate(http_requests_total{job=\"search\"}[{{.window}}]))))"));
    assertThat(slo.labels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("team", "discovery", "tier", "tier-1,customer-facing"));

    assertThat(slo.source().file()).isEqualTo(file);
    assertThat(slo.source().format()).isEqualTo(SpecFormat.OPENSLO_V1);
    assertThat(slo.source().line()).isEqualTo(2);
    assertThat(slo.source().position("name")).isEqualTo(new Position(5, 9, "metadata.name"));
    assertThat(slo.source().position("objective"))
        .isEqualTo(new Position(38, 15, "spec.objectives[0].target"));
    assertThat(slo.source().position("period"))
        .isEqualTo(new Position(33, 17, "spec.timeWindow[0].duration"));
    assertThat(slo.source().position("sli.errorRatioQuery"))
        .isEqualTo(
            new Position(26, 22, "spec.indicator.spec.ratioMetric.good.metricSource.spec.query"));
    assertThat(slo.source().position("sli.totalQuery"))
        .isEqualTo(
            new Position(31, 22, "spec.indicator.spec.ratioMetric.total.metricSource.spec.query"));
    assertThat(slo.source().position("alerting"))
        .isEqualTo(new Position(39, 3, "spec.alertPolicies"));

    assertThat(set.warnings())
        .extracting(Diagnostic::line, Diagnostic::field)
        .containsExactly(tuple(12, "metadata.labels.cost.centre"), tuple(39, "spec.alertPolicies"));
    assertThat(set.warnings().get(1).message()).contains("ignored", "multi-window multi-burn-rate");
  }

  @Test
  void readsAReferencedBadOverTotalSliAsEventsWithOneSloPerObjective() {
    Path file = DIR.resolve("ref-bad-total.yaml");
    SpecSet set = load(file);

    assertThat(set.errors()).isEmpty();
    assertThat(set.slos())
        .extracting(Slo::id)
        .containsExactly("payments-payments-success-internal", "payments-payments-success-sla");
    Sli events =
        new Sli.Events(
            "sum(rate(payment_requests_total{outcome=\"error\"}[{{.window}}]))",
            "sum(rate(payment_requests_total[{{.window}}]))");
    Slo internal = set.slos().get(0);
    Slo sla = set.slos().get(1);
    assertThat(internal.sli()).isEqualTo(events);
    assertThat(sla.sli()).isEqualTo(events);
    assertThat(internal.objective()).isCloseTo(0.9995, offset(1e-12));
    assertThat(sla.objective()).isEqualTo(0.999);
    assertThat(internal.period()).isEqualTo(PromDuration.ofDays(30));
    assertThat(internal.calendar()).isTrue();

    // The SLI sits in the same file, so its query lines are where findings should point.
    assertThat(internal.source().line()).isEqualTo(28);
    assertThat(internal.source().position("sli"))
        .isEqualTo(new Position(34, 17, "spec.indicatorRef"));
    assertThat(internal.source().position("sli.errorQuery"))
        .isEqualTo(new Position(12, 19, "spec.ratioMetric.bad.metricSource.spec.promql"));
    assertThat(internal.source().position("sli.totalQuery"))
        .isEqualTo(new Position(17, 19, "spec.ratioMetric.total.metricSource.spec.promql"));
    assertThat(internal.source().position("objective"))
        .isEqualTo(new Position(44, 22, "spec.objectives[0].targetPercent"));
    assertThat(sla.source().position("objective"))
        .isEqualTo(new Position(46, 15, "spec.objectives[1].target"));

    assertThat(set.warnings()).hasSize(1);
    Diagnostic calendar = set.warnings().get(0);
    assertThat(calendar.line()).isEqualTo(36);
    assertThat(calendar.field()).isEqualTo("spec.timeWindow[0]");
    assertThat(calendar.message()).contains("calendar-aligned", "rolling 30d window");
  }

  @Test
  void pointsAtTheIndicatorRefWhenTheSliLivesInAnotherFile() {
    SpecSet set = load(DIR.resolve("split"));

    assertThat(set.diagnostics()).isEmpty();
    assertThat(set.slos()).hasSize(1);
    Slo slo = set.slos().get(0);
    assertThat(slo.id()).isEqualTo("inventory-inventory-grpc");
    assertThat(slo.period()).isEqualTo(PromDuration.ofDays(28));
    assertThat(slo.calendar()).isFalse();
    assertThat(slo.sli()).isInstanceOf(Sli.Events.class);
    assertThat(slo.source().file()).isEqualTo(DIR.resolve("split").resolve("slo.yaml"));
    Position ref = new Position(7, 17, "spec.indicatorRef");
    assertThat(slo.source().position("sli.errorQuery")).isEqualTo(ref);
    assertThat(slo.source().position("sli.totalQuery")).isEqualTo(ref);
  }

  @Test
  void readsRawRatiosOfSuccessesAndOfFailures() {
    SpecSet set = load(DIR.resolve("raw.yaml"));

    assertThat(set.diagnostics()).isEmpty();
    assertThat(set.slos())
        .extracting(Slo::name, Slo::sli)
        .containsExactly(
            tuple(
                "ingest-success",
                new Sli.Raw("1 - (avg_over_time(ingest:success:ratio[{{.window}}]))")),
            tuple(
                "ingest-failure", new Sli.Raw("avg_over_time(ingest:failure:ratio[{{.window}}])")));
    assertThat(set.slos().get(0).period()).isEqualTo(PromDuration.ofDays(7));
  }

  @Test
  void turnsTimeslicesIntoTheShareOfBadSlicesOverEachWindow() {
    SpecSet set = load(DIR.resolve("timeslices.yaml"));

    assertThat(set.diagnostics()).isEmpty();
    assertThat(set.slos()).hasSize(3);
    // Each slice's ratio uses the slice as its rate range; the subquery samples once per slice.
    assertThat(set.slos().get(0).sli())
        .isEqualTo(
            new Sli.Raw(
                "avg_over_time((((sum(rate(http_requests_total{job=\"search\",code!~\"5..\"}[1m])))"
                    + " / (sum(rate(http_requests_total{job=\"search\"}[1m])))) < bool 0.95)"
                    + "[{{.window}}:1m])"));
    // lte 0.3 holds for a good slice, so a bad slice is one above 0.3; a bare 5 is 5 minutes.
    Slo latency = set.slos().get(1);
    assertThat(latency.sli())
        .isEqualTo(
            new Sli.Raw(
                "avg_over_time(((histogram_quantile(0.99, sum by (le)"
                    + " (rate(http_request_duration_seconds_bucket{job=\"search\"}[5m]))))"
                    + " > bool 0.3)[{{.window}}:5m])"));
    assertThat(latency.source().position("sli.threshold"))
        .isEqualTo(new Position(52, 14, "spec.objectives[0].value"));
    // RatioTimeslices averages each slice's error ratio.
    Slo ratioSlices = set.slos().get(2);
    assertThat(ratioSlices.sli())
        .isEqualTo(
            new Sli.Raw(
                "avg_over_time(((sum(rate(http_requests_total{job=\"search\",code=~\"5..\"}[10m])))"
                    + " / (sum(rate(http_requests_total{job=\"search\"}[10m]))))[{{.window}}:10m])"));
    assertThat(ratioSlices.period()).isEqualTo(PromDuration.ofDays(14));
  }

  @Test
  void acceptsTheSupportingKindsWithoutMakingSlos() {
    SpecSet set = load(DIR.resolve("supporting-kinds.yaml"));

    assertThat(set.slos()).isEmpty();
    assertThat(set.diagnostics()).isEmpty();
  }

  @Test
  void reportsAMissingIndicator() {
    assertOnlyError(
        DIR.resolve("errors/missing-indicator.yaml"),
        5,
        1,
        "spec.indicator",
        "missing indicator",
        "spec.indicatorRef");
  }

  @Test
  void reportsAnIndicatorRefThatNamesNoLoadedSli() {
    assertOnlyError(
        DIR.resolve("errors/unresolved-ref.yaml"),
        7,
        17,
        "spec.indicatorRef",
        "'search-latency-sli'",
        "names no SLI");
  }

  @Test
  void reportsABrokenSliAtItsFieldAndAtTheSloThatReferencesIt() {
    Path file = DIR.resolve("errors/broken-referenced-sli.yaml");
    SpecSet set = load(file);

    assertThat(set.slos()).isEmpty();
    assertThat(set.errors())
        .extracting(Diagnostic::line, Diagnostic::field)
        .containsExactly(tuple(6, "spec.ratioMetric.total"), tuple(19, "spec.indicatorRef"));
    assertThat(set.errors().get(0).message()).contains("missing total");
    assertThat(set.errors().get(1).message()).contains("'search-errors' has errors", ":1)");
  }

  @Test
  void reportsAMissingTarget() {
    assertOnlyError(
        DIR.resolve("errors/missing-target.yaml"),
        27,
        7,
        "spec.objectives[0].target",
        "missing target",
        "targetPercent");
  }

  @Test
  void reportsATargetOutOfRange() {
    assertOnlyError(
        DIR.resolve("errors/target-out-of-range.yaml"),
        27,
        15,
        "spec.objectives[0].target",
        "target 99.9 is out of range",
        "less than 1");
  }

  @Test
  void reportsAQueryWithoutTheWindowPlaceholder() {
    assertOnlyError(
        DIR.resolve("errors/missing-window.yaml"),
        16,
        22,
        "spec.indicator.spec.ratioMetric.good.metricSource.spec.query",
        "no {{.window}} placeholder",
        "as with Sloth",
        "every window computes the same value");
  }

  @Test
  void refusesCompositeObjectives() {
    Path file = DIR.resolve("errors/composite.yaml");
    SpecSet set = load(file);

    assertThat(set.slos()).isEmpty();
    assertThat(set.errors())
        .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::field)
        .containsExactly(
            tuple(14, 21, "spec.objectives[0].indicatorRef"),
            tuple(18, 21, "spec.objectives[1].indicatorRef"));
    assertThat(set.errors().get(0).message()).contains("composite SLOs", "not supported");
  }

  @Test
  void refusesAThresholdMetricCountedAsOccurrences() {
    assertOnlyError(
        DIR.resolve("errors/threshold-occurrences.yaml"),
        19,
        20,
        "spec.budgetingMethod",
        "thresholdMetric",
        "needs budgetingMethod: Timeslices");
  }

  @Test
  void reportsTimeslicesObjectivesWithoutASliceWindowOrSliceTarget() {
    SpecSet set = load(DIR.resolve("errors/timeslices-incomplete.yaml"));

    assertThat(set.slos()).isEmpty();
    assertThat(set.errors())
        .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::field)
        .containsExactly(
            tuple(26, 7, "spec.objectives[0].timeSliceWindow"),
            tuple(28, 7, "spec.objectives[1].timeSliceTarget"));
    assertThat(set.errors().get(0).message()).contains("missing timeSliceWindow");
    assertThat(set.errors().get(1).message()).contains("missing timeSliceTarget");
  }

  @Test
  void reportsADurationThatIsNotOpenSloShorthand() {
    assertOnlyError(
        DIR.resolve("errors/bad-duration.yaml"),
        23,
        17,
        "spec.timeWindow[0].duration",
        "'28days' is not an OpenSLO duration",
        "28d or 1M");
  }

  @Test
  void reportsAServiceNameThatCannotBeALabelValue() {
    assertOnlyError(
        DIR.resolve("errors/invalid-service.yaml"),
        6,
        12,
        "spec.service",
        "service 'search api' is not a valid name");
  }

  @Test
  void refusesMetricSourcesThatDoNotAnswerPromql() {
    Path file = DIR.resolve("errors/unsupported-source.yaml");
    SpecSet set = load(file);

    assertThat(set.slos()).isEmpty();
    assertThat(set.errors())
        .extracting(Diagnostic::line, Diagnostic::field)
        .containsExactly(
            tuple(14, "spec.indicator.spec.ratioMetric.good.metricSource.type"),
            tuple(19, "spec.indicator.spec.ratioMetric.total.metricSource.type"));
    assertThat(set.errors().get(0).message()).contains("'Datadog' is not supported");
  }
}
