package io.sloscout.storage;

import java.time.Instant;

/**
 * A file generated for an SLO, identified by the SLO, its kind and its path.
 *
 * @param sloId the SLO it was generated for
 * @param kind what it is
 * @param path where it goes in the output tree ({@code prometheus/checkout.rules.yaml})
 * @param content the file's text
 * @param generatedAt when it was generated
 */
public record Artifact(
    String sloId, ArtifactKind kind, String path, String content, Instant generatedAt) {
  public Artifact {
    Checks.notBlank(sloId, "sloId");
    Checks.notNull(kind, "kind");
    Checks.notBlank(path, "path");
    Checks.notNull(content, "content");
    Checks.notNull(generatedAt, "generatedAt");
  }
}
