package io.sloscout.core.fingerprint;

import java.util.Objects;

/**
 * The cluster a message belongs to.
 *
 * @param clusterId the cluster's stable id (see {@link TemplateMiner})
 * @param template the cluster's template at this moment, variables as {@code <*>}
 */
public record Match(String clusterId, String template) {
  public Match {
    Objects.requireNonNull(clusterId, "clusterId");
    Objects.requireNonNull(template, "template");
  }
}
