package io.sloscout.storage;

import static io.sloscout.storage.Fixtures.T0;
import static io.sloscout.storage.Fixtures.minute;
import static io.sloscout.storage.Fixtures.red;
import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.storage.testing.StorageExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Hostile text goes in and comes back as text: every query binds its values. */
@ExtendWith(StorageExtension.class)
class BoundParametersTest {

  private static final String HOSTILE = "it's'; DROP TABLE journeys; --";
  private static final String HOSTILE_ID = "j'); DELETE FROM services; --";

  @Test
  void quotesAndSqlInValuesRoundTripAndHarmNothing(Database db) throws Exception {
    db.services().upsertServices(List.of(new ServiceRow(HOSTILE, T0, T0)));
    db.services()
        .upsertOperations(
            List.of(new OperationRow(HOSTILE, HOSTILE, OperationKind.SERVER, T0, T0)));
    JourneyRow journey =
        new JourneyRow(HOSTILE_ID, HOSTILE, HOSTILE, HOSTILE, List.of(HOSTILE, "\"}{,"), T0, T0);
    db.journeys().upsertJourneys(List.of(journey));
    db.journeys()
        .upsertEdges(List.of(new JourneyEdgeRow(HOSTILE_ID, HOSTILE, HOSTILE, HOSTILE, "", 1, T0)));
    JourneyMinute m = new JourneyMinute(HOSTILE_ID, minute(1), red(0, 12));
    db.journeys().upsertJourneyMinutes(List.of(m));
    db.templates()
        .upsertTemplates(
            List.of(new TemplateRow(HOSTILE_ID, HOSTILE, TemplateKind.LOG, HOSTILE, T0, T0, 1)));
    SloRow slo =
        db.slos()
            .create(
                SloRow.create(HOSTILE_ID, HOSTILE, HOSTILE, HOSTILE, SloSource.MANUAL, null, T0));

    assertThat(db.services().find(HOSTILE)).isPresent();
    assertThat(db.services().operations(HOSTILE))
        .extracting(OperationRow::name)
        .containsExactly(HOSTILE);
    assertThat(db.journeys().find(HOSTILE_ID)).contains(journey);
    assertThat(db.journeys().edges(HOSTILE_ID)).hasSize(1);
    assertThat(db.journeys().series(HOSTILE_ID, T0, minute(5))).containsExactly(m);
    assertThat(db.templates().byService(HOSTILE))
        .extracting(TemplateRow::template)
        .containsExactly(HOSTILE);
    assertThat(db.slos().find(HOSTILE_ID)).contains(slo);
    // nothing was dropped or deleted
    assertThat(MigrationsTest.tables(db.dataSource(), "public")).contains("journeys", "services");
    assertThat(db.services().list()).isNotEmpty();
  }
}
