package io.sloscout.storage;

import static io.sloscout.storage.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sloscout.storage.testing.SharedStorage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {

  @Test
  void aKeptDataDirectoryHoldsTheDataAcrossRestarts(@TempDir Path dir) {
    Path data = dir.resolve("postgres");
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(data);
        Database db = Database.open(pg.databaseConfig())) {
      assertThat(pg.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
      assertThat(pg.kept()).isTrue();
      db.services().upsertServices(List.of(new ServiceRow("survivor", T0, T0)));
    }
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(data);
        Database db = Database.open(pg.databaseConfig())) {
      assertThat(db.migrationsApplied()).isZero();
      assertThat(db.services().find("survivor")).isPresent();
    }
  }

  @Test
  void databasesAreCreatedOnceAndNamesAreChecked() {
    EmbeddedPostgres pg = SharedStorage.get().postgres();
    DatabaseConfig first = pg.createDatabase("twice");
    assertThat(pg.createDatabase("twice")).isEqualTo(first);
    assertThatThrownBy(() -> pg.createDatabase("x; DROP DATABASE postgres"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("database must be a lower-case identifier");
  }
}
