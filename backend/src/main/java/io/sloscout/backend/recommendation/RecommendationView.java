package io.sloscout.backend.recommendation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sloscout.storage.RecommendationRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A recommendation as the API shows it: the fields of {@code recommendations.json}, plus its id,
 * status, when it was computed, and the SLO it became.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecommendationView(
    String id,
    String journey,
    Sli sli,
    double objective,
    Double thresholdMs,
    String window,
    double confidence,
    String rationale,
    List<Evidence> evidence,
    String status,
    Instant computedAt,
    String sloId) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The SLI recommended: {@code availability} or {@code latency}. */
  public record Sli(String type) {}

  /**
   * An error template seen on the journey.
   *
   * @param templateId the template's id
   * @param template its redacted text
   * @param source where it was seen ({@code log}, {@code span})
   * @param count how often in the recommendation's lookback
   */
  public record Evidence(String templateId, String template, String source, long count) {}

  static RecommendationView of(RecommendationRow row, String sloId) {
    return new RecommendationView(
        row.id(),
        row.journeyId(),
        new Sli(row.sliType().jsonName()),
        row.objective(),
        row.thresholdMs(),
        row.window(),
        row.confidence(),
        row.rationale(),
        evidence(row.evidenceJson()),
        row.status().name().toLowerCase(Locale.ROOT),
        row.computedAt(),
        sloId);
  }

  private static List<Evidence> evidence(String json) {
    try {
      return JSON.readValue(json, new TypeReference<List<Evidence>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("stored evidence is not a list of templates", e);
    }
  }
}
