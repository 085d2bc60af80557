package io.sloscout.storage.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedS3Test {

  @Test
  void objectsInADirectorySurviveARestart(@TempDir Path dir) {
    Instant hour = Instant.parse("2026-01-01T00:00:00Z");
    ArchiveKey key;
    try (EmbeddedS3 s3 = EmbeddedS3.start(dir);
        ObjectArchive archive = ObjectArchive.open(s3.archiveConfig("kept"))) {
      assertThat(s3.endpoint().toString()).startsWith("http://127.0.0.1:");
      key = archive.write("svc", hour, "p", List.of("{\"n\":1}"));
    }
    try (EmbeddedS3 s3 = EmbeddedS3.start(dir);
        ObjectArchive archive = ObjectArchive.open(s3.archiveConfig("kept"))) {
      assertThat(archive.read(key)).containsExactly("{\"n\":1}");
    }
  }
}
