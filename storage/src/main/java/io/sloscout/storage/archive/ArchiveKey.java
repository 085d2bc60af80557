package io.sloscout.storage.archive;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one part of the archive lives: {@code
 * events/service=<service>/date=YYYY-MM-DD/hour=HH/<partId>.ndjson.gz} (UTC), Hive-style so query
 * engines can prune by service, date and hour. The service is percent-encoded outside {@code
 * [A-Za-z0-9._-]}, so no service name can add a path segment.
 *
 * @param service the service whose events the part holds
 * @param hour the start of the hour (a whole UTC hour)
 * @param partId the writer's id for the part ({@code [A-Za-z0-9._-]+}); writing the same id again
 *     replaces the part, so a writer that names parts after its checkpoint is idempotent
 */
public record ArchiveKey(String service, Instant hour, String partId) {

  /** Every key starts with this. */
  public static final String ROOT = "events/";

  static final String SUFFIX = ".ndjson.gz";

  private static final Pattern PART_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");
  private static final Pattern KEY =
      Pattern.compile(
          "events/service=([^/]+)/date=(\\d{4}-\\d{2}-\\d{2})/hour=(\\d{2})/([A-Za-z0-9._-]+)"
              + Pattern.quote(SUFFIX));

  public ArchiveKey {
    Objects.requireNonNull(service, "service must not be null");
    if (service.isBlank()) {
      throw new IllegalArgumentException("service must not be blank");
    }
    Objects.requireNonNull(hour, "hour must not be null");
    if (!hour.truncatedTo(ChronoUnit.HOURS).equals(hour)) {
      throw new IllegalArgumentException("hour must be a whole hour: " + hour);
    }
    Objects.requireNonNull(partId, "partId must not be null");
    if (!PART_ID.matcher(partId).matches()) {
      throw new IllegalArgumentException(
          "partId must be 1-200 of A-Z, a-z, 0-9, '.', '_', '-', got '" + partId + "'");
    }
  }

  /** The object name. */
  public String objectName() {
    ZonedDateTime t = hour.atZone(ZoneOffset.UTC);
    return servicePrefix(service) + datePath(t.toLocalDate()) + hourPath(t) + partId + SUFFIX;
  }

  /** The key of an object name, or empty for an object that is not an archive part. */
  public static Optional<ArchiveKey> parse(String objectName) {
    Matcher m = KEY.matcher(objectName);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      String service = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
      Instant hour =
          LocalDate.parse(m.group(2))
              .atStartOfDay(ZoneOffset.UTC)
              .plusHours(Integer.parseInt(m.group(3)))
              .toInstant();
      return Optional.of(new ArchiveKey(service, hour, m.group(4)));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** {@code events/service=<encoded>/}. */
  static String servicePrefix(String service) {
    return ROOT + "service=" + encode(service) + "/";
  }

  static String datePath(LocalDate date) {
    return "date=" + date + "/";
  }

  private static String hourPath(ZonedDateTime t) {
    return String.format("hour=%02d/", t.getHour());
  }

  /** Percent-encodes every byte outside {@code [A-Za-z0-9._-]}. */
  static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '.'
          || c == '_'
          || c == '-') {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }
}
