package io.sloscout.core.generation;

import io.sloscout.core.spec.PromDuration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Computes which of a service's alerts fire at each evaluation step for given input series, the way
 * Prometheus 2.x evaluates our rules: {@code rate} with its extrapolation, recorded ratios read at
 * the same step, OR-ed multi-window conditions and {@code for}. It lets the test generator state
 * the exact minute an alert starts firing.
 */
final class RuleSimulator {

  /** A comparison too close to its threshold for float rounding to be ignored. */
  static final class AmbiguousException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AmbiguousException(String message) {
      super(message);
    }
  }

  /**
   * One firing alert instance.
   *
   * @param rules the SLO whose rule fired
   * @param alert the rule
   * @param labels the alert's labels, {@code alertname} aside
   */
  record Firing(SloRules rules, SloRules.Alert alert, SortedMap<String, String> labels) {}

  /**
   * Input series sampled every {@code intervalSeconds} from time 0.
   *
   * @param values per series, one counter value per step
   */
  record Traffic(long intervalSeconds, List<SyntheticTraffic.SeriesKey> keys, List<long[]> values) {
    Traffic {
      keys = List.copyOf(keys);
      values = List.copyOf(values);
    }
  }

  private final List<SloRules> rules;
  private final Map<SloRules, Optional<SliExpression>> expressions = new HashMap<>();

  RuleSimulator(List<SloRules> rules) {
    this.rules = List.copyOf(rules);
    for (SloRules r : rules) {
      expressions.put(r, SliExpression.of(r.slo().sli()));
    }
  }

  /** Whether the simulator can compute this SLO's ratios. */
  boolean canSimulate(SloRules r) {
    return expressions.get(r).isPresent();
  }

  /**
   * Firing alerts at each step {@code 0, evalInterval, …, end}; alerts of SLOs it cannot simulate
   * are absent.
   *
   * @throws AmbiguousException when a ratio sits within float noise of a threshold
   */
  List<List<Firing>> run(Traffic traffic, long evalInterval, long end) {
    int steps = Math.toIntExact(end / evalInterval) + 1;
    List<List<Firing>> out = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      out.add(new ArrayList<>());
    }
    for (SloRules r : rules) {
      Optional<SliExpression> expr = expressions.get(r);
      if (expr.isEmpty()) {
        continue;
      }
      // The series each sum(rate(...)) term selects are fixed for the run: match them once, not
      // once per step and window (matching, regexes included, dominated generation time).
      Map<SliExpression.SumRate, int[]> selected = selected(expr.get(), traffic);
      if (selected.values().stream().allMatch(idx -> idx.length == 0)) {
        // None of the input feeds this SLO, so every ratio is empty and none of its alerts fires.
        continue;
      }
      Map<PromDuration, Double[]> ratios = new HashMap<>();
      for (PromDuration w : r.alertWindows()) {
        Double[] values = new Double[steps];
        for (int i = 0; i < steps; i++) {
          values[i] = ratio(expr.get(), selected, traffic, i * evalInterval, w.seconds());
        }
        ratios.put(w, values);
      }
      SortedMap<String, String> seriesLabels = r.seriesLabels();
      for (SloRules.Alert a : r.alerts()) {
        // thresholds are kept as the decimal text the rules print; parse them once per alert
        double[] thresholds = a.conditions().stream().mapToDouble(c -> c.threshold()).toArray();
        long activeAt = -1;
        for (int i = 0; i < steps; i++) {
          long t = i * evalInterval;
          boolean holds = false;
          for (int ci = 0; ci < thresholds.length; ci++) {
            SloRules.Condition c = a.conditions().get(ci);
            double thr = thresholds[ci];
            boolean s = above(ratios.get(c.shortWindow())[i], thr, r, t);
            boolean l = above(ratios.get(c.longWindow())[i], thr, r, t);
            holds |= s && l;
          }
          if (!holds) {
            activeAt = -1;
            continue;
          }
          if (activeAt < 0) {
            activeAt = t;
          }
          long hold = a.forDuration() == null ? 0 : a.forDuration().seconds();
          if (t - activeAt >= hold) {
            SortedMap<String, String> labels = new TreeMap<>(seriesLabels);
            labels.putAll(a.labels());
            out.get(i).add(new Firing(r, a, labels));
          }
        }
      }
    }
    return out;
  }

  private static boolean above(Double v, double threshold, SloRules r, long t) {
    if (v == null || v.isNaN()) {
      return false;
    }
    if (Math.abs(v - threshold) <= 1e-9 * Math.abs(threshold)) {
      throw new AmbiguousException(
          "ratio " + v + " of " + r.slo().id() + " at " + t + "s is at threshold " + threshold);
    }
    return v > threshold;
  }

  /** The SLI's value at {@code t} over {@code window} seconds, or null when Prometheus has none. */
  static Double ratio(SliExpression expr, Traffic traffic, long t, long window) {
    return ratio(expr, selected(expr, traffic), traffic, t, window);
  }

  /** For each term of {@code expr}, the indices of the input series it selects. */
  static Map<SliExpression.SumRate, int[]> selected(SliExpression expr, Traffic traffic) {
    // identity: the terms are the instances of this expression tree, and record hashCodes would
    // be recomputed over their selectors on every lookup
    Map<SliExpression.SumRate, int[]> out = new java.util.IdentityHashMap<>();
    for (SliExpression.SumRate leaf : expr.leaves()) {
      out.computeIfAbsent(
          leaf,
          l -> {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < traffic.keys().size(); i++) {
              SyntheticTraffic.SeriesKey k = traffic.keys().get(i);
              if (l.selector().matches(k.metric(), k.labels())) {
                idx.add(i);
              }
            }
            return idx.stream().mapToInt(Integer::intValue).toArray();
          });
    }
    return out;
  }

  private static Double ratio(
      SliExpression expr,
      Map<SliExpression.SumRate, int[]> selected,
      Traffic traffic,
      long t,
      long window) {
    return expr.eval(
        leaf -> {
          Double sum = null;
          for (int i : selected.get(leaf)) {
            Double v =
                extrapolatedRate(
                    traffic.values().get(i),
                    traffic.intervalSeconds(),
                    t,
                    window,
                    !leaf.increase());
            if (v != null) {
              sum = sum == null ? v : sum + v;
            }
          }
          return sum;
        });
  }

  /** Prometheus 2.x {@code rate} / {@code increase} of a counter over {@code [t - range, t]}. */
  static Double extrapolatedRate(long[] values, long interval, long t, long range, boolean isRate) {
    long rangeStart = t - range;
    long first = Math.max(0, ceilDiv(rangeStart, interval));
    long last = Math.min(values.length - 1, Math.floorDiv(t, interval));
    if (last - first + 1 < 2) {
      return null;
    }
    double firstV = values[(int) first];
    double lastV = values[(int) last];
    double result = lastV - firstV;
    double durationToStart = (double) (first * interval - rangeStart);
    double durationToEnd = (double) (t - last * interval);
    double sampledInterval = (double) ((last - first) * interval);
    double average = sampledInterval / (double) (last - first);
    if (result > 0 && firstV >= 0) {
      double durationToZero = sampledInterval * (firstV / result);
      if (durationToZero < durationToStart) {
        durationToStart = durationToZero;
      }
    }
    double threshold = average * 1.1;
    double extrapolateTo = sampledInterval;
    extrapolateTo += durationToStart < threshold ? durationToStart : average / 2;
    extrapolateTo += durationToEnd < threshold ? durationToEnd : average / 2;
    result = result * (extrapolateTo / sampledInterval);
    if (isRate) {
      result = result / (double) range;
    }
    return result;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
