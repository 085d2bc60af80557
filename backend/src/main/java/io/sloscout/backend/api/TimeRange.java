package io.sloscout.backend.api;

import io.sloscout.backend.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * A {@code ?from&to} range: RFC 3339 instants or Unix seconds; {@code to} defaults to now and
 * {@code from} to {@code to} minus the default span. Whole minutes, as the aggregates are.
 */
public record TimeRange(Instant from, Instant to) {

  /** The longest range one request may read. */
  public static final Duration MAX = Duration.ofDays(90);

  /**
   * Parses the query parameters.
   *
   * @throws ProblemException 400 naming the parameter that is not valid
   */
  public static TimeRange parse(String from, String to, Instant now, Duration defaultSpan) {
    Instant t = to == null || to.isBlank() ? now : instant(to, "to");
    Instant f = from == null || from.isBlank() ? t.minus(defaultSpan) : instant(from, "from");
    if (!f.isBefore(t)) {
      throw ProblemException.badRequest("from must be before to");
    }
    if (Duration.between(f, t).compareTo(MAX) > 0) {
      throw ProblemException.badRequest("the range may span at most " + MAX.toDays() + " days");
    }
    // the last, still open minute is included
    Instant end = t.truncatedTo(ChronoUnit.MINUTES);
    if (end.isBefore(t)) {
      end = end.plus(Duration.ofMinutes(1));
    }
    return new TimeRange(f.truncatedTo(ChronoUnit.MINUTES), end);
  }

  private static Instant instant(String value, String name) {
    String v = value.strip();
    try {
      if (v.matches("-?\\d{1,12}(\\.\\d+)?")) {
        double seconds = Double.parseDouble(v);
        return Instant.ofEpochMilli(Math.round(seconds * 1000));
      }
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException | NumberFormatException e) {
      throw ProblemException.badRequest(
          name + " must be an RFC 3339 time (2024-06-05T12:00:00Z) or Unix seconds");
    }
  }

  public Duration length() {
    return Duration.between(from, to);
  }
}
