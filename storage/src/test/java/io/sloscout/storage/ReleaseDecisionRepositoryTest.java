package io.sloscout.storage;

import static io.sloscout.storage.Fixtures.T0;
import static io.sloscout.storage.Fixtures.minute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sloscout.core.gate.GateDecision;
import io.sloscout.core.gate.GateOutcome;
import io.sloscout.storage.testing.StorageExtension;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StorageExtension.class)
class ReleaseDecisionRepositoryTest {

  private static Database db;
  private static ReleaseDecisionRepository decisions;

  @BeforeAll
  static void open(Database database) {
    db = database;
    decisions = database.releaseDecisions();
  }

  @Test
  void decisionsRoundTripNewestFirst() {
    Map<String, Double> burn = new LinkedHashMap<>();
    burn.put("5m", 16.2);
    burn.put("1h", 14.9);
    ReleaseDecision rollback =
        new ReleaseDecision(
            "checkout",
            null,
            GateOutcome.ROLLBACK,
            List.of("availability burns 14.9x over 1h"),
            burn,
            0.42,
            minute(2));
    ReleaseDecision promote =
        new ReleaseDecision("checkout", null, GateOutcome.PROMOTE, List.of(), Map.of(), null, T0);

    StoredReleaseDecision first = decisions.insert(promote);
    StoredReleaseDecision second = decisions.insert(rollback);

    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(decisions.find(second.id())).contains(second);
    assertThat(decisions.forService("checkout", 10)).containsExactly(second, first);
    assertThat(decisions.forService("checkout", 1)).containsExactly(second);
  }

  @Test
  void aGateDecisionIsRecordedWithoutItsNonFiniteBurnRates() {
    Map<String, Double> burn = new LinkedHashMap<>();
    burn.put("1h", 2.0);
    burn.put("5m", Double.POSITIVE_INFINITY);
    GateDecision gate =
        new GateDecision(
            T0,
            GateOutcome.INCONCLUSIVE,
            List.of("too little traffic"),
            burn,
            OptionalDouble.empty(),
            List.of(),
            "default");

    StoredReleaseDecision stored = decisions.insert(ReleaseDecision.from("cart", null, gate));

    ReleaseDecision back = decisions.find(stored.id()).orElseThrow().decision();
    assertThat(back.burnRates()).isEqualTo(Map.of("1h", 2.0));
    assertThat(back.errorBudgetRemaining()).isNull();
    assertThat(back.decision()).isEqualTo(GateOutcome.INCONCLUSIVE);
  }

  @Test
  void decisionsOutliveTheirSlo() {
    db.slos().create(SloRow.create("slo-gate", "pay", "a", "x: 1\n", SloSource.MANUAL, null, T0));
    StoredReleaseDecision d =
        decisions.insert(
            new ReleaseDecision(
                "pay", "slo-gate", GateOutcome.PROMOTE, List.of(), Map.of(), 0.9, T0));
    db.slos().delete("slo-gate", 1);

    ReleaseDecision back = decisions.find(d.id()).orElseThrow().decision();
    assertThat(back.sloId()).isNull();
    assertThat(back.errorBudgetRemaining()).isEqualTo(0.9);
  }

  @Test
  void badInputNamesTheField() {
    assertThatThrownBy(
            () ->
                new ReleaseDecision(
                    "s", null, GateOutcome.PROMOTE, List.of(), Map.of("1h", Double.NaN), null, T0))
        .hasMessageContaining("burnRates[1h] must be a finite number");
    assertThatThrownBy(() -> new ReleaseDecision("s", null, null, List.of(), Map.of(), null, T0))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("decision");
    assertThatThrownBy(() -> decisions.forService("s", 0)).hasMessageContaining("limit");
  }
}
