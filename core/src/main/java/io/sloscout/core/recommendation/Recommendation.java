package io.sloscout.core.recommendation;

import io.sloscout.core.journey.ErrorTemplate;
import java.util.List;
import java.util.Objects;

/**
 * One recommended SLI and objective for a journey.
 *
 * @param journeyId the journey it is for
 * @param type availability or latency
 * @param description what the SLI counts as good, in words
 * @param metric the Prometheus metric the SLI reads (for latency the histogram's base name)
 * @param totalMatchers label matchers selecting all of the journey's requests
 * @param badMatchers label matchers selecting its failed requests (availability only, else null)
 * @param objective the recommended share of good events, strictly between 0 and 1
 * @param thresholdMs the latency threshold in milliseconds (latency only, else null)
 * @param window the SLO period ({@code 30d})
 * @param tier the tier the objective was chosen for
 * @param confidence 0..1, from the sample size (see {@link SliRecommender})
 * @param observedGoodRatio the share of good events in the observed data
 * @param rationale why, for a person
 * @param evidence error templates seen on the journey, most frequent first
 */
public record Recommendation(
    String journeyId,
    SliType type,
    String description,
    String metric,
    String totalMatchers,
    String badMatchers,
    double objective,
    Double thresholdMs,
    String window,
    String tier,
    double confidence,
    double observedGoodRatio,
    String rationale,
    List<ErrorTemplate> evidence) {

  public Recommendation {
    Objects.requireNonNull(journeyId, "journeyId");
    Objects.requireNonNull(type, "type");
    if (!(objective > 0 && objective < 1)) {
      throw new IllegalArgumentException("objective must be between 0 and 1, got " + objective);
    }
    if ((type == SliType.LATENCY) != (thresholdMs != null)) {
      throw new IllegalArgumentException("a threshold belongs to latency SLIs, and only to them");
    }
    evidence = List.copyOf(evidence);
  }
}
