package io.sloscout.storage;

import java.time.Instant;

/**
 * A stored SLO: its spec as the YAML a person or the recommender wrote.
 *
 * @param id its id
 * @param service the service it is about
 * @param name its name, unique within the service
 * @param specYaml the spec (any format {@code slo-scout validate} reads)
 * @param source where it came from
 * @param recommendationId the recommendation it was accepted from, or null
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 * @param version its version, for optimistic locking: 1 when created, one more per update
 */
public record SloRow(
    String id,
    String service,
    String name,
    String specYaml,
    SloSource source,
    String recommendationId,
    Instant createdAt,
    Instant updatedAt,
    int version) {

  public SloRow {
    Checks.notBlank(id, "id");
    Checks.notBlank(service, "service");
    Checks.notBlank(name, "name");
    Checks.notBlank(specYaml, "specYaml");
    Checks.notNull(source, "source");
    if (recommendationId != null && recommendationId.isBlank()) {
      throw new IllegalArgumentException("recommendationId must be null or not blank");
    }
    Checks.notNull(createdAt, "createdAt");
    Checks.notNull(updatedAt, "updatedAt");
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1: " + version);
    }
  }

  /** A new SLO at version 1. */
  public static SloRow create(
      String id,
      String service,
      String name,
      String specYaml,
      SloSource source,
      String recommendationId,
      Instant now) {
    return new SloRow(id, service, name, specYaml, source, recommendationId, now, now, 1);
  }

  /** This SLO with another spec (same version: {@link SloRepository#update} bumps it). */
  public SloRow withSpecYaml(String specYaml) {
    return new SloRow(
        id, service, name, specYaml, source, recommendationId, createdAt, updatedAt, version);
  }

  /** This SLO with another name. */
  public SloRow withName(String name) {
    return new SloRow(
        id, service, name, specYaml, source, recommendationId, createdAt, updatedAt, version);
  }
}
