package io.sloscout.core.spec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration in Prometheus notation ({@code 5m}, {@code 1h30m}, {@code 30d}), exact to the second.
 */
public record PromDuration(long seconds) implements Comparable<PromDuration> {

  private static final Pattern PART = Pattern.compile("(\\d+)(ms|y|w|d|h|m|s)");
  private static final long MINUTE = 60;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final long WEEK = 7 * DAY;

  public PromDuration {
    if (seconds <= 0) {
      throw new IllegalArgumentException("duration must be positive, got " + seconds + "s");
    }
  }

  public static PromDuration ofSeconds(long seconds) {
    return new PromDuration(seconds);
  }

  public static PromDuration ofMinutes(long minutes) {
    return new PromDuration(minutes * MINUTE);
  }

  public static PromDuration ofHours(long hours) {
    return new PromDuration(hours * HOUR);
  }

  public static PromDuration ofDays(long days) {
    return new PromDuration(days * DAY);
  }

  /**
   * Parses Prometheus duration syntax: one or more {@code <n><unit>} parts with units y, w, d, h,
   * m, s (ms is accepted when it adds up to whole seconds).
   *
   * @throws IllegalArgumentException naming the text when it is not a positive duration
   */
  public static PromDuration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty duration");
    }
    String t = text.trim();
    Matcher m = PART.matcher(t);
    int pos = 0;
    long millis = 0;
    while (pos < t.length()) {
      if (!m.find(pos) || m.start() != pos) {
        throw new IllegalArgumentException(
            "'" + text + "' is not a duration (expected e.g. 5m, 1h, 30d)");
      }
      long n = Long.parseLong(m.group(1));
      millis +=
          switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1000;
            case "m" -> n * MINUTE * 1000;
            case "h" -> n * HOUR * 1000;
            case "d" -> n * DAY * 1000;
            case "w" -> n * WEEK * 1000;
            case "y" -> n * 365 * DAY * 1000;
            default -> throw new IllegalStateException(m.group(2));
          };
      pos = m.end();
    }
    if (millis % 1000 != 0) {
      throw new IllegalArgumentException("'" + text + "' is not a whole number of seconds");
    }
    if (millis <= 0) {
      throw new IllegalArgumentException("'" + text + "' must be longer than zero");
    }
    return new PromDuration(millis / 1000);
  }

  public double days() {
    return seconds / (double) DAY;
  }

  public double hours() {
    return seconds / (double) HOUR;
  }

  /** Canonical Prometheus notation: the largest unit that divides exactly, else a compound. */
  @Override
  public String toString() {
    if (seconds % DAY == 0) {
      return seconds / DAY + "d";
    }
    if (seconds % HOUR == 0) {
      return seconds / HOUR + "h";
    }
    if (seconds % MINUTE == 0) {
      return seconds / MINUTE + "m";
    }
    StringBuilder sb = new StringBuilder();
    long rest = seconds;
    long[] units = {DAY, HOUR, MINUTE, 1};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (rest >= units[i]) {
        sb.append(rest / units[i]).append(names[i]);
        rest %= units[i];
      }
    }
    return sb.toString();
  }

  @Override
  public int compareTo(PromDuration o) {
    return Long.compare(seconds, o.seconds);
  }
}
