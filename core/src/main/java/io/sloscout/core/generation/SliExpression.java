package io.sloscout.core.generation;

import io.sloscout.core.spec.Sli;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The arithmetic shape of an SLI's error-ratio query when it is built only from numbers and {@code
 * sum(rate(selector[window]))} (or {@code increase}) terms, so that synthetic traffic can drive it
 * and its value can be computed outside Prometheus.
 */
sealed interface SliExpression {

  /** Evaluates the expression; {@code leaf} gives a term's value or null for an empty vector. */
  Double eval(Function<SumRate, Double> leaf);

  /** The {@code sum(rate(...))} terms, in order of appearance. */
  default List<SumRate> leaves() {
    List<SumRate> out = new ArrayList<>();
    collect(this, out);
    return out;
  }

  private static void collect(SliExpression e, List<SumRate> out) {
    if (e instanceof SumRate s) {
      out.add(s);
    } else if (e instanceof Binary b) {
      collect(b.left(), out);
      collect(b.right(), out);
    }
  }

  /** A number literal. */
  record Num(double value) implements SliExpression {
    @Override
    public Double eval(Function<SumRate, Double> leaf) {
      return value;
    }
  }

  /** {@code sum(rate(selector[window]))}, or {@code increase} when {@code increase} is set. */
  record SumRate(boolean increase, PromqlSelector selector) implements SliExpression {
    @Override
    public Double eval(Function<SumRate, Double> leaf) {
      return leaf.apply(this);
    }
  }

  /** An arithmetic operator; an empty operand makes the result empty, as for PromQL vectors. */
  record Binary(char op, SliExpression left, SliExpression right) implements SliExpression {
    @Override
    public Double eval(Function<SumRate, Double> leaf) {
      Double l = left.eval(leaf);
      Double r = right.eval(leaf);
      if (l == null || r == null) {
        return null;
      }
      return switch (op) {
        case '+' -> l + r;
        case '-' -> l - r;
        case '*' -> l * r;
        case '/' -> l / r;
        default -> throw new IllegalStateException("operator " + op);
      };
    }
  }

  /** The shape of an SLI, or empty when its query uses anything beyond the supported subset. */
  static Optional<SliExpression> of(Sli sli) {
    if (sli instanceof Sli.Events e) {
      Optional<SliExpression> err = parse(e.errorQuery());
      Optional<SliExpression> total = parse(e.totalQuery());
      if (err.isEmpty() || total.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Binary('/', err.get(), total.get()));
    }
    if (sli instanceof Sli.Raw r) {
      return parse(r.errorRatioQuery());
    }
    Sli.Latency l = (Sli.Latency) sli;
    List<PromqlSelector.LabelMatcher> m =
        l.matchers().isEmpty() ? List.of() : PromqlSelector.parseMatchers(l.matchers());
    if (m == null) {
      return Optional.empty();
    }
    List<PromqlSelector.LabelMatcher> bucket = new ArrayList<>(m);
    bucket.add(
        PromqlSelector.LabelMatcher.of(
            "le", "=", PromqlText.goFloat(PromqlText.thresholdBucket(l))));
    SumRate count = new SumRate(false, new PromqlSelector(l.metric() + "_count", m));
    SumRate fast = new SumRate(false, new PromqlSelector(l.metric() + "_bucket", bucket));
    return Optional.of(new Binary('/', new Binary('-', count, fast), count));
  }

  /** Parses a query template; empty when it is outside the supported subset. */
  static Optional<SliExpression> parse(String query) {
    String text = PromqlText.windowPattern().matcher(query).replaceAll("\u0000");
    Parser p = new Parser(text);
    try {
      SliExpression e = p.expr();
      p.skip();
      return p.pos == text.length() ? Optional.of(e) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Recursive descent over the supported subset; throws IllegalArgumentException otherwise. */
  final class Parser {
    private final String s;
    private int pos;

    private Parser(String s) {
      this.s = s;
    }

    SliExpression expr() {
      SliExpression e = term();
      while (true) {
        skip();
        if (eat('+')) {
          e = new Binary('+', e, term());
        } else if (eat('-')) {
          e = new Binary('-', e, term());
        } else {
          return e;
        }
      }
    }

    private SliExpression term() {
      SliExpression e = factor();
      while (true) {
        skip();
        if (eat('*')) {
          e = new Binary('*', e, factor());
        } else if (eat('/')) {
          e = new Binary('/', e, factor());
        } else {
          return e;
        }
      }
    }

    private SliExpression factor() {
      skip();
      if (eat('(')) {
        SliExpression e = expr();
        expect(')');
        return e;
      }
      if (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
        int start = pos;
        while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
          pos++;
        }
        return new Num(Double.parseDouble(s.substring(start, pos)));
      }
      String word = word();
      if (!word.equals("sum")) {
        throw new IllegalArgumentException("unsupported: " + word);
      }
      expect('(');
      String fn = word();
      if (!fn.equals("rate") && !fn.equals("increase")) {
        throw new IllegalArgumentException("unsupported: " + fn);
      }
      expect('(');
      PromqlSelector sel = selector();
      expect('[');
      expect('\u0000');
      expect(']');
      expect(')');
      expect(')');
      return new SumRate(fn.equals("increase"), sel);
    }

    private PromqlSelector selector() {
      String metric = word();
      if (!PromqlText.isMetricName(metric)) {
        throw new IllegalArgumentException("no metric name");
      }
      skip();
      if (!eat('{')) {
        return new PromqlSelector(metric, List.of());
      }
      int start = pos;
      char quote = 0;
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (quote != 0) {
          if (c == '\\' && quote != '`') {
            pos++;
          } else if (c == quote) {
            quote = 0;
          }
        } else if (c == '"' || c == '\'' || c == '`') {
          quote = c;
        } else if (c == '}') {
          break;
        }
        pos++;
      }
      List<PromqlSelector.LabelMatcher> m = PromqlSelector.parseMatchers(s.substring(start, pos));
      expect('}');
      if (m == null || m.stream().anyMatch(x -> x.name().equals("__name__"))) {
        throw new IllegalArgumentException("unsupported matchers");
      }
      return new PromqlSelector(metric, m);
    }

    private String word() {
      skip();
      int start = pos;
      while (pos < s.length()
          && (Character.isLetterOrDigit(s.charAt(pos))
              || s.charAt(pos) == '_'
              || s.charAt(pos) == ':')) {
        pos++;
      }
      return s.substring(start, pos);
    }

    void skip() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    private boolean eat(char c) {
      skip();
      if (pos < s.length() && s.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    private void expect(char c) {
      if (!eat(c)) {
        throw new IllegalArgumentException("expected " + c);
      }
    }
  }
}
