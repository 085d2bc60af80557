package io.sloscout.storage;

import io.sloscout.storage.migration.TimescaleSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the database is and how to use it.
 *
 * @param jdbcUrl a {@code jdbc:postgresql:} URL
 * @param user the user name
 * @param password the password, or null where the server trusts the connection
 * @param schema the schema holding the tables (created by the migrations when missing)
 * @param maxPoolSize connections in the pool
 * @param timescale how the migrations use TimescaleDB
 */
public record DatabaseConfig(
    String jdbcUrl,
    String user,
    String password,
    String schema,
    int maxPoolSize,
    TimescaleSettings timescale) {

  /** Unquoted PostgreSQL identifiers only: the schema goes into a search_path. */
  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  public DatabaseConfig {
    Checks.notBlank(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "jdbcUrl must be a jdbc:postgresql: URL, got " + redactUrl(jdbcUrl));
    }
    Checks.notBlank(user, "user");
    Checks.notNull(schema, "schema");
    if (!SCHEMA.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          "schema must be a lower-case identifier ([a-z_][a-z0-9_]*), got '" + schema + "'");
    }
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("maxPoolSize must be at least 1: " + maxPoolSize);
    }
    Checks.notNull(timescale, "timescale");
  }

  /** Schema {@code public}, a pool of 4, TimescaleDB when present. */
  public static DatabaseConfig of(String jdbcUrl, String user, String password) {
    return new DatabaseConfig(jdbcUrl, user, password, "public", 4, TimescaleSettings.defaults());
  }

  /**
   * From environment variables: {@code SLO_SCOUT_DB_URL}, {@code SLO_SCOUT_DB_USER}, the password
   * from {@code SLO_SCOUT_DB_PASSWORD} or from the file named by {@code SLO_SCOUT_DB_PASSWORD_FILE}
   * (a mounted secret), and optionally {@code SLO_SCOUT_DB_SCHEMA} and {@code
   * SLO_SCOUT_DB_POOL_SIZE}.
   *
   * @param env the environment, usually {@code System.getenv()}
   */
  public static DatabaseConfig fromEnvironment(Map<String, String> env) {
    String url = env.get("SLO_SCOUT_DB_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("SLO_SCOUT_DB_URL must be set");
    }
    String password = env.get("SLO_SCOUT_DB_PASSWORD");
    String passwordFile = env.get("SLO_SCOUT_DB_PASSWORD_FILE");
    if (passwordFile != null && !passwordFile.isBlank()) {
      try {
        password = Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "SLO_SCOUT_DB_PASSWORD_FILE " + passwordFile + " cannot be read", e);
      }
    }
    DatabaseConfig config =
        of(url, env.getOrDefault("SLO_SCOUT_DB_USER", "slo_scout"), password)
            .withSchema(env.getOrDefault("SLO_SCOUT_DB_SCHEMA", "public"));
    String pool = env.get("SLO_SCOUT_DB_POOL_SIZE");
    if (pool != null && !pool.isBlank()) {
      try {
        config = config.withMaxPoolSize(Integer.parseInt(pool.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "SLO_SCOUT_DB_POOL_SIZE must be a whole number, got '" + pool + "'", e);
      }
    }
    return config;
  }

  public DatabaseConfig withSchema(String schema) {
    return new DatabaseConfig(jdbcUrl, user, password, schema, maxPoolSize, timescale);
  }

  public DatabaseConfig withMaxPoolSize(int maxPoolSize) {
    return new DatabaseConfig(jdbcUrl, user, password, schema, maxPoolSize, timescale);
  }

  public DatabaseConfig withTimescale(TimescaleSettings timescale) {
    return new DatabaseConfig(jdbcUrl, user, password, schema, maxPoolSize, timescale);
  }

  /** Never prints the password (nor one embedded in the URL). */
  @Override
  public String toString() {
    return "DatabaseConfig[jdbcUrl="
        + redactUrl(jdbcUrl)
        + ", user="
        + user
        + ", password="
        + (password == null ? "none" : "***")
        + ", schema="
        + schema
        + ", maxPoolSize="
        + maxPoolSize
        + ", timescale="
        + timescale
        + "]";
  }

  private static String redactUrl(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }
}
