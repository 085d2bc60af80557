package io.sloscout.core.check;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A limit on a measured figure, such as {@code latency-p95<=200ms} or {@code error-rate<=0.01}.
 *
 * @param expression the text as the user wrote it, for reports and messages
 * @param limit in the metric's unit: a ratio, milliseconds or requests per second
 */
public record CheckAssertion(
    String expression, CheckMetric metric, Comparison comparison, double limit) {

  // longest operators first so that "<=" is not read as "<" followed by "=..."
  private static final Pattern FORM =
      Pattern.compile("\\s*([a-z0-9-]+)\\s*(<=|>=|<|>)\\s*([^\\s].*?)\\s*");
  private static final Pattern NUMBER_UNIT =
      Pattern.compile("([0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)\\s*(ms|s|us|%)?");

  public CheckAssertion {
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(comparison, "comparison");
    if (Double.isNaN(limit) || Double.isInfinite(limit) || limit < 0) {
      throw new IllegalArgumentException(
          "assertion '" + expression + "': the limit must be a finite number >= 0");
    }
  }

  /**
   * Parses {@code METRIC OP VALUE}: metrics as in {@link CheckMetric}, OP one of {@code <= < >= >};
   * latencies in {@code ms} (default), {@code s} or {@code us}; error rates as a ratio or {@code
   * %}; rps as a plain number.
   *
   * @throws IllegalArgumentException naming the expression and what is wrong with it
   */
  public static CheckAssertion parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("empty assertion (expected e.g. latency-p95<=200ms)");
    }
    Matcher m = FORM.matcher(expression.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw bad(
          expression, "expected METRIC OP VALUE, e.g. latency-p95<=200ms or error-rate<=0.01");
    }
    CheckMetric metric =
        CheckMetric.byLabel(m.group(1))
            .orElseThrow(
                () ->
                    bad(
                        expression,
                        "unknown metric '"
                            + m.group(1)
                            + "' (known: "
                            + CheckMetric.labels()
                            + ")"));
    Comparison comparison =
        switch (m.group(2)) {
          case "<=" -> Comparison.AT_MOST;
          case "<" -> Comparison.BELOW;
          case ">=" -> Comparison.AT_LEAST;
          default -> Comparison.ABOVE;
        };
    Matcher v = NUMBER_UNIT.matcher(m.group(3));
    if (!v.matches()) {
      throw bad(expression, "'" + m.group(3) + "' is not a number with an optional unit");
    }
    double number = Double.parseDouble(v.group(1));
    String unit = v.group(2) == null ? "" : v.group(2);
    double limit =
        switch (metric.unit()) {
          case MILLISECONDS ->
              switch (unit) {
                case "", "ms" -> number;
                case "s" -> number * 1000;
                case "us" -> number / 1000;
                default -> throw bad(expression, "latency takes ms, s or us, not '" + unit + "'");
              };
          case RATIO ->
              switch (unit) {
                case "" -> number;
                case "%" -> number / 100;
                default ->
                    throw bad(expression, "error-rate takes a ratio or %, not '" + unit + "'");
              };
          case PER_SECOND -> {
            if (!unit.isEmpty()) {
              throw bad(expression, "rps takes a plain number, not '" + unit + "'");
            }
            yield number;
          }
        };
    if (metric.unit() == CheckMetric.Unit.RATIO && limit > 1) {
      throw bad(expression, "an error rate is between 0 and 1 (or 0% and 100%)");
    }
    return new CheckAssertion(expression.trim(), metric, comparison, limit);
  }

  /** Evaluates this assertion on what a run measured. */
  public AssertionResult evaluate(LoadSummary load) {
    double actual = metric.valueIn(load);
    return new AssertionResult(this, actual, comparison.holds(actual, limit));
  }

  private static IllegalArgumentException bad(String expression, String why) {
    return new IllegalArgumentException("--assert '" + expression + "': " + why);
  }
}
