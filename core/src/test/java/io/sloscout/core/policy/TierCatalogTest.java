package io.sloscout.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sloscout.core.spec.ErrorBudgetPolicy;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Sli;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.spec.Source;
import io.sloscout.core.spec.SpecFormat;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TierCatalogTest {

  private final TierCatalog catalog = TierCatalog.builtIn();

  @Test
  void shipsTheFourTiersFromStrictestToLoosest() {
    assertThat(catalog.all())
        .extracting(Tier::name, Tier::objective)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("critical", 0.9995),
            org.assertj.core.groups.Tuple.tuple("essential", 0.999),
            org.assertj.core.groups.Tuple.tuple("standard", 0.995),
            org.assertj.core.groups.Tuple.tuple("best_effort", 0.99));
    assertThat(catalog.all()).allSatisfy(t -> assertThat(t.description()).isNotBlank());
  }

  @Test
  void criticalAndEssentialReviewAtAQuarterAndFreezeAtATenth() {
    for (String name : List.of("critical", "essential")) {
      assertThat(catalog.find(name).orElseThrow().policy().actions())
          .extracting(ErrorBudgetPolicy.Action::remainingPercent, ErrorBudgetPolicy.Action::action)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(25.0, "review"),
              org.assertj.core.groups.Tuple.tuple(10.0, "freeze"));
    }
  }

  @Test
  void standardAndBestEffortReviewAtATenth() {
    for (String name : List.of("standard", "best_effort")) {
      assertThat(catalog.find(name).orElseThrow().policy().actions())
          .extracting(ErrorBudgetPolicy.Action::remainingPercent, ErrorBudgetPolicy.Action::action)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(10.0, "review"));
    }
  }

  @Test
  void findsByAliasIgnoringCaseAndBlanks() {
    assertThat(catalog.find("best-effort")).map(Tier::name).contains("best_effort");
    assertThat(catalog.find(" Critical ")).map(Tier::name).contains("critical");
  }

  @Test
  void findsNothingForUnknownOrMissingNames() {
    assertThat(catalog.find("gold")).isEmpty();
    assertThat(catalog.find(null)).isEmpty();
    assertThat(catalog.find("")).isEmpty();
  }

  @Test
  void policyOfAnSloWithoutOwnPolicyIsItsTiersDefault() {
    Slo slo = slo("critical", null);
    assertThat(catalog.policyFor(slo)).isEqualTo(catalog.find("critical").orElseThrow().policy());
    assertThat(catalog.tierOf(slo).name()).isEqualTo("critical");
  }

  @Test
  void policyGivenInTheSpecWinsOverTheTiers() {
    ErrorBudgetPolicy own =
        new ErrorBudgetPolicy(
            List.of(new ErrorBudgetPolicy.Action(50, "notify", "Tell the product owner.")));
    assertThat(catalog.policyFor(slo("critical", own))).isSameAs(own);
  }

  @Test
  void sloWithoutTierOrWithUnknownTierFallsUnderTheStandardPolicy() {
    ErrorBudgetPolicy standard = catalog.find("standard").orElseThrow().policy();
    assertThat(catalog.policyFor(slo(null, null))).isEqualTo(standard);
    assertThat(catalog.policyFor(slo("platinum", null))).isEqualTo(standard);
    assertThat(catalog.tierOf(slo("platinum", null)).name()).isEqualTo("standard");
  }

  @Test
  void rejectsACatalogWithoutTheStandardTier() {
    String yaml =
        """
        tiers:
          - name: critical
            objective: 0.9995
            policy: {actions: []}
        """;
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("test.yaml")
        .hasMessageContaining("'standard' tier is missing");
  }

  @Test
  void rejectsAnObjectiveOutsideZeroToOneNamingTheTier() {
    String yaml =
        """
        tiers:
          - name: standard
            objective: 99.5
            policy: {actions: []}
        """;
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tier 'standard'")
        .hasMessageContaining("objective");
  }

  @Test
  void rejectsAThresholdAbove100Percent() {
    String yaml =
        """
        tiers:
          - name: standard
            objective: 0.995
            policy:
              actions:
                - {remainingPercent: 150, action: review}
        """;
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threshold");
  }

  @Test
  void rejectsAnAliasThatClashesWithATierName() {
    String yaml =
        """
        tiers:
          - name: standard
            objective: 0.995
            policy: {actions: []}
          - name: best_effort
            aliases: [Standard]
            objective: 0.99
            policy: {actions: []}
        """;
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("used twice");
  }

  private static TierCatalog parse(String yaml) throws Exception {
    return TierCatalog.parse(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
  }

  private static Slo slo(String tier, ErrorBudgetPolicy policy) {
    return new Slo(
        "checkout",
        "availability",
        "",
        new Sli.Raw("errors:ratio_rate{{.window}}"),
        0.999,
        PromDuration.ofDays(30),
        false,
        tier,
        null,
        null,
        policy,
        new Source(Path.of("slos/checkout.yaml"), 1, 1, SpecFormat.NATIVE_V1));
  }
}
