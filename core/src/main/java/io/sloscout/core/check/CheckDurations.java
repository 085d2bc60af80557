package io.sloscout.core.check;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations on the {@code check} command line: {@code 30s}, {@code 2m}, {@code 1m30s}, {@code
 * 500ms}.
 */
public final class CheckDurations {

  private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");

  private CheckDurations() {}

  /**
   * Parses one or more {@code <n><unit>} parts with units h, m, s, ms.
   *
   * @param option the option name, for the message
   * @throws IllegalArgumentException naming the option and text when it is not a positive duration
   */
  public static Duration parse(String option, String text) {
    String t = text == null ? "" : text.trim();
    Matcher m = PART.matcher(t);
    int pos = 0;
    Duration total = Duration.ZERO;
    while (pos < t.length() || pos == 0) {
      if (!m.find(pos) || m.start() != pos) {
        throw new IllegalArgumentException(
            option + ": '" + text + "' is not a duration (expected e.g. 30s, 2m, 1m30s, 500ms)");
      }
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
              });
      pos = m.end();
    }
    if (total.isZero()) {
      throw new IllegalArgumentException(option + ": '" + text + "' must be longer than zero");
    }
    return total;
  }

  /** The shortest text {@link #parse} reads back as {@code d}, such as {@code 1m30s}. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long hours = d.toHours();
    int minutes = d.toMinutesPart();
    int seconds = d.toSecondsPart();
    int millis = d.toMillisPart();
    if (hours > 0) {
      sb.append(hours).append('h');
    }
    if (minutes > 0) {
      sb.append(minutes).append('m');
    }
    if (seconds > 0) {
      sb.append(seconds).append('s');
    }
    if (millis > 0) {
      sb.append(millis).append("ms");
    }
    return sb.toString();
  }
}
