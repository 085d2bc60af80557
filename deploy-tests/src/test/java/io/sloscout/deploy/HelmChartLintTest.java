package io.sloscout.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** {@code helm lint} (which also checks values.yaml against values.schema.json). */
class HelmChartLintTest {

  static final java.util.List<String> VALUES_FILES = HelmChart.VALUES_FILES;

  @Test
  void theChartAsShippedHasNoLintErrorsOnlyTheUnfetchedDependenciesWarning() {
    LintResult result = HelmChart.lint(Repo.CHART, false);

    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    assertThat(result.getMessages())
        .filteredOn(m -> m.contains("[ERROR]") || m.contains("[WARNING]"))
        .allSatisfy(m -> assertThat(m).contains("missing these dependencies"));
  }

  @Test
  void valuesYamlPassesStrictLint() {
    LintResult result = HelmChart.lint(HelmChart.withoutDependencies(), true);

    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @ParameterizedTest
  @FieldSource("VALUES_FILES")
  void eachValuesFileMergedOverValuesYamlPassesStrictLint(String valuesFile) {
    LintResult result = HelmChart.lint(HelmChart.withValuesMerged(valuesFile), true);

    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }
}
