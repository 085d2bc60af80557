package io.sloscout.storage.migration;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How the schema uses TimescaleDB, passed to the migrations as Flyway placeholders so that any
 * Flyway runner (ours, or Quarkus' with {@code quarkus.flyway.placeholders.*}) can set them.
 *
 * @param mode whether to use TimescaleDB
 * @param retentionDays how long the per-minute series are kept (hypertable retention policies)
 * @param rollupRetentionDays how long the hourly journey rollup is kept
 */
public record TimescaleSettings(Mode mode, int retentionDays, int rollupRetentionDays) {

  /** Placeholder: {@code auto}, {@code required} or {@code off}. */
  public static final String MODE = "timescale";

  /** Placeholder: days of per-minute series to keep. */
  public static final String RETENTION_DAYS = "timescale_retention_days";

  /** Placeholder: days of the hourly rollup to keep. */
  public static final String ROLLUP_RETENTION_DAYS = "timescale_rollup_retention_days";

  /** Whether to use TimescaleDB. */
  public enum Mode {
    /** Use it when the extension is installed or can be created; plain tables otherwise. */
    AUTO,
    /** Fail the migration when the extension is neither installed nor can be created. */
    REQUIRED,
    /** Plain tables even where the extension is present. */
    OFF
  }

  public TimescaleSettings {
    Objects.requireNonNull(mode, "mode must not be null");
    if (retentionDays < 1) {
      throw new IllegalArgumentException("retentionDays must be at least 1: " + retentionDays);
    }
    if (rollupRetentionDays < 1) {
      throw new IllegalArgumentException(
          "rollupRetentionDays must be at least 1: " + rollupRetentionDays);
    }
  }

  /** Auto-detect, 30 days of minutes, 13 months of hours. */
  public static TimescaleSettings defaults() {
    return new TimescaleSettings(Mode.AUTO, 30, 395);
  }

  /** These settings as Flyway placeholders. */
  public Map<String, String> placeholders() {
    return Map.of(
        MODE, mode.name().toLowerCase(Locale.ROOT),
        RETENTION_DAYS, Integer.toString(retentionDays),
        ROLLUP_RETENTION_DAYS, Integer.toString(rollupRetentionDays));
  }

  /**
   * Reads the settings from Flyway placeholders; absent ones take their defaults.
   *
   * @throws IllegalArgumentException naming the placeholder whose value is not valid
   */
  public static TimescaleSettings fromPlaceholders(Map<String, String> placeholders) {
    TimescaleSettings defaults = defaults();
    String mode = placeholders.get(MODE);
    Mode parsedMode = defaults.mode();
    if (mode != null && !mode.isBlank()) {
      try {
        parsedMode = Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "placeholder " + MODE + " must be auto, required or off, got '" + mode + "'", e);
      }
    }
    return new TimescaleSettings(
        parsedMode,
        days(placeholders, RETENTION_DAYS, defaults.retentionDays()),
        days(placeholders, ROLLUP_RETENTION_DAYS, defaults.rollupRetentionDays()));
  }

  private static int days(Map<String, String> placeholders, String name, int fallback) {
    String value = placeholders.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int days = Integer.parseInt(value.trim());
      if (days < 1) {
        throw new IllegalArgumentException(
            "placeholder " + name + " must be a whole number of days, at least 1: " + value);
      }
      return days;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "placeholder " + name + " must be a whole number of days, got '" + value + "'", e);
    }
  }
}
