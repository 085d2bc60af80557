package io.sloscout.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sloscout.storage.migration.Migrations;
import javax.sql.DataSource;

/**
 * The relational store: a connection pool on PostgreSQL (or TimescaleDB) with the schema migrated
 * to this build's version, and the repositories over it.
 *
 * <p>A pool, not a plain data source, because PostgreSQL starts a process per connection: a Flink
 * sink flushing every second, or a REST request, must not pay for one each time. HikariCP is small,
 * has no dependencies beyond SLF4J, and validates connections after a database restart.
 */
public final class Database implements AutoCloseable {

  private final DatabaseConfig config;
  private final HikariDataSource dataSource;
  private final int migrationsApplied;

  private Database(DatabaseConfig config, HikariDataSource dataSource, int migrationsApplied) {
    this.config = config;
    this.dataSource = dataSource;
    this.migrationsApplied = migrationsApplied;
  }

  /**
   * Opens a pool and migrates the schema.
   *
   * @throws StorageException when the database cannot be reached or a migration fails
   */
  public static Database open(DatabaseConfig config) {
    Checks.notNull(config, "config");
    HikariDataSource pool = pool(config);
    try {
      int applied = Migrations.migrate(pool, config.schema(), config.timescale());
      return new Database(config, pool, applied);
    } catch (RuntimeException e) {
      pool.close();
      throw new StorageException("migrating " + config + " failed: " + rootMessage(e), e);
    }
  }

  /** Flyway wraps the reason in "Migration failed !": the innermost message says why. */
  private static String rootMessage(Throwable e) {
    String message = e.getMessage();
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t.getMessage() != null) {
        message = t.getMessage();
      }
    }
    return message;
  }

  private static HikariDataSource pool(DatabaseConfig config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("slo-scout-" + config.schema());
    hikari.setJdbcUrl(config.jdbcUrl());
    hikari.setUsername(config.user());
    hikari.setPassword(config.password());
    hikari.setMaximumPoolSize(config.maxPoolSize());
    hikari.setMinimumIdle(1);
    // one multi-row INSERT per batch instead of one round trip per row
    hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
    hikari.addDataSourceProperty("ApplicationName", "slo-scout");
    if (!config.schema().equals("public")) {
      // the schema is a checked identifier (DatabaseConfig); public stays reachable for the
      // TimescaleDB functions
      hikari.setConnectionInitSql("SET search_path TO " + config.schema() + ", public");
    }
    try {
      return new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new StorageException("connecting to " + config + " failed: " + e.getMessage(), e);
    }
  }

  /** The pooled data source, for code of its own (a Flink sink, a health check). */
  public DataSource dataSource() {
    return dataSource;
  }

  /** What this database was opened with. */
  public DatabaseConfig config() {
    return config;
  }

  /** Migrations this open applied: 0 when the schema was already up to date. */
  public int migrationsApplied() {
    return migrationsApplied;
  }

  public ServiceRepository services() {
    return new ServiceRepository(dataSource);
  }

  public JourneyRepository journeys() {
    return new JourneyRepository(dataSource);
  }

  public TemplateRepository templates() {
    return new TemplateRepository(dataSource);
  }

  public RecommendationRepository recommendations() {
    return new RecommendationRepository(dataSource);
  }

  public SloRepository slos() {
    return new SloRepository(dataSource);
  }

  public ArtifactRepository artifacts() {
    return new ArtifactRepository(dataSource);
  }

  public ReleaseDecisionRepository releaseDecisions() {
    return new ReleaseDecisionRepository(dataSource);
  }

  /** Closes the pool. */
  @Override
  public void close() {
    dataSource.close();
  }
}
