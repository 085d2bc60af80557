package io.sloscout.core.generation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A PromQL vector selector with a metric name: {@code metric{a="x",b=~"y"}}.
 *
 * @param metric the metric name
 * @param matchers the label matchers, in the order written
 */
record PromqlSelector(String metric, List<LabelMatcher> matchers) {

  PromqlSelector {
    Objects.requireNonNull(metric, "metric");
    matchers = List.copyOf(matchers);
  }

  /** Whether a series with this name and labels is selected (absent labels read as empty). */
  boolean matches(String name, Map<String, String> labels) {
    if (!metric.equals(name)) {
      return false;
    }
    for (LabelMatcher m : matchers) {
      if (!m.matches(labels.getOrDefault(m.name(), ""))) {
        return false;
      }
    }
    return true;
  }

  /** The matchers of one label. */
  List<LabelMatcher> on(String label) {
    return matchers.stream().filter(m -> m.name().equals(label)).toList();
  }

  /** Label names this selector constrains. */
  List<String> labelNames() {
    return matchers.stream().map(LabelMatcher::name).distinct().toList();
  }

  /** Parses the text inside braces ({@code a="x", b!~"y"}); null when it is not plain matchers. */
  static List<LabelMatcher> parseMatchers(String text) {
    List<LabelMatcher> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (true) {
      i = skip(text, i);
      if (i >= n) {
        return out;
      }
      int start = i;
      while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
        i++;
      }
      String name = text.substring(start, i);
      if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
        return null;
      }
      i = skip(text, i);
      String op;
      if (text.startsWith("=~", i) || text.startsWith("!~", i) || text.startsWith("!=", i)) {
        op = text.substring(i, i + 2);
        i += 2;
      } else if (text.startsWith("=", i)) {
        op = "=";
        i += 1;
      } else {
        return null;
      }
      i = skip(text, i);
      if (i >= n) {
        return null;
      }
      char quote = text.charAt(i);
      if (quote != '"' && quote != '\'' && quote != '`') {
        return null;
      }
      StringBuilder value = new StringBuilder();
      i++;
      while (i < n && text.charAt(i) != quote) {
        char c = text.charAt(i);
        if (c == '\\' && quote != '`' && i + 1 < n) {
          char e = text.charAt(++i);
          value.append(
              switch (e) {
                case 'n' -> '\n';
                case 't' -> '\t';
                default -> e;
              });
        } else {
          value.append(c);
        }
        i++;
      }
      if (i >= n) {
        return null;
      }
      i++;
      LabelMatcher m = LabelMatcher.of(name, op, value.toString());
      if (m == null) {
        return null;
      }
      out.add(m);
      i = skip(text, i);
      if (i < n) {
        if (text.charAt(i) != ',') {
          return null;
        }
        i++;
      }
    }
  }

  private static int skip(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** One label matcher; regular expressions are anchored at both ends, as in PromQL. */
  record LabelMatcher(String name, String op, String value, Pattern regex) {

    static LabelMatcher of(String name, String op, String value) {
      Pattern p = null;
      if (op.endsWith("~")) {
        try {
          p = Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
          return null;
        }
      }
      return new LabelMatcher(name, op, value, p);
    }

    boolean matches(String v) {
      return switch (op) {
        case "=" -> v.equals(value);
        case "!=" -> !v.equals(value);
        case "=~" -> regex.matcher(v).matches();
        case "!~" -> !regex.matcher(v).matches();
        default -> throw new IllegalStateException(op);
      };
    }
  }
}
