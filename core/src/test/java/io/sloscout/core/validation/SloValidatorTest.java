package io.sloscout.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.core.generation.GenerationOptions;
import io.sloscout.core.spec.Diagnostic;
import io.sloscout.core.spec.Sli;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.spec.SpecSet;
import io.sloscout.core.spec.load.SpecLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every business warning: exact message, file, line, column and field. */
class SloValidatorTest {

  private static final Path DIR = Path.of("src/test/resources/specs/invalid");

  private static List<String> warnings(String name) {
    SpecSet set = new SpecLoader().load(List.of(DIR.resolve(name)));
    assertThat(set.errors()).isEmpty();
    return new SloValidator()
        .validate(set, GenerationOptions.defaults()).stream().map(Diagnostic::format).toList();
  }

  private static String at(String name, int line, int column) {
    return DIR.resolve(name) + ":" + line + ":" + column + ": warning: ";
  }

  @Test
  void targetsAboveFourNinesOrBelowNinetyPercentAreFlaggedAtTheTarget() {
    String f = "targets.yaml";

    assertThat(warnings(f))
        .containsExactly(
            at(f, 13, 30)
                + "spec.objectives[0].target: objective 99.995% is above 99.99%: an error budget"
                + " of 0.005% is too small to measure or alert on reliably",
            at(f, 14, 27)
                + "spec.objectives[1].target: objective 85% is below 90%: is the target meant as"
                + " a ratio of good events (0.99 = 99%)?",
            at(f, 21, 16)
                + "slos[0].objective: objective 0.999% is below 90%: Sloth objectives are"
                + " percentages, write 99.9 for 99.9%");
  }

  @Test
  void duplicateIdsAcrossFilesPointAtTheSecondAndNameTheFirst() {
    assertThat(warnings("duplicates"))
        .containsExactly(
            DIR.resolve("duplicates/b.yaml")
                + ":5:9: warning: metadata.name: duplicate SLO id 'checkout-availability':"
                + " first defined at "
                + DIR.resolve("duplicates/a.yaml")
                + ":4:11");
  }

  @Test
  void periodShorterThanTheLongestAlertWindowIsFlaggedAtThePeriod() {
    String f = "short-period.yaml";

    assertThat(warnings(f))
        .containsExactly(
            at(f, 13, 31)
                + "spec.objectives[0].window: period 1d is shorter than the longest alert window"
                + " 3d of the google alert profile: that alert can never see a full window of"
                + " the period",
            at(f, 27, 31)
                + "spec.objectives[0].window: period 2h is shorter than the longest alert window"
                + " 6h of its burn rates: that alert can never see a full window of the period");
  }

  @Test
  void unbalancedAndEmptyPromqlIsFlaggedAtTheQuery() {
    String f = "promql.yaml";

    assertThat(warnings(f))
        .containsExactly(
            at(f, 8, 22)
                + "slos[0].sli.events.error_query: PromQL query is unbalanced: unclosed '(' at"
                + " character 4",
            at(f, 9, 22)
                + "slos[0].sli.events.total_query: PromQL query is unbalanced: unterminated"
                + " string: '\"' at character 34",
            at(f, 14, 28)
                + "slos[1].sli.raw.error_ratio_query: PromQL query is empty (only whitespace or"
                + " comments)");
  }

  @Test
  void unbalancedLatencyMatchersAreFlaggedAtTheIndicator() {
    // The native parser accepts any matchers text; a stray quote only shows in the selector.
    Path f = Path.of("src/test/resources/specs/native/latency.yaml");
    SpecSet set = new SpecLoader().load(List.of(f));
    Slo slo = set.slos().get(0);
    Slo broken =
        new Slo(
            slo.service(),
            slo.name(),
            slo.description(),
            new Sli.Latency("http_request_duration_seconds", "job=\"checkout", 0.3, List.of(0.3)),
            slo.objective(),
            slo.period(),
            false,
            null,
            null,
            null,
            null,
            slo.source());

    assertThat(
            new SloValidator()
                    .validate(new SpecSet(List.of(broken), List.of()), GenerationOptions.defaults())
                    .stream()
                    .map(Diagnostic::format))
        .containsExactly(
            f
                + ":7:3: warning: spec.indicator: PromQL query is unbalanced: unterminated string:"
                + " '\"' at character 35");
  }
}
