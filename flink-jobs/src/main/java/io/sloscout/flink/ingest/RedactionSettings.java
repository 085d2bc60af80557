package io.sloscout.flink.ingest;

import io.sloscout.core.redaction.RedactionConfig;
import io.sloscout.core.redaction.Redactor;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * Which redaction the jobs apply: core's defaults, or a redaction file (its HMAC key, if any, is
 * read from the task's environment or a mounted file when the operator opens, never shipped in the
 * job graph).
 *
 * @param configFile a redaction configuration file, or null for the defaults
 */
public record RedactionSettings(String configFile) implements Serializable {

  /** Core's default redaction. */
  public static final RedactionSettings DEFAULTS = new RedactionSettings(null);

  /** The redactor these settings describe. */
  public Redactor redactor() {
    if (configFile == null || configFile.isBlank()) {
      return Redactor.withDefaults();
    }
    return new Redactor(RedactionConfig.fromYaml(Path.of(configFile), System.getenv()));
  }
}
