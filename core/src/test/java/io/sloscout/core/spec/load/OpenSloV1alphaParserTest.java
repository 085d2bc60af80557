package io.sloscout.core.spec.load;

import static io.sloscout.core.spec.load.OpenSloV1ParserTest.assertOnlyError;
import static io.sloscout.core.spec.load.OpenSloV1ParserTest.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.core.spec.Diagnostic;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Sli;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.spec.Source.Position;
import io.sloscout.core.spec.SpecFormat;
import io.sloscout.core.spec.SpecSet;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OpenSloV1alphaParserTest {

  static final Path DIR = Path.of("src", "test", "resources", "specs", "openslo", "v1alpha");

  @Test
  void namesEachObjectiveByIndexAsSlothDoes() {
    Path file = DIR.resolve("slo.yaml");
    SpecSet set = load(file);

    assertThat(set.errors()).isEmpty();
    assertThat(set.slos())
        .extracting(Slo::id)
        .containsExactly(
            "catalog-catalog-reads-0", "catalog-catalog-reads-1", "catalog-catalog-writes-0");

    Slo good = set.slos().get(0);
    assertThat(good.service()).isEqualTo("catalog");
    assertThat(good.name()).isEqualTo("catalog-reads-0");
    assertThat(good.description()).isEqualTo("Catalog reads that succeed.");
    assertThat(good.objective()).isEqualTo(0.999);
    assertThat(good.period()).isEqualTo(PromDuration.ofDays(30));
    assertThat(good.calendar()).isFalse();
    assertThat(good.sli())
        .isEqualTo(
            new Sli.Raw(
                "1 - ((sum(rate(http_requests_total{job=\"catalog\",code!~\"(5..|429)\"}"
                    + "[{{.window}}]))) / (sum(rate(http_requests_total{job=\"catalog\"}"
                    + "[{{.window}}]))))"));
    assertThat(good.source().file()).isEqualTo(file);
    assertThat(good.source().format()).isEqualTo(SpecFormat.OPENSLO_V1ALPHA);
    assertThat(good.source().line()).isEqualTo(9);
    assertThat(good.source().position("objective"))
        .isEqualTo(new Position(29, 15, "spec.objectives[0].target"));
    assertThat(good.source().position("period"))
        .isEqualTo(new Position(41, 7, "spec.timeWindows[0]"));
    assertThat(good.source().position("sli.errorRatioQuery"))
        .isEqualTo(new Position(24, 18, "spec.objectives[0].ratioMetrics.good.query"));
    assertThat(good.source().position("sli.totalQuery"))
        .isEqualTo(new Position(28, 18, "spec.objectives[0].ratioMetrics.total.query"));

    Slo bad = set.slos().get(1);
    assertThat(bad.objective()).isEqualTo(0.99);
    assertThat(bad.sli())
        .isEqualTo(
            new Sli.Events(
                "sum(rate(http_requests_total{job=\"catalog\",code=~\"5..\"}[{{.window}}]))",
                "sum(rate(http_requests_total{job=\"catalog\"}[{{.window}}]))"));
    assertThat(bad.source().position("sli.errorQuery"))
        .isEqualTo(new Position(34, 18, "spec.objectives[1].ratioMetrics.bad.query"));

    Slo quarter = set.slos().get(2);
    assertThat(quarter.period()).isEqualTo(PromDuration.ofDays(90));
    assertThat(quarter.calendar()).isTrue();
    assertThat(set.warnings()).hasSize(1);
    Diagnostic w = set.warnings().get(0);
    assertThat(w.line()).isEqualTo(64);
    assertThat(w.message()).contains("calendar-aligned period 1 Quarter", "rolling 90d window");
  }

  @Test
  void reportsAnUnknownTimeWindowUnit() {
    assertOnlyError(
        DIR.resolve("errors/unknown-unit.yaml"),
        21,
        13,
        "spec.timeWindows[0].unit",
        "unknown unit 'Fortnight'",
        "Month (30 days)");
  }

  @Test
  void reportsAQueryWithoutTheWindowPlaceholder() {
    assertOnlyError(
        DIR.resolve("errors/missing-window.yaml"),
        13,
        18,
        "spec.objectives[0].ratioMetrics.good.query",
        "no {{.window}} placeholder");
  }

  @Test
  void reportsAMissingTarget() {
    assertOnlyError(
        DIR.resolve("errors/missing-target.yaml"),
        9,
        7,
        "spec.objectives[0].target",
        "missing target");
  }

  @Test
  void reportsATargetOfOneAsOutOfRange() {
    assertOnlyError(
        DIR.resolve("errors/target-out-of-range.yaml"),
        18,
        15,
        "spec.objectives[0].target",
        "target 1 is out of range");
  }

  @Test
  void refusesTimeslicesWhichV1alphaCannotGiveASliceWindowFor() {
    assertOnlyError(
        DIR.resolve("errors/timeslices.yaml"),
        7,
        20,
        "spec.budgetingMethod",
        "Timeslices is not supported for openslo/v1alpha");
  }
}
