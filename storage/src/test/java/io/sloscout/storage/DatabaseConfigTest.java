package io.sloscout.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseConfigTest {

  @Test
  void neverPrintsThePassword() {
    DatabaseConfig config =
        DatabaseConfig.of("jdbc:postgresql://db:5432/x?password=hunter2", "slo", "s3cret");
    assertThat(config.toString()).doesNotContain("s3cret").doesNotContain("hunter2");
  }

  @Test
  void readsThePasswordFromAMountedFile(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("password");
    Files.writeString(secret, "from-file\n");
    DatabaseConfig config =
        DatabaseConfig.fromEnvironment(
            Map.of(
                "SLO_SCOUT_DB_URL", "jdbc:postgresql://db:5432/slo",
                "SLO_SCOUT_DB_PASSWORD_FILE", secret.toString(),
                "SLO_SCOUT_DB_SCHEMA", "scout",
                "SLO_SCOUT_DB_POOL_SIZE", "8"));
    assertThat(config.password()).isEqualTo("from-file");
    assertThat(config.schema()).isEqualTo("scout");
    assertThat(config.maxPoolSize()).isEqualTo(8);
  }

  @Test
  void badValuesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> DatabaseConfig.of("jdbc:mysql://x/y", "u", null))
        .hasMessageContaining("jdbcUrl must be a jdbc:postgresql: URL");
    assertThatThrownBy(
            () -> DatabaseConfig.of("jdbc:postgresql://x/y", "u", null).withSchema("a;b"))
        .hasMessageContaining("schema must be a lower-case identifier");
    assertThatThrownBy(
            () -> DatabaseConfig.of("jdbc:postgresql://x/y", "u", null).withMaxPoolSize(0))
        .hasMessageContaining("maxPoolSize");
    assertThatThrownBy(() -> DatabaseConfig.fromEnvironment(Map.of()))
        .hasMessageContaining("SLO_SCOUT_DB_URL");
  }
}
