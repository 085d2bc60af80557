package io.sloscout.core.gate;

import io.sloscout.core.generation.PromqlText;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Sli;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The instant queries the gate runs, built from the SLI's own PromQL so they work whether or not
 * the recording rules are deployed.
 */
public final class GateQueries {

  private static final Pattern INCREASE = Pattern.compile("\\bincrease\\s*\\(");
  private static final Pattern RATE = Pattern.compile("\\b(rate|irate)\\s*\\(");

  private GateQueries() {}

  /** The SLI's error ratio over {@code window}, the same expression the recording rules use. */
  public static String errorRatio(Sli sli, PromDuration window) {
    return PromqlText.errorRatio(sli, window);
  }

  /**
   * A query for the number of events over {@code window}, empty for a raw error-ratio SLI (it has
   * no event count).
   */
  public static Optional<EventQuery> events(Sli sli, PromDuration window) {
    if (sli instanceof Sli.Events e) {
      String total = PromqlText.withWindow(e.totalQuery().strip(), window);
      // A total written with increase() already counts events; one with rate() counts per second.
      boolean counts = INCREASE.matcher(total).find() && !RATE.matcher(total).find();
      return Optional.of(new EventQuery(total, counts ? 1 : window.seconds()));
    }
    if (sli instanceof Sli.Latency l) {
      String sel = l.metric() + "_count" + (l.matchers().isEmpty() ? "" : "{" + l.matchers() + "}");
      return Optional.of(
          new EventQuery("sum(rate(" + sel + "[" + window + "]))", window.seconds()));
    }
    return Optional.empty();
  }

  /**
   * A query whose value times {@code multiplier} is an event count.
   *
   * @param promql the instant query
   * @param multiplier the window's length in seconds for a per-second rate, else 1
   */
  public record EventQuery(String promql, double multiplier) {}
}
