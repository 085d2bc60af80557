package io.sloscout.core.generation;

import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Sli;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PromQL text helpers: numbers, label names, selectors and the window placeholder. */
public final class PromqlText {

  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  // Sloth renders queries as Go templates, so {{ .window }} with spaces is the same placeholder.
  private static final Pattern WINDOW = Pattern.compile("\\{\\{\\s*\\.window\\s*}}");

  private PromqlText() {}

  /** A decimal number without binary noise or trailing zeros: 0.999, 14.4, 30. */
  static String number(double v) {
    return number(BigDecimal.valueOf(v));
  }

  static String number(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.signum() == 0 ? "0" : s.toPlainString();
  }

  /** The error budget {@code 1 - objective}, computed in decimal: 0.999 gives 0.001. */
  static BigDecimal budget(double objective) {
    return BigDecimal.ONE.subtract(BigDecimal.valueOf(objective));
  }

  /**
   * A histogram bound as Prometheus client libraries write {@code le}: Go's {@code
   * strconv.FormatFloat(v, 'g', -1, 64)}, so 0.3, 1, 2.5, 1e+06.
   */
  static String goFloat(double v) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return "0";
    }
    BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    int exp = d.precision() - d.scale() - 1;
    if (exp < -4 || exp >= 6) {
      // 'g' with the shortest precision switches to exponent form from 1e+06 on.
      String digits = d.unscaledValue().abs().toString();
      StringBuilder sb = new StringBuilder(d.signum() < 0 ? "-" : "");
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      sb.append('e').append(exp < 0 ? '-' : '+');
      String e = Integer.toString(Math.abs(exp));
      sb.append(e.length() < 2 ? "0" + e : e);
      return sb.toString();
    }
    return d.toPlainString();
  }

  /** The query with every window placeholder replaced by {@code window}. */
  public static String withWindow(String query, PromDuration window) {
    return WINDOW.matcher(query).replaceAll(Matcher.quoteReplacement(window.toString()));
  }

  /** True when the text contains the window placeholder. */
  static boolean hasWindow(String query) {
    return WINDOW.matcher(query).find();
  }

  /** The regex that finds the window placeholder, for parsers. */
  static Pattern windowPattern() {
    return WINDOW;
  }

  /** Whether {@code s} is a valid label name (and not reserved with {@code __}). */
  static boolean isLabelName(String s) {
    return s != null && LABEL_NAME.matcher(s).matches() && !s.startsWith("__");
  }

  static boolean isMetricName(String s) {
    return s != null && METRIC_NAME.matcher(s).matches();
  }

  /** A double-quoted PromQL string literal. */
  static String string(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  /** {@code {a="x", b="y"}} in the map's order. */
  static String matchers(Map<String, String> labels) {
    StringBuilder sb = new StringBuilder("{");
    labels.forEach(
        (k, v) -> {
          if (sb.length() > 1) {
            sb.append(", ");
          }
          sb.append(k).append('=').append(string(v));
        });
    return sb.append('}').toString();
  }

  /** The error-ratio query of an SLI for one window, before any wrapping. */
  public static String errorRatio(Sli sli, PromDuration window) {
    if (sli instanceof Sli.Events e) {
      return "("
          + withWindow(e.errorQuery().strip(), window)
          + ")\n/\n("
          + withWindow(e.totalQuery().strip(), window)
          + ")";
    }
    if (sli instanceof Sli.Raw r) {
      return withWindow(r.errorRatioQuery().strip(), window);
    }
    return latency((Sli.Latency) sli, window);
  }

  private static String latency(Sli.Latency l, PromDuration window) {
    String le = "le=" + string(goFloat(thresholdBucket(l)));
    String m = l.matchers();
    String countSel = l.metric() + "_count" + (m.isEmpty() ? "" : "{" + m + "}");
    String bucketSel = l.metric() + "_bucket{" + (m.isEmpty() ? "" : m + ",") + le + "}";
    String count = "sum(rate(" + countSel + "[" + window + "]))";
    String fast = "sum(rate(" + bucketSel + "[" + window + "]))";
    return "(\n  " + count + "\n  -\n  " + fast + "\n)\n/\n" + count;
  }

  /**
   * The bucket bound equal to the latency threshold.
   *
   * @throws IllegalArgumentException when the threshold is not one of the histogram's buckets,
   *     since any other {@code le} would select no series and the SLI would read as always good
   */
  static double thresholdBucket(Sli.Latency l) {
    for (double b : l.buckets()) {
      if (b == l.thresholdSeconds()) {
        return b;
      }
    }
    StringBuilder known = new StringBuilder();
    for (double b : l.buckets()) {
      known.append(known.length() == 0 ? "" : ", ").append(goFloat(b));
    }
    throw new IllegalArgumentException(
        "latency threshold "
            + goFloat(l.thresholdSeconds())
            + "s of histogram "
            + l.metric()
            + " is not one of its buckets ["
            + known
            + "]");
  }
}
