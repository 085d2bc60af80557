package io.sloscout.core.recommendation;

import java.util.List;

/**
 * The recommendations for a set of journeys, sorted by journey and type, and what could not be
 * recommended.
 *
 * @param recommendations the recommendations
 * @param skipped one line per SLI left out, with the reason
 */
public record RecommendationSet(List<Recommendation> recommendations, List<String> skipped) {
  public RecommendationSet {
    recommendations = List.copyOf(recommendations);
    skipped = List.copyOf(skipped);
  }
}
