package io.sloscout.flink.sink;

import io.sloscout.flink.config.PipelineConfig;
import io.sloscout.storage.Database;
import io.sloscout.storage.DatabaseConfig;
import io.sloscout.storage.migration.TimescaleSettings;
import java.io.Serializable;
import java.util.Objects;

/** Opens the shared {@link Database} of a configuration on the task side. */
public record DatabaseConnector(PipelineConfig.Database settings) implements Serializable {

  public DatabaseConnector {
    Objects.requireNonNull(settings, "settings");
  }

  /** The key the pool is shared under: one pool per URL, user and schema in a JVM. */
  public String key() {
    return "db:" + settings.url() + "|" + settings.user() + "|" + settings.schema();
  }

  /** Acquires the shared database; give it back with {@link #release()}. */
  public Database acquire() {
    return SharedResources.acquire(
        key(),
        () ->
            Database.open(
                new DatabaseConfig(
                    settings.url(),
                    settings.user(),
                    settings.password().resolve(),
                    settings.schema(),
                    settings.poolSize(),
                    TimescaleSettings.defaults())));
  }

  /** Gives the database back. */
  public void release() {
    SharedResources.release(key());
  }
}
