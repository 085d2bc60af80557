package io.sloscout.core.gate;

import static io.sloscout.core.gate.GateFixtures.D1;
import static io.sloscout.core.gate.GateFixtures.D30;
import static io.sloscout.core.gate.GateFixtures.H1;
import static io.sloscout.core.gate.GateFixtures.H2;
import static io.sloscout.core.gate.GateFixtures.H6;
import static io.sloscout.core.gate.GateFixtures.M30;
import static io.sloscout.core.gate.GateFixtures.M5;
import static io.sloscout.core.gate.GateFixtures.checkout;
import static io.sloscout.core.gate.GateFixtures.measure;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseGateTest {

  // A Wednesday.
  private static final Instant T = Instant.parse("2024-06-05T12:00:00Z");
  private static final ReleaseGate GATE = new ReleaseGate(GatePolicy.defaultPolicy());

  private static GatePolicy policy(String body) throws GatePolicyException {
    return GatePolicy.parse(
        Path.of("gate-policy.yaml"), "apiVersion: slo-scout.io/v1\nkind: GatePolicy\n" + body);
  }

  @Test
  void aHealthyCanaryIsPromotedWithItsBurnRatesAndBudget() {
    GateDecision d = GATE.decide(List.of(measure(checkout(), 0.0002).build()), T);

    assertThat(d.decision()).isEqualTo(GateOutcome.PROMOTE);
    assertThat(d.reasons())
        .containsExactly(
            "checkout-availability: healthy: burn rate 0.2× over 30m and 0.2× over 6h within 6×"
                + " (page); budget remaining 80%; 6000 events over 1h");
    assertThat(d.burnRates()).containsKeys("5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d");
    assertThat(d.burnRates().get("5m")).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(d.errorBudgetRemaining().getAsDouble())
        .isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(d.time()).isEqualTo(T);
  }

  @Test
  void aFastBurnOverBothPageWindowsRollsBackNamingBothRatesTheFactorAndTheBudget() {
    SloMeasurement m =
        measure(checkout(), 0.0002).ratio(M5, 0.038).ratio(H1, 0.021).ratio(D30, 0.00039).build();

    GateDecision d = GATE.decide(List.of(m), T);

    assertThat(d.decision()).isEqualTo(GateOutcome.ROLLBACK);
    assertThat(d.reasons())
        .containsExactly(
            "checkout-availability: burn rate 38.0× over 5m and 21.0× over 1h exceeds 14.4×"
                + " (page); budget remaining 61%");
    assertThat(d.burnRates().get("5m")).isCloseTo(38.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void theSlowerPageConditionRollsBackToo() {
    SloMeasurement m = measure(checkout(), 0.0002).ratio(M30, 0.008).ratio(H6, 0.007).build();

    GateDecision d = GATE.decide(List.of(m), T);

    assertThat(d.decision()).isEqualTo(GateOutcome.ROLLBACK);
    assertThat(d.reasons())
        .containsExactly(
            "checkout-availability: burn rate 8.0× over 30m and 7.0× over 6h exceeds 6× (page);"
                + " budget remaining 80%");
  }

  @Test
  void aSpikeOverTheShortWindowAloneIsNotARollback() {
    SloMeasurement m = measure(checkout(), 0.0002).ratio(M5, 0.05).ratio(H1, 0.005).build();

    assertThat(GATE.decide(List.of(m), T).decision()).isEqualTo(GateOutcome.PROMOTE);
  }

  @Test
  void aTicketBurnIsReportedButDoesNotBlockUnderTheDefaultPolicy() {
    SloMeasurement m = measure(checkout(), 0.0002).ratio(H2, 0.004).ratio(D1, 0.0035).build();

    GateDecision d = GATE.decide(List.of(m), T);

    assertThat(d.decision()).isEqualTo(GateOutcome.PROMOTE);
    assertThat(d.reasons())
        .contains(
            "checkout-availability: burn rate 4.0× over 2h and 3.5× over 1d exceeds 3× (ticket,"
                + " reported only); budget remaining 80%");
  }

  @Test
  void aPolicyThatRollsBackOnTicketsRollsBackOnATicketBurn() throws Exception {
    GatePolicy p = policy("defaults:\n  rollbackOn: [page, ticket]\n");
    SloMeasurement m = measure(checkout(), 0.0002).ratio(H2, 0.004).ratio(D1, 0.0035).build();

    GateDecision d = new ReleaseGate(p).decide(List.of(m), T);

    assertThat(d.decision()).isEqualTo(GateOutcome.ROLLBACK);
    assertThat(d.reasons())
        .containsExactly(
            "checkout-availability: burn rate 4.0× over 2h and 3.5× over 1d exceeds 3× (ticket);"
                + " budget remaining 80%");
  }

  @Test
  void anExhaustedBudgetRollsBackEvenWithoutACurrentBurn() {
    SloMeasurement m = measure(checkout(), 0.0002).ratio(D30, 0.00138).build();

    GateDecision d = GATE.decide(List.of(m), T);

    assertThat(d.decision()).isEqualTo(GateOutcome.ROLLBACK);
    assertThat(d.reasons())
        .contains(
            "checkout-availability: error budget exhausted: budget remaining -38% over 30d (error"
                + " ratio 0.138%, objective 99.9%)");
    assertThat(d.errorBudgetRemaining().getAsDouble())
        .isCloseTo(-0.38, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void theFreezeStepOfTheTierPolicyRollsBack() {
    SloMeasurement m = measure(checkout(), 0.0002).ratio(D30, 0.00092).build();

    GateDecision d = GATE.decide(List.of(m), T);

    assertThat(d.decision()).isEqualTo(GateOutcome.ROLLBACK);
    assertThat(d.reasons())
        .containsExactly(
            "checkout-availability: budget remaining 8% is at or below 10%: the error-budget"
                + " policy of tier essential says freeze (Feature freeze - reliability work only"
                + " until the budget recovers.) -> rollback");
  }

  @Test
  void theReviewStepOfTheTierPolicyIsANoteOnAPromotion() {
    SloMeasurement m = measure(checkout(), 0.0002).ratio(D30, 0.0008).build();

    GateDecision d = GATE.decide(List.of(m), T);

    assertThat(d.decision()).isEqualTo(GateOutcome.PROMOTE);
    assertThat(d.reasons())
        .contains(
            "checkout-availability: budget remaining 20% is at or below 25%: the error-budget"
                + " policy of tier essential says review (All releases require SRE review.)");
  }

  @Test
  void aBudgetBelowThePolicyFloorRollsBack() throws Exception {
    GatePolicy p = policy("defaults:\n  budgetFloorPercent: 50\n");
    SloMeasurement m = measure(checkout(), 0.0002).ratio(D30, 0.0006).build();

    GateDecision d = new ReleaseGate(p).decide(List.of(m), T);

    assertThat(d.decision()).isEqualTo(GateOutcome.ROLLBACK);
    assertThat(d.reasons())
        .contains("checkout-availability: budget remaining 40% is below the policy floor of 50%");
  }

  @Test
  void aTrickleOfTrafficIsInconclusiveNeverAPass() {
    SloMeasurement m = measure(checkout(), 0).events(12).build();

    GateDecision d = GATE.decide(List.of(m), T);

    assertThat(d.decision()).isEqualTo(GateOutcome.INCONCLUSIVE);
    assertThat(d.reasons())
        .containsExactly(
            "checkout-availability: only 12 events over 1h, fewer than the 100 needed to judge"
                + " burn rates");
  }

  @Test
  void aTrickleDoesNotHideAnExhaustedBudget() {
    SloMeasurement m = measure(checkout(), 0).ratio(D30, 0.002).events(12).build();

    assertThat(GATE.decide(List.of(m), T).decision()).isEqualTo(GateOutcome.ROLLBACK);
  }

  @Test
  void aRawSliWhoseEventsCannotBeCountedIsInconclusiveUnlessThePolicySaysOtherwise()
      throws Exception {
    SloMeasurement m = measure(GateFixtures.raw("edge"), 0.0001).uncounted().build();

    GateDecision d = GATE.decide(List.of(m), T);
    assertThat(d.decision()).isEqualTo(GateOutcome.INCONCLUSIVE);
    assertThat(d.reasons().get(0))
        .startsWith("edge-availability: events cannot be counted for a raw SLI");

    GatePolicy p = policy("overrides:\n  - when: slo.sliType == \"raw\"\n    minEvents: 0\n");
    assertThat(new ReleaseGate(p).decide(List.of(m), T).decision()).isEqualTo(GateOutcome.PROMOTE);
  }

  @Test
  void aBurnWindowWithoutDataIsInconclusive() {
    SloMeasurement m = measure(checkout(), 0.0002).noData(M5).build();

    GateDecision d = GATE.decide(List.of(m), T);

    assertThat(d.decision()).isEqualTo(GateOutcome.INCONCLUSIVE);
    assertThat(d.reasons())
        .containsExactly(
            "checkout-availability: no data over 5m; burn rates there cannot be judged");
  }

  @Test
  void noDataOverThePeriodLeavesTheBudgetUnknownAndIsInconclusive() {
    SloMeasurement m = measure(checkout(), 0.0002).noData(D30).build();

    GateDecision d = GATE.decide(List.of(m), T);

    assertThat(d.decision()).isEqualTo(GateOutcome.INCONCLUSIVE);
    assertThat(d.reasons())
        .containsExactly(
            "checkout-availability: no data over the 30d period; error budget unknown");
    assertThat(d.errorBudgetRemaining()).isEmpty();
  }

  @Test
  void aRollbackOfANonBlockingSloIsReportedWithoutBlocking() {
    SloMeasurement batch =
        measure(GateFixtures.slo("batch", "availability", "best_effort", Map.of()), 0.0002)
            .ratio(M5, 0.05)
            .ratio(H1, 0.05)
            .build();
    SloMeasurement healthy = measure(checkout(), 0.0002).build();

    GateDecision d = GATE.decide(List.of(batch, healthy), T);

    assertThat(d.decision()).isEqualTo(GateOutcome.PROMOTE);
    assertThat(d.slos().get(0).outcome()).isEqualTo(GateOutcome.ROLLBACK);
    assertThat(d.slos().get(0).blocking()).isFalse();
    assertThat(d.reasons().get(0)).startsWith("checkout-availability: healthy");
    assertThat(d.reasons())
        .contains(
            "batch-availability: burn rate 50.0× over 5m and 50.0× over 1h exceeds 14.4× (page);"
                + " budget remaining 80% [not blocking]");
    // The aggregate shows the worst burn of any SLO, blocking or not.
    assertThat(d.burnRates().get("5m")).isCloseTo(50.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aRollbackOutweighsAnInconclusiveSloAndItsReasonsComeFirst() {
    SloMeasurement trickle =
        measure(GateFixtures.slo("search", "availability", null, Map.of()), 0).events(3).build();
    SloMeasurement burning =
        measure(checkout(), 0.0002).ratio(M5, 0.05).ratio(H1, 0.03).ratio(D30, 0.0003).build();

    GateDecision d = GATE.decide(List.of(trickle, burning), T);

    assertThat(d.decision()).isEqualTo(GateOutcome.ROLLBACK);
    assertThat(d.reasons().get(0)).startsWith("checkout-availability: burn rate 50.0×");
    assertThat(d.reasons().get(1)).startsWith("search-availability: only 3 events");
    assertThat(d.errorBudgetRemaining().getAsDouble())
        .isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void withoutABlockingSloTheDecisionIsInconclusive() throws Exception {
    GatePolicy p = policy("defaults:\n  blocking: false\n");

    GateDecision d = new ReleaseGate(p).decide(List.of(measure(checkout(), 0.0002).build()), T);

    assertThat(d.decision()).isEqualTo(GateOutcome.INCONCLUSIVE);
    assertThat(d.reasons().get(0))
        .isEqualTo("no SLO blocks releases under policy gate-policy.yaml");
  }

  @Test
  void overridesSelectSlosByLabelsAndTier() throws Exception {
    GatePolicy p =
        policy(
            "overrides:\n"
                + "  - when: '\"team\" in slo.labels && slo.labels.team == \"payments\"'\n"
                + "    minEvents: 10000\n"
                + "  - when: slo.tier == \"essential\"\n"
                + "    trafficWindow: 2h\n");

    GateSettings s = p.settingsFor(checkout(), T);
    GateSettings other =
        p.settingsFor(GateFixtures.slo("search", "availability", null, Map.of()), T);

    assertThat(s.minEvents()).isEqualTo(10000);
    assertThat(s.trafficWindow()).isEqualTo(H2);
    assertThat(other.minEvents()).isEqualTo(100);
    assertThat(other.trafficWindow()).isEqualTo(H1);
  }

  @Test
  void aCelRuleOnMeasuredValuesAddsItsVerdictAndReason() throws Exception {
    GatePolicy p =
        policy(
            "rules:\n"
                + "  - name: strict-checkout\n"
                + "    when: slo.service == \"checkout\" && burnRates[\"1h\"] > 2.0\n"
                + "    decision: rollback\n"
                + "    reason: checkout burns more than twice its budget rate over 1h\n");
    SloMeasurement m = measure(checkout(), 0.0002).ratio(H1, 0.003).build();

    GateDecision d = new ReleaseGate(p).decide(List.of(m), T);

    assertThat(d.decision()).isEqualTo(GateOutcome.ROLLBACK);
    assertThat(d.reasons())
        .containsExactly(
            "checkout-availability: checkout burns more than twice its budget rate over 1h (policy"
                + " rule 'strict-checkout' -> rollback)");
  }

  @Test
  void aTimeBasedFreezeDependsOnTheEvaluationTimeGiven() throws Exception {
    GatePolicy p =
        policy(
            "rules:\n"
                + "  - name: friday-freeze\n"
                + "    when: slo.tier == \"essential\" && now.getDayOfWeek(\"UTC\") == 5\n"
                + "    decision: inconclusive\n"
                + "    reason: no releases on Fridays\n");
    SloMeasurement m = measure(checkout(), 0.0002).build();
    ReleaseGate gate = new ReleaseGate(p);

    GateDecision friday = gate.decide(List.of(m), Instant.parse("2024-06-07T12:00:00Z"));
    GateDecision wednesday = gate.decide(List.of(m), T);

    assertThat(friday.decision()).isEqualTo(GateOutcome.INCONCLUSIVE);
    assertThat(friday.reasons())
        .containsExactly(
            "checkout-availability: no releases on Fridays (policy rule 'friday-freeze' ->"
                + " inconclusive)");
    assertThat(wednesday.decision()).isEqualTo(GateOutcome.PROMOTE);
  }

  @Test
  void aRuleThatFailsToEvaluateIsInconclusiveAndNamesItsLine() throws Exception {
    GatePolicy p =
        policy(
            "rules:\n"
                + "  - name: by-owner\n"
                + "    when: slo.labels.owner == \"me\"\n"
                + "    decision: rollback\n"
                + "    reason: mine\n");

    GateDecision d = new ReleaseGate(p).decide(List.of(measure(checkout(), 0.0002).build()), T);

    assertThat(d.decision()).isEqualTo(GateOutcome.INCONCLUSIVE);
    assertThat(d.reasons())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith(
            "checkout-availability: policy rule 'by-owner' at gate-policy.yaml:5 cannot be"
                + " evaluated: ")
        .contains("owner");
  }

  @Test
  void aNoteRuleKeepsThePromotion() throws Exception {
    GatePolicy p =
        policy(
            "rules:\n"
                + "  - name: low-budget\n"
                + "    when: budgetRemaining < 0.9\n"
                + "    decision: note\n"
                + "    reason: budget is below 90%\n");

    GateDecision d = new ReleaseGate(p).decide(List.of(measure(checkout(), 0.0002).build()), T);

    assertThat(d.decision()).isEqualTo(GateOutcome.PROMOTE);
    assertThat(d.reasons())
        .contains("checkout-availability: budget is below 90% (policy rule 'low-budget')");
  }
}
