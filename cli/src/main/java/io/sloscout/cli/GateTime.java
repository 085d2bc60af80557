package io.sloscout.cli;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Parses the gate's evaluation time: RFC 3339 or Unix seconds. */
final class GateTime {

  private static final Pattern UNIX = Pattern.compile("\\d+(\\.\\d+)?");

  private GateTime() {}

  /**
   * {@code 2024-06-05T12:00:00Z}, {@code 2024-06-05T14:00:00+02:00} or {@code 1717588800}.
   *
   * @throws InputException naming {@code option} when the text is neither
   */
  static Instant parse(String text, String option) {
    String t = text.strip();
    if (UNIX.matcher(t).matches()) {
      BigDecimal s = new BigDecimal(t);
      long seconds = s.longValue();
      int nanos = s.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).intValue();
      return Instant.ofEpochSecond(seconds, nanos);
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      throw new InputException(
          option
              + ": '"
              + text
              + "' is neither an RFC 3339 time (2024-06-05T12:00:00Z) nor Unix seconds");
    }
  }
}
