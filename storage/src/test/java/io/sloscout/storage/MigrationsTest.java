package io.sloscout.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sloscout.storage.migration.TimescaleSettings;
import io.sloscout.storage.testing.SharedStorage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class MigrationsTest {

  private static final List<String> TABLES =
      List.of(
          "artifacts",
          "journey_edges",
          "journey_red_minute",
          "journeys",
          "operation_red_minute",
          "operations",
          "recommendations",
          "release_decisions",
          "services",
          "slos",
          "template_counts_minute",
          "templates");

  private final SharedStorage storage = SharedStorage.get();

  @Test
  void createsEveryTable() throws Exception {
    try (Database db = storage.newDatabase()) {
      assertThat(db.migrationsApplied()).isEqualTo(2);
      assertThat(tables(db.dataSource(), "public")).containsAll(TABLES);
    }
  }

  @Test
  void migratingAgainIsANoOp() throws Exception {
    DatabaseConfig config = storage.newDatabaseConfig();
    try (Database first = Database.open(config)) {
      first.services().upsertServices(List.of(new ServiceRow("kept", Fixtures.T0, Fixtures.T0)));
    }
    try (Database second = Database.open(config)) {
      assertThat(second.migrationsApplied()).isZero();
      assertThat(history(second.dataSource())).containsExactly("1:true", "2:true");
      assertThat(second.services().find("kept")).isPresent();
    }
  }

  @Test
  void onPlainPostgresTheTimescaleMigrationLeavesPlainTables() throws Exception {
    try (Database db = storage.newDatabase()) {
      assertThat(history(db.dataSource())).contains("2:true");
      assertThat(
              single(
                  db.dataSource(),
                  "SELECT count(*) FROM pg_extension WHERE extname = ?",
                  "timescaledb"))
          .isZero();
      // a plain table: the hourly rollup exists only on TimescaleDB
      assertThat(tables(db.dataSource(), "public")).doesNotContain("journey_red_hour");
    }
  }

  @Test
  void requiringTimescaleOnPlainPostgresFailsAndSaysWhy() {
    DatabaseConfig config =
        storage
            .newDatabaseConfig()
            .withTimescale(new TimescaleSettings(TimescaleSettings.Mode.REQUIRED, 30, 395));
    assertThatThrownBy(() -> Database.open(config).close())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("TimescaleDB is required");
  }

  @Test
  void migratesIntoAnotherSchemaAndTheRepositoriesFollow() throws Exception {
    DatabaseConfig config = storage.newDatabaseConfig().withSchema("slo_scout");
    try (Database db = Database.open(config)) {
      assertThat(tables(db.dataSource(), "slo_scout")).containsAll(TABLES);
      assertThat(tables(db.dataSource(), "public")).doesNotContainAnyElementsOf(TABLES);
      db.services().upsertServices(List.of(new ServiceRow("checkout", Fixtures.T0, Fixtures.T0)));
      assertThat(db.services().list()).extracting(ServiceRow::name).containsExactly("checkout");
    }
  }

  static List<String> tables(DataSource ds, String schema) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                    + " ORDER BY table_name")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private static List<String> history(DataSource ds) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT version, success FROM flyway_schema_history"
                    + " WHERE version IS NOT NULL ORDER BY installed_rank");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1) + ":" + rs.getBoolean(2));
      }
    }
    return out;
  }

  private static long single(DataSource ds, String sql, String param) throws Exception {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
