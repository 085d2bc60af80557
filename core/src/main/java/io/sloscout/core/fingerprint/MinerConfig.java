package io.sloscout.core.fingerprint;

/**
 * Limits and the matching threshold of a {@link TemplateMiner}.
 *
 * <p>Memory is bounded by {@code maxClusters × maxTokens} tokens, each a slice of a message of at
 * most {@code maxMessageChars} characters: the least recently used cluster is evicted when a new
 * one would exceed {@code maxClusters}.
 *
 * @param maxClusters clusters kept; the least recently used one is evicted beyond this
 * @param maxTokens tokens read from a message; the rest is one trailing {@code <*>}
 * @param maxMessageChars characters read from a message; the rest is ignored
 * @param similarity share of a template's words a message must repeat to join it, in (0, 1]
 */
public record MinerConfig(int maxClusters, int maxTokens, int maxMessageChars, double similarity) {

  /** Defaults that suit logs and span names alike: 20,000 clusters, 128 tokens, 16 KiB, 1.0. */
  public static final MinerConfig DEFAULTS = new MinerConfig(20_000, 128, 16 * 1024, 1.0);

  public MinerConfig {
    if (maxClusters < 1) {
      throw new IllegalArgumentException("maxClusters must be at least 1: " + maxClusters);
    }
    if (maxTokens < 2) {
      throw new IllegalArgumentException("maxTokens must be at least 2: " + maxTokens);
    }
    if (maxMessageChars < 1) {
      throw new IllegalArgumentException("maxMessageChars must be at least 1: " + maxMessageChars);
    }
    if (!(similarity > 0 && similarity <= 1)) {
      throw new IllegalArgumentException("similarity must be in (0, 1]: " + similarity);
    }
  }

  /** These limits with another cluster cap. */
  public MinerConfig withMaxClusters(int clusters) {
    return new MinerConfig(clusters, maxTokens, maxMessageChars, similarity);
  }
}
