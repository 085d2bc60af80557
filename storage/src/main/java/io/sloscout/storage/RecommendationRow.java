package io.sloscout.storage;

import io.sloscout.core.recommendation.Recommendation;
import io.sloscout.core.recommendation.SliType;
import java.time.Instant;

/**
 * A stored SLI and objective recommendation.
 *
 * @param id stable for the journey and SLI type ({@link #idFor}), so recomputing updates the row
 * @param journeyId the journey it is for
 * @param sliType availability or latency
 * @param objective the recommended share of good events, strictly between 0 and 1
 * @param thresholdMs the latency threshold (latency only, else null)
 * @param window the SLO period ({@code 30d})
 * @param confidence 0..1
 * @param rationale why, for a person
 * @param evidenceJson the evidence as a JSON array (redacted error templates)
 * @param computedAt when it was computed
 * @param status what a person made of it
 */
public record RecommendationRow(
    String id,
    String journeyId,
    SliType sliType,
    double objective,
    Double thresholdMs,
    String window,
    double confidence,
    String rationale,
    String evidenceJson,
    Instant computedAt,
    RecommendationStatus status) {

  public RecommendationRow {
    Checks.notBlank(id, "id");
    Checks.notBlank(journeyId, "journeyId");
    Checks.notNull(sliType, "sliType");
    if (!(objective > 0 && objective < 1)) {
      throw new IllegalArgumentException("objective must be between 0 and 1: " + objective);
    }
    if ((sliType == SliType.LATENCY) != (thresholdMs != null)) {
      throw new IllegalArgumentException(
          "thresholdMs must be set for latency SLIs and only for them (sliType "
              + sliType.jsonName()
              + ", thresholdMs "
              + thresholdMs
              + ")");
    }
    if (thresholdMs != null && !(thresholdMs > 0 && Double.isFinite(thresholdMs))) {
      throw new IllegalArgumentException("thresholdMs must be positive: " + thresholdMs);
    }
    Checks.notBlank(window, "window");
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be between 0 and 1: " + confidence);
    }
    Checks.notNull(rationale, "rationale");
    Json.requireArray(evidenceJson, "evidenceJson");
    Checks.notNull(computedAt, "computedAt");
    Checks.notNull(status, "status");
  }

  /** The id of a journey's recommendation of one SLI type. */
  public static String idFor(String journeyId, SliType type) {
    Checks.notBlank(journeyId, "journeyId");
    Checks.notNull(type, "type");
    return journeyId + ":" + type.jsonName();
  }

  /** An open recommendation from the recommender's output. */
  public static RecommendationRow from(Recommendation r, Instant computedAt) {
    Checks.notNull(r, "recommendation");
    return new RecommendationRow(
        idFor(r.journeyId(), r.type()),
        r.journeyId(),
        r.type(),
        r.objective(),
        r.thresholdMs(),
        r.window(),
        r.confidence(),
        r.rationale() == null ? "" : r.rationale(),
        Json.write(r.evidence()),
        computedAt,
        RecommendationStatus.OPEN);
  }

  public RecommendationRow withStatus(RecommendationStatus status) {
    return new RecommendationRow(
        id,
        journeyId,
        sliType,
        objective,
        thresholdMs,
        window,
        confidence,
        rationale,
        evidenceJson,
        computedAt,
        status);
  }
}
