package io.sloscout.storage;

import static io.sloscout.storage.Fixtures.T0;
import static io.sloscout.storage.Fixtures.minute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sloscout.core.journey.ErrorTemplate;
import io.sloscout.core.recommendation.Recommendation;
import io.sloscout.core.recommendation.SliType;
import io.sloscout.storage.testing.StorageExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StorageExtension.class)
class RecommendationRepositoryTest {

  private static RecommendationRepository recommendations;

  @BeforeAll
  static void open(Database database) {
    recommendations = database.recommendations();
  }

  private static Recommendation latency(String journeyId, double objective) {
    return new Recommendation(
        journeyId,
        SliType.LATENCY,
        "requests under 300 ms",
        "http_server_request_duration_seconds",
        "{service=\"frontend\"}",
        null,
        objective,
        300.0,
        "30d",
        "standard",
        0.8,
        0.997,
        "p99 stayed under 300 ms",
        List.of(new ErrorTemplate("abc123", "timeout after <*> ms", "log", 4)));
  }

  @Test
  void recommendationsFromTheRecommenderRoundTrip() throws Exception {
    RecommendationRow row = RecommendationRow.from(latency("j-rt", 0.99), T0);
    recommendations.upsert(List.of(row));

    RecommendationRow back = recommendations.find("j-rt:latency").orElseThrow();
    // jsonb normalises the text: compare the JSON, then the rest
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(back.evidenceJson())).isEqualTo(json.readTree(row.evidenceJson()));
    assertThat(json.readTree(back.evidenceJson()).get(0).get("template").asText())
        .isEqualTo("timeout after <*> ms");
    assertThat(back).usingRecursiveComparison().ignoringFields("evidenceJson").isEqualTo(row);
    assertThat(recommendations.forJourney("j-rt")).hasSize(1);
  }

  @Test
  void recomputingKeepsWhatAPersonDecided() {
    recommendations.upsert(List.of(RecommendationRow.from(latency("j-status", 0.99), T0)));
    assertThat(recommendations.setStatus("j-status:latency", RecommendationStatus.DISMISSED))
        .isTrue();

    recommendations.upsert(List.of(RecommendationRow.from(latency("j-status", 0.995), minute(5))));

    RecommendationRow back = recommendations.find("j-status:latency").orElseThrow();
    assertThat(back.objective()).isEqualTo(0.995);
    assertThat(back.computedAt()).isEqualTo(minute(5));
    assertThat(back.status()).isEqualTo(RecommendationStatus.DISMISSED);
    assertThat(recommendations.list(RecommendationStatus.DISMISSED))
        .extracting(RecommendationRow::id)
        .contains("j-status:latency");
    assertThat(recommendations.setStatus("nope", RecommendationStatus.ACCEPTED)).isFalse();
  }

  @Test
  void badInputNamesTheField() {
    RecommendationRow ok = RecommendationRow.from(latency("j-bad", 0.99), T0);
    assertThatThrownBy(
            () ->
                new RecommendationRow(
                    ok.id(),
                    ok.journeyId(),
                    SliType.AVAILABILITY,
                    0.99,
                    300.0,
                    "30d",
                    0.5,
                    "",
                    "[]",
                    T0,
                    RecommendationStatus.OPEN))
        .hasMessageContaining("thresholdMs");
    assertThatThrownBy(
            () ->
                new RecommendationRow(
                    ok.id(),
                    ok.journeyId(),
                    SliType.AVAILABILITY,
                    0.99,
                    null,
                    "30d",
                    0.5,
                    "",
                    "{not json",
                    T0,
                    RecommendationStatus.OPEN))
        .hasMessageContaining("evidenceJson must be JSON");
    assertThatThrownBy(
            () ->
                new RecommendationRow(
                    ok.id(),
                    null,
                    SliType.AVAILABILITY,
                    0.99,
                    null,
                    "30d",
                    0.5,
                    "",
                    "[]",
                    T0,
                    RecommendationStatus.OPEN))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("journeyId");
  }
}
