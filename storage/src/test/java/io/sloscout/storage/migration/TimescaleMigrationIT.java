package io.sloscout.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.core.journey.LatencyDistribution;
import io.sloscout.storage.Database;
import io.sloscout.storage.DatabaseConfig;
import io.sloscout.storage.JourneyMinute;
import io.sloscout.storage.LatencySketch;
import io.sloscout.storage.RedMeasures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The migrations against a real TimescaleDB container: hypertables, retention policies and the
 * hourly continuous aggregate. Runs only with {@code mvn -Pcontainers test}; the image can be
 * changed with {@code -Dtimescale.image=...}.
 */
@Tag("containers")
class TimescaleMigrationIT {

  private static final int PORT = 5432;
  private static GenericContainer<?> timescale;
  private static Database db;

  @BeforeAll
  static void start() {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new IllegalStateException(
          "-Pcontainers needs a Docker engine (Testcontainers found none); run without"
              + " -Pcontainers to skip the TimescaleDB tests");
    }
    String image = System.getProperty("timescale.image", "timescale/timescaledb:latest-pg17");
    timescale =
        new GenericContainer<>(DockerImageName.parse(image))
            .withEnv("POSTGRES_PASSWORD", "test")
            .withExposedPorts(PORT)
            // the entrypoint starts the server twice (init, then for real)
            .waitingFor(
                Wait.forLogMessage(".*database system is ready to accept connections.*", 2)
                    .withStartupTimeout(Duration.ofMinutes(3)));
    timescale.start();
    String url =
        "jdbc:postgresql://"
            + timescale.getHost()
            + ":"
            + timescale.getMappedPort(PORT)
            + "/postgres";
    db =
        Database.open(
            DatabaseConfig.of(url, "postgres", "test")
                .withTimescale(new TimescaleSettings(TimescaleSettings.Mode.REQUIRED, 7, 90)));
  }

  @AfterAll
  static void stop() {
    if (db != null) {
      db.close();
    }
    if (timescale != null) {
      timescale.stop();
    }
  }

  @Test
  void theMinuteTablesAreHypertables() throws Exception {
    assertThat(
            strings(
                "SELECT hypertable_name FROM timescaledb_information.hypertables"
                    + " ORDER BY hypertable_name"))
        .containsExactly("journey_red_minute", "operation_red_minute", "template_counts_minute");
  }

  @Test
  void retentionPoliciesFollowTheSettings() throws Exception {
    assertThat(
            strings(
                "SELECT hypertable_name || '=' || (config->>'drop_after')"
                    + " FROM timescaledb_information.jobs"
                    + " WHERE proc_name = 'policy_retention' ORDER BY hypertable_name"))
        .contains(
            "journey_red_minute=7 days",
            "operation_red_minute=7 days",
            "template_counts_minute=7 days");
  }

  @Test
  void theHourlyRollupSumsTheMinutes() throws Exception {
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
    List<Long> buckets =
        new ArrayList<>(Collections.nCopies(LatencyDistribution.BUCKETS_SECONDS.size(), 3L));
    RedMeasures three = RedMeasures.of(3, 1, LatencySketch.empty(), buckets);
    db.journeys()
        .upsertJourneyMinutes(
            List.of(
                new JourneyMinute("j", hour, three),
                new JourneyMinute("j", hour.plus(Duration.ofMinutes(1)), three)));
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CALL refresh_continuous_aggregate('journey_red_hour', NULL, NULL)");
    }
    assertThat(strings("SELECT requests || '/' || errors || '/' || le_100ms FROM journey_red_hour"))
        .containsExactly("6/2/6");
  }

  @Test
  void migratingAgainIsANoOp() {
    DataSource ds = db.dataSource();
    assertThat(Migrations.migrate(ds, "public", TimescaleSettings.defaults())).isZero();
  }

  private static List<String> strings(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
