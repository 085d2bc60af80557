package io.sloscout.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.core.spec.Diagnostic;
import io.sloscout.core.spec.SpecSet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every error the loader and parsers report: exact message, file, line, column and field. */
class SpecDiagnosticsTest {

  private static final Path DIR = Path.of("src/test/resources/specs/invalid");

  private static SpecSet load(String name) {
    return new SpecLoader().load(List.of(DIR.resolve(name)));
  }

  private static List<String> findings(String name) {
    return load(name).diagnostics().stream().map(Diagnostic::format).toList();
  }

  private static String at(String name, int line, int column) {
    return DIR.resolve(name) + ":" + line + ":" + column + ": ";
  }

  @Test
  void schemaErrorsNameTheFieldAndSayWhatIsExpected() {
    String f = "native-schema-errors.yaml";

    assertThat(load(f).slos()).isEmpty();
    assertThat(findings(f))
        .containsExactly(
            at(f, 4, 9)
                + "error: metadata.name: 'checkout availability' is not a valid name (letters,"
                + " digits, '.', '_' and '-', starting alphanumeric)",
            at(f, 5, 3) + "error: metadata.lables: unknown field 'lables'; did you mean 'labels'?",
            at(f, 8, 9)
                + "error: spec.tier: must be one of critical, essential, standard, best_effort,"
                + " best-effort (got 'gold')",
            at(f, 15, 16)
                + "error: spec.objectives[0].target: must be less than 1 (got 99.9) — targets are"
                + " ratios, write 0.999",
            at(f, 15, 30)
                + "error: spec.objectives[0].window: '30 days' is not a duration (expected e.g."
                + " 5m, 1h, 30d)",
            at(f, 18, 20)
                + "error: spec.alerting.burnRates[0].severity: must be one of critical, warning,"
                + " page, ticket (got 'info')",
            at(f, 18, 69)
                + "error: spec.alerting.burnRates[0].burnRate: must be a number (got 'fast')");
  }

  @Test
  void schemaErrorsForWrongKindMissingBlockAndEmptyList() {
    String f = "native-missing-fields.yaml";

    assertThat(findings(f))
        .containsExactly(
            at(f, 2, 7) + "error: kind: must be 'ServiceLevelObjective' (got 'SLO')",
            at(f, 7, 3) + "error: spec.indicator.latency: missing required field 'latency'",
            at(f, 9, 3) + "error: spec.objectives: must have at least 1 item(s)");
  }

  @Test
  void latencyThresholdMustBeOneOfTheBuckets() {
    String f = "native-latency-threshold.yaml";

    assertThat(findings(f))
        .containsExactly(
            at(f, 11, 18)
                + "error: spec.indicator.latency.threshold: threshold 250ms is not a bucket of"
                + " http_request_duration_seconds (buckets: 0.05, 0.1, 0.3, 0.5, 1): the SLI"
                + " counts requests under an le bound, so the threshold must be one");
  }

  @Test
  void ratioQueryWithoutWindowPlaceholderIsAnError() {
    String f = "native-missing-window.yaml";

    assertThat(findings(f))
        .containsExactly(
            at(f, 11, 16)
                + "error: spec.indicator.ratio.bad.query: query has no {{.window}} placeholder:"
                + " every alert window would compute the same value (write e.g."
                + " rate(http_requests_total[{{.window}}]))");
  }

  @Test
  void ratioShapeObjectiveNamesAndEqualWindowsAreChecked() {
    String f = "native-ratio-shape.yaml";

    assertThat(load(f).slos()).isEmpty();
    assertThat(findings(f))
        .containsExactly(
            at(f, 10, 7)
                + "error: spec.indicator.ratio.good: give either good or bad, not both (plus"
                + " total)",
            at(f, 25, 62)
                + "error: spec.indicator.ratio.bad.metric: give either query or metric, not both",
            at(f, 26, 7)
                + "error: spec.indicator.ratio.total.query: missing 'query' or 'metric': give"
                + " exactly one of them",
            at(f, 29, 7)
                + "error: spec.objectives[1]: objectives[0] and objectives[1] both make the SLO"
                + " 'checkout-availability-2-30d'; give each objective a distinct name",
            at(f, 32, 43)
                + "error: spec.alerting.burnRates[0].shortWindow: shortWindow and longWindow are"
                + " both 1h; the short window must be shorter");
  }

  @Test
  void slothSliPluginsAreRejectedClearly() {
    String f = "sloth-plugin.yaml";

    assertThat(findings(f))
        .containsExactly(
            at(f, 7, 7)
                + "error: slos[0].sli.plugin: SLI plugins are not supported: write the SLI as"
                + " events (error and total queries) or raw (an error ratio query)");
  }

  @Test
  void slothMissingUnknownAndOutOfRangeFields() {
    String f = "sloth-errors.yaml";

    assertThat(findings(f))
        .containsExactly(
            at(f, 4, 5) + "error: slos[0].objective: missing required field 'objective'",
            at(f, 5, 15)
                + "error: slos[0].objectiv: unknown field 'objectiv'; did you mean 'objective'?",
            at(f, 7, 7)
                + "error: slos[0].sli.events.total_query: missing required field"
                + " 'total_query'",
            at(f, 10, 16) + "error: slos[1].objective: must be less than 100 (got 100)",
            at(f, 13, 28) + "error: slos[1].sli.raw.error_ratio_query: must not be empty");
  }

  @Test
  void slothKubernetesWindowPlaceholderDuplicateNameAndMissingSli() {
    String f = "sloth-k8s-errors.yaml";

    assertThat(findings(f))
        .containsExactly(
            at(f, 13, 23)
                + "error: spec.slos[0].sli.events.totalQuery: query has no {{.window}}"
                + " placeholder: every alert window would compute the same value (write e.g."
                + " rate(http_requests_total[{{.window}}]))",
            at(f, 14, 13)
                + "error: spec.slos[1].name: SLO 'token-availability' is already defined at"
                + " slos[0]",
            at(f, 19, 7) + "error: spec.slos[2].sli: missing SLI type: give events or raw");
  }

  @Test
  void unknownApiVersionIsReportedWithTheSupportedOnes() {
    String f = "unknown-api.yaml";

    assertThat(findings(f))
        .containsExactly(
            at(f, 1, 13)
                + "error: apiVersion: unsupported apiVersion 'slo-scout.io/v2' with kind"
                + " 'ServiceLevelObjective'; supported: openslo/v1 SLO/SLI, openslo/v1alpha SLO,"
                + " prometheus/v1, sloth.slok.dev/v1 PrometheusServiceLevel, slo-scout.io/v1"
                + " ServiceLevelObjective");
  }

  @Test
  void missingFileIsAnErrorNamingIt() {
    SpecSet set = new SpecLoader().load(List.of(DIR.resolve("does-not-exist.yaml")));

    assertThat(set.diagnostics())
        .extracting(Diagnostic::format)
        .containsExactly(DIR.resolve("does-not-exist.yaml") + ": error: no such file or folder");
  }

  @Test
  void invalidYamlIsReportedWhereTheParserStopped() {
    String f = "invalid-yaml.yaml";

    List<Diagnostic> errors = load(f).errors();
    assertThat(errors).hasSize(1);
    Diagnostic d = errors.get(0);
    assertThat(d.file()).isEqualTo(DIR.resolve(f));
    assertThat(d.line()).isEqualTo(5);
    assertThat(d.column()).isEqualTo(5);
    assertThat(d.message()).startsWith("invalid YAML: while parsing a flow sequence");
  }

  @Test
  void duplicateKeyIsAnErrorAtTheSecondKey() {
    String f = "duplicate-key.yaml";

    assertThat(findings(f))
        .containsExactly(at(f, 5, 3) + "error: duplicate key 'name' in metadata");
  }
}
