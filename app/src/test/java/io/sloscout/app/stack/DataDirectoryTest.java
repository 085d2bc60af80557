package io.sloscout.app.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

  @TempDir Path tmp;

  @Test
  void createsTheLayout() {
    Path root = tmp.resolve("d");
    try (DataDirectory d = DataDirectory.open(root)) {
      for (String sub :
          new String[] {"kafka", "postgres", "s3", "vectors", "flink", "logs", "tmp"}) {
        assertThat(root.resolve(sub)).isDirectory();
      }
      assertThat(d.root()).isEqualTo(root.toAbsolutePath());
    }
  }

  @Test
  void aSecondStackOnTheSameDirectoryIsRefused() {
    try (DataDirectory first = DataDirectory.open(tmp)) {
      assertThat(first.root()).isEqualTo(tmp.toAbsolutePath());
      assertThatThrownBy(() -> DataDirectory.open(tmp))
          .isInstanceOf(DataDirectory.DataDirectoryException.class)
          .hasMessageContaining("another slo-scout up is running on " + tmp.toAbsolutePath());
    }
    // released on close
    DataDirectory.open(tmp).close();
  }

  @Test
  void dataSurvivesAndScratchSpaceIsEmptiedOnReopen() throws Exception {
    try (DataDirectory d = DataDirectory.open(tmp)) {
      Files.writeString(d.postgres().resolve("PG_VERSION"), "17");
      Files.writeString(d.tmp().resolve("left-over"), "x");
    }
    try (DataDirectory d = DataDirectory.open(tmp)) {
      assertThat(d.postgres().resolve("PG_VERSION")).hasContent("17");
      assertThat(d.tmp()).isEmptyDirectory();
    }
  }

  @Test
  void theApiTokenIsMadeOnceAndReadableByTheOwnerOnly() throws Exception {
    String token;
    try (DataDirectory d = DataDirectory.open(tmp)) {
      token = d.apiToken();
    }
    assertThat(token).startsWith("sst_").hasSize(4 + 48);
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("api-token"))))
        .isEqualTo("rw-------");
    try (DataDirectory d = DataDirectory.open(tmp)) {
      assertThat(d.apiToken()).isEqualTo(token);
    }
  }
}
