package io.sloscout.storage;

import java.time.Instant;

/**
 * A service seen in the telemetry.
 *
 * @param name its {@code service.name}
 * @param firstSeen when it was first seen
 * @param lastSeen when it was last seen
 */
public record ServiceRow(String name, Instant firstSeen, Instant lastSeen) {
  public ServiceRow {
    Checks.notBlank(name, "name");
    Checks.seenOrder(firstSeen, lastSeen);
  }
}
