package io.sloscout.storage;

import static io.sloscout.storage.Fixtures.T0;
import static io.sloscout.storage.Fixtures.journey;
import static io.sloscout.storage.Fixtures.minute;
import static io.sloscout.storage.Fixtures.red;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sloscout.storage.testing.StorageExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StorageExtension.class)
class JourneyRepositoryTest {

  private static Database db;
  private static JourneyRepository journeys;

  @BeforeAll
  static void open(Database database) {
    db = database;
    journeys = database.journeys();
  }

  @Test
  void journeysRoundTripAndWidenTheirSeenTimes() {
    JourneyRow first = journey("j-roundtrip");
    journeys.upsertJourneys(List.of(first));
    JourneyRow later =
        new JourneyRow(
            "j-roundtrip",
            "product page",
            "frontend",
            "GET /product/{id}",
            List.of("frontend", "catalog", "currency"),
            minute(3),
            minute(9));
    journeys.upsertJourneys(List.of(later));

    assertThat(journeys.find("j-roundtrip"))
        .contains(
            new JourneyRow(
                "j-roundtrip",
                "product page",
                "frontend",
                "GET /product/{id}",
                List.of("frontend", "catalog", "currency"),
                T0,
                minute(9)));
    assertThat(journeys.find("no-such-journey")).isEmpty();
  }

  @Test
  void edgesCarryAbsoluteCallCounts() {
    JourneyEdgeRow edge =
        new JourneyEdgeRow("j-edges", "frontend", "GET /", "catalog", "GetProduct", 10, T0);
    journeys.upsertEdges(List.of(edge));
    journeys.upsertEdges(
        List.of(
            new JourneyEdgeRow("j-edges", "frontend", "GET /", "catalog", "GetProduct", 25, T0)));
    journeys.upsertEdges(
        List.of(
            new JourneyEdgeRow("j-edges", "frontend", "GET /", "catalog", "GetProduct", 25, T0)));

    assertThat(journeys.edges("j-edges"))
        .containsExactly(
            new JourneyEdgeRow("j-edges", "frontend", "GET /", "catalog", "GetProduct", 25, T0));
  }

  @Test
  void aMinuteWrittenTwiceIsOneRowWithTheLastValues() throws Exception {
    JourneyMinute m = new JourneyMinute("j-replay", minute(1), red(1, 10, 20, 30));
    journeys.upsertJourneyMinutes(List.of(m));
    // a Flink job restored from its last checkpoint writes the same minute again
    journeys.upsertJourneyMinutes(List.of(m));

    assertThat(journeys.series("j-replay", T0, minute(10))).containsExactly(m);
    assertThat(count("SELECT count(*) FROM journey_red_minute WHERE journey_id = 'j-replay'"))
        .isEqualTo(1);

    JourneyMinute corrected = new JourneyMinute("j-replay", minute(1), red(0, 10, 20, 30, 40));
    journeys.upsertJourneyMinutes(List.of(corrected));
    assertThat(journeys.series("j-replay", T0, minute(10))).containsExactly(corrected);
  }

  @Test
  void duplicateKeysInOneBatchCollapseToTheLast() {
    JourneyMinute older = new JourneyMinute("j-batch", minute(2), red(0, 5));
    JourneyMinute newer = new JourneyMinute("j-batch", minute(2), red(1, 5, 7));
    journeys.upsertJourneyMinutes(List.of(older, newer));

    assertThat(journeys.series("j-batch", T0, minute(10))).containsExactly(newer);
  }

  @Test
  void seriesAreOrderedAndHalfOpen() {
    JourneyMinute a = new JourneyMinute("j-series", minute(0), red(0, 1));
    JourneyMinute b = new JourneyMinute("j-series", minute(1), red(0, 2));
    JourneyMinute c = new JourneyMinute("j-series", minute(2), red(0, 3));
    journeys.upsertJourneyMinutes(List.of(c, a, b));

    assertThat(journeys.series("j-series", minute(0), minute(2))).containsExactly(a, b);
    assertThat(journeys.series("j-series", minute(3), minute(3))).isEmpty();
  }

  @Test
  void theSketchSurvivesTheRoundTrip() {
    RedMeasures measures = red(2, 3, 12, 40, 80, 120, 800, 1500);
    journeys.upsertJourneyMinutes(List.of(new JourneyMinute("j-sketch", minute(4), measures)));

    RedMeasures back = journeys.series("j-sketch", T0, minute(10)).get(0).red();
    assertThat(back.latency().histogram()).isEqualTo(measures.latency().histogram());
    assertThat(back.latency().quantileMillis(0.5))
        .isEqualTo(measures.latency().quantileMillis(0.5));
    assertThat(back.atOrUnderBucket()).isEqualTo(measures.atOrUnderBucket());
    assertThat(back.p99Ms()).isEqualTo(measures.p99Ms());
  }

  @Test
  void listSumsTheRangeAndMergesTheSketches() {
    journeys.upsertJourneys(List.of(journey("j-busy"), journey("j-quiet"), journey("j-idle")));
    journeys.upsertJourneyMinutes(
        List.of(
            new JourneyMinute("j-busy", minute(0), red(1, 10, 10, 10)),
            new JourneyMinute("j-busy", minute(1), red(0, 100, 100)),
            new JourneyMinute("j-busy", minute(2), red(0, 1000)),
            // outside the range below
            new JourneyMinute("j-busy", minute(30), red(0, 5, 5, 5, 5, 5)),
            new JourneyMinute("j-quiet", minute(0), red(0, 50))));

    List<JourneyTotals> totals = journeys.list(T0, minute(3));
    List<JourneyTotals> ours =
        totals.stream().filter(t -> t.journey().id().matches("j-(busy|quiet|idle)")).toList();

    assertThat(ours)
        .extracting(t -> t.journey().id())
        .containsExactly("j-busy", "j-quiet", "j-idle");
    RedMeasures busy = ours.get(0).red();
    assertThat(busy.requests()).isEqualTo(6);
    assertThat(busy.errors()).isEqualTo(1);
    assertThat(busy.errorRatio()).isEqualTo(1.0 / 6);
    // percentiles of all six requests, not an average of per-minute percentiles
    RedMeasures expected = red(1, 10, 10, 10, 100, 100, 1000);
    assertThat(busy.atOrUnderBucket()).isEqualTo(expected.atOrUnderBucket());
    assertThat(busy.latency().count()).isEqualTo(6);
    assertThat(List.of(busy.p50Ms(), busy.p95Ms(), busy.p99Ms()))
        .isEqualTo(List.of(expected.p50Ms(), expected.p95Ms(), expected.p99Ms()));
    assertThat(ours.get(2).red()).isEqualTo(RedMeasures.none());
  }

  @Test
  void operationMinutesAreIdempotentToo() {
    OperationMinute m = new OperationMinute("catalog", "GetProduct", minute(1), red(0, 4, 6));
    journeys.upsertOperationMinutes(List.of(m));
    journeys.upsertOperationMinutes(List.of(m));

    assertThat(journeys.operationSeries("catalog", "GetProduct", T0, minute(5))).containsExactly(m);
  }

  @Test
  void badInputNamesTheField() {
    assertThatThrownBy(() -> new JourneyMinute(null, minute(1), red(0, 1)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("journeyId");
    assertThatThrownBy(() -> new JourneyMinute("j", T0.plusSeconds(30), red(0, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minute must be a whole minute");
    assertThatThrownBy(
            () ->
                RedMeasures.of(-1, 0, LatencySketch.empty(), RedMeasures.none().atOrUnderBucket()))
        .hasMessageContaining("requests must not be negative");
    assertThatThrownBy(() -> new JourneyEdgeRow("j", "a", "", "b", "", -3, T0))
        .hasMessageContaining("calls must not be negative");
    assertThatThrownBy(() -> journeys.upsertJourneyMinutes(Arrays.asList(null, null)))
        .hasMessageContaining("minutes[0]");
    assertThatThrownBy(() -> journeys.series("j", minute(2), minute(1)))
        .hasMessageContaining("from must not be after to");
  }

  private static long count(String sql) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
