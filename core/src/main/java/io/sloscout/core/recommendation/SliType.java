package io.sloscout.core.recommendation;

/** The kinds of SLI the recommender proposes. */
public enum SliType {
  /** The share of requests answered without a server error. */
  AVAILABILITY,
  /** The share of requests answered within a latency threshold. */
  LATENCY;

  /** The name used in {@code recommendations.json}. */
  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
