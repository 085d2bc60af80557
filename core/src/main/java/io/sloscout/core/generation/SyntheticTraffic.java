package io.sloscout.core.generation;

import io.sloscout.core.spec.Sli;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.LongBinaryOperator;

/**
 * Counter series that make an SLI read a chosen error ratio: one series of "bad" and one of "good"
 * events (or total and errors), derived from the selectors in the SLI's query and checked by
 * evaluating the query's arithmetic on them.
 *
 * @param expression the SLI's parsed query
 * @param series the two series' names and labels
 * @param increments per series, its increment per step given the errors and the total per step
 */
record SyntheticTraffic(
    SliExpression expression, List<SeriesKey> series, List<LongBinaryOperator> increments) {

  /** Events per sample step; error ratios are multiples of {@code 1 / EVENTS}. */
  static final long EVENTS = 1_000_000;

  SyntheticTraffic {
    series = List.copyOf(series);
    increments = List.copyOf(increments);
  }

  /** A series identity: metric name and labels. */
  record SeriesKey(String metric, SortedMap<String, String> labels) {
    SeriesKey {
      Objects.requireNonNull(metric, "metric");
      labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /** The series in promtool's {@code input_series} notation. */
    String promtool() {
      return metric + (labels.isEmpty() ? "" : PromqlText.matchers(labels).replace(", ", ","));
    }
  }

  /**
   * A stretch of traffic: {@code steps} sample steps with {@code errors} of {@link #EVENTS} events
   * failing in each.
   */
  record Segment(long steps, long errors) {
    Segment {
      if (steps < 1 || errors < 0 || errors > EVENTS) {
        throw new IllegalArgumentException("bad segment " + steps + "x" + errors);
      }
    }
  }

  /** The counter values (one per sample step, from 0) of each series over the segments. */
  List<long[]> values(List<Segment> segments) {
    long n = 1 + segments.stream().mapToLong(Segment::steps).sum();
    List<long[]> out = new ArrayList<>();
    for (LongBinaryOperator inc : increments) {
      long[] v = new long[Math.toIntExact(n)];
      int i = 1;
      for (Segment s : segments) {
        long d = inc.applyAsLong(s.errors(), EVENTS);
        for (long k = 0; k < s.steps(); k++, i++) {
          v[i] = v[i - 1] + d;
        }
      }
      out.add(v);
    }
    return out;
  }

  /** Synthetic traffic for the SLI, or empty when its query shape cannot be driven this way. */
  static Optional<SyntheticTraffic> of(Sli sli) {
    Optional<SliExpression> parsed = SliExpression.of(sli);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    SliExpression expr = parsed.get();
    Set<PromqlSelector> selectors = new LinkedHashSet<>();
    expr.leaves().forEach(l -> selectors.add(l.selector()));
    Set<SeriesKey> witnesses = new LinkedHashSet<>();
    for (PromqlSelector s : selectors) {
      SeriesKey w = witness(s, selectors);
      if (w == null) {
        return Optional.empty();
      }
      witnesses.add(w);
    }
    if (witnesses.size() != 2) {
      return Optional.empty();
    }
    List<SeriesKey> keys = List.copyOf(witnesses);
    // Which series carries errors, which the rest or the total: tried in turn and verified on
    // the query's own arithmetic at two ratios, so a coincidence cannot pass.
    LongBinaryOperator err = (e, n) -> e;
    LongBinaryOperator good = (e, n) -> n - e;
    LongBinaryOperator all = (e, n) -> n;
    List<List<LongBinaryOperator>> options =
        List.of(
            List.of(err, good),
            List.of(good, err),
            List.of(err, all),
            List.of(all, err),
            List.of(all, good),
            List.of(good, all));
    for (List<LongBinaryOperator> option : options) {
      SyntheticTraffic t = new SyntheticTraffic(expr, keys, option);
      if (t.reads(10, 1000) && t.reads(300, 1000)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** Whether the query reads {@code errors / total} on this traffic. */
  private boolean reads(long errors, long total) {
    Double v =
        expression.eval(
            leaf -> {
              double sum = 0;
              boolean any = false;
              for (int i = 0; i < series.size(); i++) {
                SeriesKey k = series.get(i);
                if (leaf.selector().matches(k.metric(), k.labels())) {
                  sum += increments.get(i).applyAsLong(errors, total);
                  any = true;
                }
              }
              return any ? sum : null;
            });
    return v != null && Math.abs(v - errors / (double) total) < 1e-12;
  }

  /**
   * A series the selector picks, which other selectors on the same metric do not pick where the
   * labels allow it; null when no label value can satisfy the selector.
   */
  private static SeriesKey witness(PromqlSelector s, Set<PromqlSelector> all) {
    SortedMap<String, String> labels = new TreeMap<>();
    for (String name : s.labelNames()) {
      String v = LabelValues.satisfying(s.on(name));
      if (v == null) {
        return null;
      }
      if (!v.isEmpty()) {
        labels.put(name, v);
      }
    }
    for (PromqlSelector other : all) {
      if (other.equals(s) || !other.metric().equals(s.metric())) {
        continue;
      }
      for (String name : other.labelNames()) {
        if (!other.matches(s.metric(), labels) || s.labelNames().contains(name)) {
          continue;
        }
        for (PromqlSelector.LabelMatcher m : other.on(name)) {
          String v = LabelValues.violating(m);
          if (v != null) {
            if (v.isEmpty()) {
              labels.remove(name);
            } else {
              labels.put(name, v);
            }
            break;
          }
        }
      }
    }
    return s.matches(s.metric(), labels) ? new SeriesKey(s.metric(), labels) : null;
  }

  /** Label values that satisfy or violate matchers, found by trying candidates. */
  static final class LabelValues {
    private static final List<String> COMMON =
        List.of("200", "ok", "x", "0", "500", "1", "true", "false", "GET", "");

    private LabelValues() {}

    /** A value all matchers accept ("" = label absent), or null. */
    static String satisfying(List<PromqlSelector.LabelMatcher> ms) {
      Set<String> candidates = new LinkedHashSet<>();
      for (PromqlSelector.LabelMatcher m : ms) {
        if (m.op().equals("=")) {
          candidates.add(m.value());
        } else if (m.op().equals("=~")) {
          candidates.addAll(RegexSample.samples(m.value()));
        }
      }
      candidates.addAll(COMMON);
      for (String c : candidates) {
        if (ms.stream().allMatch(m -> m.matches(c))) {
          return c;
        }
      }
      return null;
    }

    /** A value the matcher rejects, or null. */
    static String violating(PromqlSelector.LabelMatcher m) {
      Set<String> candidates = new LinkedHashSet<>(COMMON);
      if (m.op().equals("!=")) {
        candidates.add(m.value());
      } else if (m.op().equals("!~")) {
        candidates.addAll(RegexSample.samples(m.value()));
      }
      for (String c : candidates) {
        if (!m.matches(c)) {
          return c;
        }
      }
      return null;
    }
  }

  /** Strings a simple regular expression likely matches; callers verify each. */
  static final class RegexSample {
    private final String re;
    private final boolean last;
    private int pos;

    private RegexSample(String re, boolean last) {
      this.re = re;
      this.last = last;
    }

    static List<String> samples(String re) {
      List<String> out = new ArrayList<>();
      for (boolean last : new boolean[] {false, true}) {
        try {
          RegexSample r = new RegexSample(re, last);
          String s = r.alternation();
          if (r.pos == re.length()) {
            out.add(s);
          }
        } catch (RuntimeException e) {
          // not a shape we can sample; the common candidates remain
        }
      }
      return out;
    }

    private String alternation() {
      List<String> branches = new ArrayList<>();
      branches.add(sequence());
      while (pos < re.length() && re.charAt(pos) == '|') {
        pos++;
        branches.add(sequence());
      }
      return last ? branches.get(branches.size() - 1) : branches.get(0);
    }

    private String sequence() {
      StringBuilder sb = new StringBuilder();
      while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
        String atom = atom();
        int reps = quantifier();
        sb.append(atom.repeat(reps));
      }
      return sb.toString();
    }

    private String atom() {
      char c = re.charAt(pos++);
      switch (c) {
        case '(' -> {
          if (re.startsWith("?:", pos)) {
            pos += 2;
          }
          String s = alternation();
          if (re.charAt(pos++) != ')') {
            throw new IllegalArgumentException();
          }
          return s;
        }
        case '[' -> {
          boolean negated = re.charAt(pos) == '^';
          int end = re.indexOf(']', pos + 1);
          String body = re.substring(negated ? pos + 1 : pos, end);
          pos = end + 1;
          if (negated) {
            for (char k : "xa0_".toCharArray()) {
              if (body.indexOf(k) < 0) {
                return String.valueOf(k);
              }
            }
            throw new IllegalArgumentException();
          }
          return String.valueOf(body.charAt(0) == '\\' ? body.charAt(1) : body.charAt(0));
        }
        case '.' -> {
          return "0";
        }
        case '^', '$' -> {
          return "";
        }
        case '\\' -> {
          char e = re.charAt(pos++);
          return switch (e) {
            case 'd' -> "0";
            case 'w' -> "a";
            case 's' -> " ";
            default -> String.valueOf(e);
          };
        }
        default -> {
          return String.valueOf(c);
        }
      }
    }

    private int quantifier() {
      if (pos >= re.length()) {
        return 1;
      }
      char c = re.charAt(pos);
      int reps;
      if (c == '*' || c == '?') {
        pos++;
        reps = 0;
      } else if (c == '+') {
        pos++;
        reps = 1;
      } else if (c == '{') {
        int end = re.indexOf('}', pos);
        String n = re.substring(pos + 1, end).split(",")[0];
        pos = end + 1;
        reps = Integer.parseInt(n.trim());
      } else {
        return 1;
      }
      if (pos < re.length() && re.charAt(pos) == '?') {
        pos++;
      }
      return reps;
    }
  }
}
