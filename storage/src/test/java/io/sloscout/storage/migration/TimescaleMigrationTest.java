package io.sloscout.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sloscout.storage.migration.TimescaleMigration.ExtensionState;
import io.sloscout.storage.migration.TimescaleMigration.Sql;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The TimescaleDB branch without a TimescaleDB: what would run when the extension is there. */
class TimescaleMigrationTest {

  private static final TimescaleSettings DEFAULTS = TimescaleSettings.defaults();

  @Test
  void anInstalledExtensionGetsHypertablesRetentionAndTheHourlyRollup() {
    List<Sql> sql = TimescaleMigration.statementsFor(ExtensionState.INSTALLED, DEFAULTS);

    assertThat(sql).noneMatch(s -> s.text().contains("CREATE EXTENSION"));
    assertThat(sql.stream().filter(s -> s.text().contains("create_hypertable")))
        .extracting(s -> s.params().get(0))
        .containsExactly("journey_red_minute", "operation_red_minute", "template_counts_minute");
    assertThat(sql)
        .anyMatch(
            s ->
                s.text().startsWith("CREATE MATERIALIZED VIEW IF NOT EXISTS journey_red_hour")
                    && s.text().contains("WITH (timescaledb.continuous)")
                    && s.text().contains("time_bucket(INTERVAL '1 hour', minute)"));
    assertThat(sql)
        .anyMatch(
            s ->
                s.text().contains("add_continuous_aggregate_policy")
                    && s.params().equals(List.of("journey_red_hour")));
    assertThat(sql.stream().filter(s -> s.text().contains("add_retention_policy")))
        .extracting(Sql::params)
        .containsExactly(
            List.of("journey_red_minute", 30),
            List.of("operation_red_minute", 30),
            List.of("template_counts_minute", 30),
            List.of("journey_red_hour", 395));
  }

  @Test
  void retentionComesFromThePlaceholders() {
    TimescaleSettings settings =
        TimescaleSettings.fromPlaceholders(
            Map.of("timescale_retention_days", "7", "timescale_rollup_retention_days", "90"));
    List<Sql> sql = TimescaleMigration.statementsFor(ExtensionState.INSTALLED, settings);

    assertThat(sql.stream().filter(s -> s.text().contains("add_retention_policy")))
        .extracting(s -> s.params().get(1))
        .containsExactly(7, 7, 7, 90);
  }

  @Test
  void anAvailableExtensionIsCreatedFirst() {
    List<Sql> sql = TimescaleMigration.statementsFor(ExtensionState.AVAILABLE, DEFAULTS);
    assertThat(sql.get(0).text()).isEqualTo("CREATE EXTENSION IF NOT EXISTS timescaledb");
    assertThat(sql)
        .hasSize(TimescaleMigration.statementsFor(ExtensionState.INSTALLED, DEFAULTS).size() + 1);
  }

  @Test
  void plainPostgresAndModeOffGetNothing() {
    assertThat(TimescaleMigration.statementsFor(ExtensionState.ABSENT, DEFAULTS)).isEmpty();
    TimescaleSettings off = new TimescaleSettings(TimescaleSettings.Mode.OFF, 30, 395);
    assertThat(TimescaleMigration.statementsFor(ExtensionState.INSTALLED, off)).isEmpty();
  }

  @Test
  void modeRequiredWithoutTheExtensionFails() {
    TimescaleSettings required = new TimescaleSettings(TimescaleSettings.Mode.REQUIRED, 30, 395);
    assertThatThrownBy(() -> TimescaleMigration.statementsFor(ExtensionState.ABSENT, required))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("TimescaleDB is required");
  }

  @Test
  void theRollupHasOneColumnPerLatencyBucket() {
    String ddl = TimescaleMigration.hourlyViewDdl();
    assertThat(ddl)
        .contains("sum(latency_at_or_under[1])::bigint AS le_5ms")
        .contains("sum(latency_at_or_under[6])::bigint AS le_100ms")
        .contains("sum(latency_at_or_under[14])::bigint AS le_10000ms");
  }

  @Test
  void badPlaceholdersAreRefusedNamingThem() {
    assertThatThrownBy(() -> TimescaleSettings.fromPlaceholders(Map.of("timescale", "maybe")))
        .hasMessageContaining("placeholder timescale must be auto, required or off");
    assertThatThrownBy(
            () -> TimescaleSettings.fromPlaceholders(Map.of("timescale_retention_days", "0")))
        .hasMessageContaining("timescale_retention_days");
    assertThatThrownBy(
            () ->
                TimescaleSettings.fromPlaceholders(Map.of("timescale_rollup_retention_days", "x")))
        .hasMessageContaining("timescale_rollup_retention_days");
    assertThat(TimescaleSettings.fromPlaceholders(DEFAULTS.placeholders())).isEqualTo(DEFAULTS);
  }
}
