package io.sloscout.core.spec;

/**
 * A service level indicator as an error ratio. Queries are PromQL templates in which {@code
 * {{.window}}} stands for the range of the rate, as in Sloth.
 */
public sealed interface Sli permits Sli.Events, Sli.Raw, Sli.Latency {

  /** The window placeholder used in query templates. */
  String WINDOW = "{{.window}}";

  /** Error and total event rates; the error ratio is their quotient. */
  record Events(String errorQuery, String totalQuery) implements Sli {
    public Events {
      requireText(errorQuery, "errorQuery");
      requireText(totalQuery, "totalQuery");
    }
  }

  /** A query that already yields the error ratio. */
  record Raw(String errorRatioQuery) implements Sli {
    public Raw {
      requireText(errorRatioQuery, "errorRatioQuery");
    }
  }

  /**
   * Latency from a Prometheus histogram: requests slower than {@code thresholdSeconds} are errors.
   *
   * @param metric the histogram's base name, without {@code _bucket} / {@code _count}
   * @param matchers PromQL label matchers without braces ({@code job="api",route="/x"}), may be
   *     empty
   * @param thresholdSeconds the {@code le} bucket bound that counts as fast enough
   * @param buckets the histogram's bucket bounds in seconds, ascending
   */
  record Latency(
      String metric, String matchers, double thresholdSeconds, java.util.List<Double> buckets)
      implements Sli {
    public Latency {
      requireText(metric, "metric");
      matchers = matchers == null ? "" : matchers.trim();
      if (!(thresholdSeconds > 0)) {
        throw new IllegalArgumentException("latency threshold must be positive");
      }
      buckets = java.util.List.copyOf(buckets);
    }
  }

  private static void requireText(String s, String name) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }
}
