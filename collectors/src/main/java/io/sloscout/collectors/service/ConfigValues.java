package io.sloscout.collectors.service;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations ({@code 30s}, {@code 1h30m}, {@code 500ms}) and byte sizes ({@code 4MiB}) in config.
 */
final class ConfigValues {

  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|KiB|MB|MiB|GB|GiB)?");

  private ConfigValues() {}

  /**
   * Parses {@code <n><unit>} parts with units d, h, m, s, ms ({@code 1m30s}), or ISO-8601 ({@code
   * PT30S}); zero is allowed, negative is not.
   *
   * @throws IllegalArgumentException with an example of the expected form
   */
  static Duration duration(String text) {
    String t = text == null ? "" : text.trim();
    if (t.startsWith("P") || t.startsWith("p")) {
      try {
        Duration d = Duration.parse(t);
        if (!d.isNegative()) {
          return d;
        }
      } catch (DateTimeParseException e) {
        // fall through to the common message
      }
      throw new IllegalArgumentException(durationError(text));
    }
    Matcher m = DURATION_PART.matcher(t);
    int pos = 0;
    Duration total = Duration.ZERO;
    while (pos < t.length() || pos == 0) {
      if (!m.find(pos) || m.start() != pos) {
        throw new IllegalArgumentException(durationError(text));
      }
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
              });
      pos = m.end();
    }
    return total;
  }

  private static String durationError(String text) {
    return "'" + text + "' is not a duration (expected e.g. 30s, 5m, 1h30m, 500ms)";
  }

  /**
   * Parses a byte count: a plain number or one with a unit (B, KiB, MiB, GiB binary; KB, MB, GB
   * decimal).
   */
  static long bytes(String text) {
    Matcher m = SIZE.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a size in bytes (expected e.g. 4194304, 4MiB, 512KiB)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2);
    long factor =
        switch (unit) {
          case "KB" -> 1000L;
          case "KiB" -> 1024L;
          case "MB" -> 1000L * 1000;
          case "MiB" -> 1024L * 1024;
          case "GB" -> 1000L * 1000 * 1000;
          case "GiB" -> 1024L * 1024 * 1024;
          default -> 1L;
        };
    return Math.multiplyExact(n, factor);
  }

  /** A boolean from an environment variable or flag: true/false, yes/no, on/off, 1/0. */
  static boolean bool(String text) {
    return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
    };
  }

  /** A TCP port; 0 means any free port. */
  static int port(String text) {
    try {
      int port = Integer.parseInt(text == null ? "" : text.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // the common message below
    }
    throw new IllegalArgumentException("'" + text + "' is not a port (0-65535, 0 = any free port)");
  }

  /** Reads a YAML duration: a string such as {@code 30s}. */
  static final class DurationDeserializer extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (Duration)
            ctxt.handleUnexpectedToken(
                Duration.class,
                p.currentToken(),
                p,
                "a duration needs a unit, like 30s, 5m, 1h or 500ms");
      }
      try {
        return duration(p.getText());
      } catch (IllegalArgumentException e) {
        throw ctxt.weirdStringException(p.getText(), Duration.class, e.getMessage());
      }
    }
  }

  /** Reads a YAML byte size: a number or a string such as {@code 4MiB}. */
  static final class BytesDeserializer extends JsonDeserializer<Long> {
    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
        return p.getLongValue();
      }
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (Long)
            ctxt.handleUnexpectedToken(
                Long.class, p.currentToken(), p, "a size in bytes, like 4194304 or 4MiB");
      }
      try {
        return bytes(p.getText());
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw ctxt.weirdStringException(p.getText(), Long.class, e.getMessage());
      }
    }
  }
}
