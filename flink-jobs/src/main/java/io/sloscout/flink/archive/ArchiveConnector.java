package io.sloscout.flink.archive;

import io.sloscout.flink.config.PipelineConfig;
import io.sloscout.flink.sink.SharedResources;
import io.sloscout.storage.archive.ArchiveConfig;
import io.sloscout.storage.archive.ObjectArchive;
import java.io.Serializable;
import java.net.URI;
import java.util.Objects;

/** Opens the shared {@link ObjectArchive} of a configuration on the task side. */
public record ArchiveConnector(PipelineConfig.Archive settings) implements Serializable {

  public ArchiveConnector {
    Objects.requireNonNull(settings, "settings");
  }

  private String key() {
    return "s3:" + settings.endpoint() + "|" + settings.bucket();
  }

  /** Acquires the shared archive; give it back with {@link #release()}. */
  public ObjectArchive acquire() {
    return SharedResources.acquire(
        key(),
        () ->
            ObjectArchive.open(
                new ArchiveConfig(
                    URI.create(settings.endpoint()),
                    settings.accessKey().resolve(),
                    settings.secretKey().resolve(),
                    settings.bucket(),
                    settings.region())));
  }

  /** Gives the archive back. */
  public void release() {
    SharedResources.release(key());
  }
}
