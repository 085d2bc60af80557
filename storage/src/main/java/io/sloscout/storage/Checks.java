package io.sloscout.storage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Argument checks whose messages name the field, so bad input is easy to trace to its source. */
final class Checks {

  private Checks() {}

  static <T> T notNull(T value, String field) {
    if (value == null) {
      throw new NullPointerException(field + " must not be null");
    }
    return value;
  }

  static String notBlank(String value, String field) {
    notNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return value;
  }

  static long notNegative(long value, String field) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must not be negative: " + value);
    }
    return value;
  }

  static double finite(double value, String field) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be a finite number: " + value);
    }
    return value;
  }

  /** A minute of a per-minute series: whole minutes only, so that one minute has one key. */
  static Instant wholeMinute(Instant value, String field) {
    notNull(value, field);
    if (!value.truncatedTo(ChronoUnit.MINUTES).equals(value)) {
      throw new IllegalArgumentException(field + " must be a whole minute: " + value);
    }
    return value;
  }

  static void seenOrder(Instant firstSeen, Instant lastSeen) {
    notNull(firstSeen, "firstSeen");
    notNull(lastSeen, "lastSeen");
    if (firstSeen.isAfter(lastSeen)) {
      throw new IllegalArgumentException(
          "firstSeen must not be after lastSeen: " + firstSeen + " > " + lastSeen);
    }
  }

  static void range(Instant from, Instant to) {
    notNull(from, "from");
    notNull(to, "to");
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from must not be after to: " + from + " > " + to);
    }
  }

  static <T> List<T> noNullElements(List<T> values, String field) {
    notNull(values, field);
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        throw new NullPointerException(field + "[" + i + "] must not be null");
      }
    }
    return values;
  }
}
