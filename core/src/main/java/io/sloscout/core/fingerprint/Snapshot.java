package io.sloscout.core.fingerprint;

import java.util.List;
import java.util.Objects;

/**
 * The whole state of a {@link TemplateMiner} as a value, for checkpoints: restoring it gives a
 * miner that hands out the same ids and templates as the one it was taken from.
 *
 * @param config the miner's limits
 * @param clusters every cluster, least recently used first (the eviction order)
 */
public record Snapshot(MinerConfig config, List<Template> clusters) {
  public Snapshot {
    Objects.requireNonNull(config, "config");
    clusters = List.copyOf(clusters);
  }
}
