package io.sloscout.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sloscout.core.burnrate.AlertSeverity;
import io.sloscout.core.spec.Diagnostic;
import io.sloscout.core.spec.PromDuration;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatePolicyTest {

  private static final Path FILE = Path.of("policies/gate.yaml");
  private static final String HEAD = "apiVersion: slo-scout.io/v1\nkind: GatePolicy\n";

  private static Diagnostic onlyError(String text) {
    try {
      GatePolicy.parse(FILE, text);
    } catch (GatePolicyException e) {
      assertThat(e.diagnostics()).hasSize(1);
      return e.diagnostics().get(0);
    }
    throw new AssertionError("the policy was accepted");
  }

  @Test
  void theDefaultPolicyRollsBackOnPageBurnsAndNeedsAHundredEventsAnHour() {
    GateSettings s = GatePolicy.defaultPolicy().defaults();

    assertThat(s.blocking()).isTrue();
    assertThat(s.rollbackOn()).containsExactly(AlertSeverity.PAGE);
    assertThat(s.minEvents()).isEqualTo(100);
    assertThat(s.trafficWindow()).isEqualTo(PromDuration.ofHours(1));
    assertThat(s.budgetFloorPercent()).isZero();
    assertThat(s.effectOf("freeze")).isEqualTo(GateEffect.ROLLBACK);
    assertThat(s.effectOf("review")).isEqualTo(GateEffect.NOTE);
    assertThat(s.effectOf("escalate")).isEqualTo(GateEffect.NOTE);
    assertThat(GatePolicy.defaultPolicy().source()).isEqualTo("default-policy.yaml");
  }

  @Test
  void aPolicyFileInheritsTheSettingsItLeavesOut() throws Exception {
    GatePolicy p = GatePolicy.parse(FILE, HEAD + "defaults:\n  minEvents: 500\n");

    assertThat(p.defaults().minEvents()).isEqualTo(500);
    assertThat(p.defaults().trafficWindow()).isEqualTo(PromDuration.ofHours(1));
    assertThat(p.source()).isEqualTo(FILE.toString());
  }

  @Test
  void bestEffortSlosDoNotBlockUnderTheDefaultPolicy() {
    GateSettings s =
        GatePolicy.defaultPolicy()
            .settingsFor(
                GateFixtures.slo("batch", "availability", "best_effort", Map.of()), Instant.EPOCH);

    assertThat(s.blocking()).isFalse();
  }

  @Test
  void theShippedExamplePolicyIsValidAndSelectsByTierAndLabels() throws Exception {
    Path example = Path.of("..", "examples", "gate", "gate-policy.yaml");

    GatePolicy p = GatePolicy.parse(example, java.nio.file.Files.readString(example));

    assertThat(p.ruleNames()).containsExactly("friday-afternoon-freeze", "latency-creep");
    assertThat(p.settingsFor(GateFixtures.checkout(), Instant.EPOCH).minEvents()).isEqualTo(500);
    GateSettings critical =
        p.settingsFor(GateFixtures.slo("pay", "availability", "critical", Map.of()), Instant.EPOCH);
    assertThat(critical.rollbackOn()).containsExactly(AlertSeverity.PAGE, AlertSeverity.TICKET);
    assertThat(critical.budgetFloorPercent()).isEqualTo(25);
  }

  @Test
  void anUnknownFieldIsNamedWithItsLine() {
    Diagnostic d = onlyError(HEAD + "defaults:\n  minEvent: 5\n");

    assertThat(d.file()).isEqualTo(FILE);
    assertThat(d.line()).isEqualTo(4);
    assertThat(d.message()).startsWith("unknown field 'minEvent' (known: blocking,");
    assertThat(d.format()).startsWith("policies/gate.yaml:4:13: error: defaults.minEvent: ");
  }

  @Test
  void invalidCelNamesTheLineOfTheExpressionAndCelsColumn() {
    Diagnostic d =
        onlyError(
            HEAD
                + "rules:\n"
                + "  - name: broken\n"
                + "    when: slo.tier == \n"
                + "    decision: rollback\n"
                + "    reason: x\n");

    assertThat(d.line()).isEqualTo(5);
    assertThat(d.field()).isEqualTo("rules[0].when");
    assertThat(d.message()).startsWith("invalid CEL: ").contains("column");
  }

  @Test
  void anOverrideMayNotUseMeasuredValuesSinceItIsResolvedBeforeMeasuring() {
    Diagnostic d =
        onlyError(HEAD + "overrides:\n  - when: budgetRemaining < 0.5\n    minEvents: 5\n");

    assertThat(d.line()).isEqualTo(4);
    assertThat(d.message())
        .contains("undeclared reference to 'budgetRemaining'")
        .contains("variables here: slo, now");
  }

  @Test
  void aConditionMustBeBoolean() {
    Diagnostic d = onlyError(HEAD + "overrides:\n  - when: 1 + 2\n    blocking: false\n");

    assertThat(d.line()).isEqualTo(4);
    assertThat(d.message()).startsWith("invalid CEL: ");
  }

  @Test
  void anUnknownDecisionIsRejected() {
    Diagnostic d =
        onlyError(
            HEAD
                + "rules:\n"
                + "  - name: r\n"
                + "    when: 'true'\n"
                + "    decision: block\n"
                + "    reason: x\n");

    assertThat(d.line()).isEqualTo(6);
    assertThat(d.message())
        .isEqualTo("decision must be rollback, inconclusive or note, got 'block'");
  }

  @Test
  void aRuleWithoutReasonIsRejected() {
    Diagnostic d =
        onlyError(HEAD + "rules:\n  - name: r\n    when: 'true'\n    decision: rollback\n");

    assertThat(d.line()).isEqualTo(4);
    assertThat(d.field()).isEqualTo("rules[0].reason");
    assertThat(d.message()).isEqualTo("reason is required");
  }

  @Test
  void aBadDurationIsRejected() {
    Diagnostic d = onlyError(HEAD + "defaults:\n  trafficWindow: an hour\n");

    assertThat(d.line()).isEqualTo(4);
    assertThat(d.message()).startsWith("trafficWindow: 'an hour' is not a duration");
  }

  @Test
  void outOfRangeNumbersAndUnknownSeveritiesAreRejected() {
    assertThat(onlyError(HEAD + "defaults:\n  budgetFloorPercent: 120\n").message())
        .isEqualTo("budgetFloorPercent must be a number from 0 to 100, got 120");
    Diagnostic d = onlyError(HEAD + "defaults:\n  rollbackOn: [page, sms]\n");
    assertThat(d.message()).isEqualTo("expected page or ticket, got 'sms'");
    assertThat(d.line()).isEqualTo(4);
  }

  @Test
  void theKindAndApiVersionAreChecked() {
    Diagnostic d = onlyError("apiVersion: slo-scout.io/v1\nkind: SloPolicy\n");

    assertThat(d.line()).isEqualTo(2);
    assertThat(d.message()).isEqualTo("kind must be GatePolicy");
  }

  @Test
  void aYamlSyntaxErrorHasItsLine() {
    Diagnostic d = onlyError(HEAD + "defaults:\n  minEvents: [1\n");

    assertThat(d.line()).isGreaterThanOrEqualTo(4);
    assertThat(d.message()).startsWith("invalid YAML");
  }

  @Test
  void aRuleNameIsUsedOnce() {
    String rule = "  - name: r\n    when: 'true'\n    decision: note\n    reason: x\n";

    Diagnostic d = onlyError(HEAD + "rules:\n" + rule + rule);

    assertThat(d.line()).isEqualTo(8);
    assertThat(d.message()).isEqualTo("rule name 'r' is used twice");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatThrownBy(
            () -> GatePolicy.parse(FILE, HEAD + "defaults:\n  minEvents: -1\n  blocking: maybe\n"))
        .isInstanceOf(GatePolicyException.class)
        .hasMessageContaining("policies/gate.yaml:4:")
        .hasMessageContaining("policies/gate.yaml:5:");
  }
}
