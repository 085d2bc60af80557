package io.sloscout.core.fingerprint;

import java.util.Objects;

/**
 * A cluster of messages: its stable id, its current template and how many messages it holds.
 *
 * @param id the stable cluster id
 * @param template tokens joined by single spaces, variables as {@code <*>}
 * @param count messages added to the cluster
 */
public record Template(String id, String template, long count) {
  public Template {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(template, "template");
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
  }
}
