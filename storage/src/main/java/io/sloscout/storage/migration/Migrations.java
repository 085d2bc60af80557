package io.sloscout.storage.migration;

import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Runs the schema migrations: the SQL ones in {@code db/migration} and the Java ones in this
 * package. The jobs and the backend run the same set; a Flyway run by someone else (Quarkus) must
 * use {@link #LOCATIONS} and the placeholders of {@link TimescaleSettings}.
 */
public final class Migrations {

  /** Where Flyway finds the migrations. */
  public static final String[] LOCATIONS = {
    "classpath:db/migration", "classpath:io/sloscout/storage/migration"
  };

  private Migrations() {}

  /**
   * A Flyway configuration for {@code dataSource}: the schema (created when missing) holds the
   * tables and the history table.
   */
  public static FluentConfiguration configure(
      DataSource dataSource, String schema, TimescaleSettings timescale) {
    Objects.requireNonNull(dataSource, "dataSource must not be null");
    Objects.requireNonNull(schema, "schema must not be null");
    Objects.requireNonNull(timescale, "timescale must not be null");
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .schemas(schema)
        .locations(LOCATIONS)
        .placeholders(timescale.placeholders())
        // a misnamed migration file fails the run instead of being skipped without a word
        .validateMigrationNaming(true);
  }

  /**
   * Brings the schema up to date; a second run is a no-op.
   *
   * @return the number of migrations applied by this run
   */
  public static int migrate(DataSource dataSource, String schema, TimescaleSettings timescale) {
    return configure(dataSource, schema, timescale).load().migrate().migrationsExecuted;
  }
}
