package io.sloscout.storage.migration;

import io.sloscout.core.journey.LatencyDistribution;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration 2: on TimescaleDB, the per-minute tables become hypertables with retention policies and
 * journeys get an hourly continuous aggregate ({@code journey_red_hour}); on plain PostgreSQL it
 * does nothing, so one set of migrations serves both.
 *
 * <p>It runs outside a transaction because continuous aggregates cannot be created inside one, and
 * every statement is idempotent ({@code if_not_exists}), so a migration that failed half-way can be
 * repaired and run again. Settings come from Flyway placeholders (see {@link TimescaleSettings}).
 * Flyway finds this class by scanning {@link Migrations#LOCATIONS}.
 */
public final class TimescaleMigration implements JavaMigration {

  private static final Logger LOG = LoggerFactory.getLogger(TimescaleMigration.class);

  /** The per-minute tables; each has {@code minute} in its primary key, as hypertables need. */
  static final List<String> MINUTE_TABLES =
      List.of("journey_red_minute", "operation_red_minute", "template_counts_minute");

  /** The hourly rollup of {@code journey_red_minute}. */
  public static final String HOURLY_VIEW = "journey_red_hour";

  static final String CREATE_EXTENSION = "CREATE EXTENSION IF NOT EXISTS timescaledb";

  /** What the server offers. */
  public enum ExtensionState {
    /** {@code timescaledb} is installed in this database. */
    INSTALLED,
    /** The server has the extension but this database has not created it. */
    AVAILABLE,
    /** Plain PostgreSQL. */
    ABSENT
  }

  /**
   * One statement with its bound parameters.
   *
   * @param text the SQL, with {@code ?} for each parameter
   * @param params the parameter values
   */
  public record Sql(String text, List<Object> params) {
    public Sql {
      Objects.requireNonNull(text, "text must not be null");
      params = List.copyOf(params);
    }

    static Sql of(String text, Object... params) {
      return new Sql(text, List.of(params));
    }
  }

  public TimescaleMigration() {}

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("2");
  }

  @Override
  public String getDescription() {
    return "timescale hypertables retention and hourly rollup";
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return false;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    TimescaleSettings settings =
        TimescaleSettings.fromPlaceholders(context.getConfiguration().getPlaceholders());
    Connection c = context.getConnection();
    ExtensionState state = detect(c);
    List<Sql> statements = statementsFor(state, settings);
    if (statements.isEmpty()) {
      LOG.info("TimescaleDB {} (mode {}): per-minute tables stay plain tables", state, settings);
      return;
    }
    int start = 0;
    if (statements.get(0).text().equals(CREATE_EXTENSION)) {
      try {
        execute(c, statements.get(0));
        start = 1;
      } catch (SQLException e) {
        if (settings.mode() == TimescaleSettings.Mode.REQUIRED) {
          throw new SQLException(
              "TimescaleDB is required (placeholder "
                  + TimescaleSettings.MODE
                  + "=required) but CREATE EXTENSION timescaledb failed: "
                  + e.getMessage(),
              e.getSQLState(),
              e);
        }
        // Typically: not in shared_preload_libraries, or no privilege. The schema works without.
        LOG.warn(
            "TimescaleDB is available but could not be created; plain tables: {}", e.toString());
        return;
      }
    }
    for (Sql sql : statements.subList(start, statements.size())) {
      execute(c, sql);
    }
    LOG.info("TimescaleDB: hypertables, retention and the hourly rollup are in place");
  }

  /** What the server connected to offers. */
  static ExtensionState detect(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = ?),"
                    + " EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = ?)");
        ResultSet rs = bind(ps, List.of("timescaledb", "timescaledb")).executeQuery()) {
      rs.next();
      if (rs.getBoolean(1)) {
        return ExtensionState.INSTALLED;
      }
      return rs.getBoolean(2) ? ExtensionState.AVAILABLE : ExtensionState.ABSENT;
    }
  }

  /**
   * The statements to run for a server in {@code state}: none on plain PostgreSQL (or with mode
   * off), the TimescaleDB features otherwise, preceded by {@code CREATE EXTENSION} where the
   * extension is available but not yet created.
   *
   * @throws IllegalStateException when the mode is required and the server has no TimescaleDB
   */
  public static List<Sql> statementsFor(ExtensionState state, TimescaleSettings settings) {
    if (settings.mode() == TimescaleSettings.Mode.OFF) {
      return List.of();
    }
    if (state == ExtensionState.ABSENT) {
      if (settings.mode() == TimescaleSettings.Mode.REQUIRED) {
        throw new IllegalStateException(
            "TimescaleDB is required (placeholder "
                + TimescaleSettings.MODE
                + "=required) but this PostgreSQL server does not have the timescaledb"
                + " extension");
      }
      return List.of();
    }
    List<Sql> out = new ArrayList<>();
    if (state == ExtensionState.AVAILABLE) {
      out.add(Sql.of(CREATE_EXTENSION));
    }
    for (String table : MINUTE_TABLES) {
      // our own (minute) indexes exist already; one chunk a day suits minute rows
      out.add(
          Sql.of(
              "SELECT create_hypertable(?::regclass, ?::name,"
                  + " chunk_time_interval => INTERVAL '1 day', create_default_indexes => FALSE,"
                  + " if_not_exists => TRUE, migrate_data => TRUE)",
              table,
              "minute"));
    }
    out.add(Sql.of(hourlyViewDdl()));
    // refresh the last few hours again and again: a Flink replay may rewrite recent minutes
    out.add(
        Sql.of(
            "SELECT add_continuous_aggregate_policy(?::regclass,"
                + " start_offset => INTERVAL '3 hours', end_offset => INTERVAL '1 hour',"
                + " schedule_interval => INTERVAL '30 minutes', if_not_exists => TRUE)",
            HOURLY_VIEW));
    for (String table : MINUTE_TABLES) {
      out.add(retention(table, settings.retentionDays()));
    }
    out.add(retention(HOURLY_VIEW, settings.rollupRetentionDays()));
    return List.copyOf(out);
  }

  private static Sql retention(String relation, int days) {
    return Sql.of(
        "SELECT add_retention_policy(?::regclass, drop_after => make_interval(days => ?),"
            + " if_not_exists => TRUE)",
        relation,
        days);
  }

  /**
   * The hourly rollup: sums of requests, errors and of each exact at-or-under bucket count (the
   * inputs of availability and latency SLIs). Sketches cannot be merged in SQL; the minute rows
   * keep them.
   */
  static String hourlyViewDdl() {
    StringBuilder sql =
        new StringBuilder("CREATE MATERIALIZED VIEW IF NOT EXISTS ")
            .append(HOURLY_VIEW)
            .append(" WITH (timescaledb.continuous) AS SELECT journey_id,")
            .append(" time_bucket(INTERVAL '1 hour', minute) AS hour,")
            .append(" sum(requests)::bigint AS requests, sum(errors)::bigint AS errors");
    List<Double> bounds = LatencyDistribution.BUCKETS_SECONDS;
    for (int i = 0; i < bounds.size(); i++) {
      sql.append(", sum(latency_at_or_under[")
          .append(i + 1)
          .append("])::bigint AS ")
          .append(bucketColumn(bounds.get(i)));
    }
    return sql.append(" FROM journey_red_minute")
        .append(" GROUP BY journey_id, time_bucket(INTERVAL '1 hour', minute) WITH NO DATA")
        .toString();
  }

  /** {@code le_250ms} for the 0.25 s bound. */
  static String bucketColumn(double boundSeconds) {
    return "le_" + Math.round(boundSeconds * 1000) + "ms";
  }

  private static void execute(Connection c, Sql sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.text())) {
      bind(ps, sql.params()).execute();
    }
  }

  private static PreparedStatement bind(PreparedStatement ps, List<Object> params)
      throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      ps.setObject(i + 1, params.get(i));
    }
    return ps;
  }
}
