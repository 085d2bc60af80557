package io.sloscout.core.generation;

import io.sloscout.core.burnrate.AlertSeverity;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Slo;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a service's promtool unit tests: per SLO, synthetic traffic that drives its own SLI query
 * proves that healthy traffic fires nothing, a fast burn fires the page alert at the computed
 * minute, and a slow burn fires the ticket alert alone.
 */
final class RuleTestGenerator {

  /** Seconds between rule evaluations in the test file. */
  static final long EVAL = 60;

  private static final int RETRIES = 8;
  private static final Pattern LABEL_REF =
      Pattern.compile("\\{\\{\\s*\\$labels\\.([a-zA-Z_][a-zA-Z0-9_]*)\\s*}}");

  private RuleTestGenerator() {}

  /** The test file of {@code service}; run it with promtool from the rules file's folder. */
  static String tests(String service, List<Slo> slos, GenerationOptions options) {
    List<SloRules> all = RuleGenerator.build(service, slos, options);
    RuleSimulator sim = new RuleSimulator(all);
    YamlText y = new YamlText();
    y.raw(
        RuleGenerator.header(service, slos)
            .replace("DO NOT EDIT.", "DO NOT EDIT. promtool tests."));
    y.raw(
        "# Run from this folder: promtool test rules "
            + fileName(Naming.rulesTestFile(service))
            + "\n");
    y.raw(
        "# Counters grow by "
            + SyntheticTraffic.EVENTS
            + " events per sample step; error ratios are exact.\n\n");
    y.raw("rule_files:\n  - " + YamlText.scalar(fileName(Naming.rulesFile(service))) + "\n");
    y.raw("evaluation_interval: 1m\n");
    // promtool evaluates groups in random order unless told; recordings must come before alerts.
    List<String> order = new ArrayList<>();
    all.forEach(r -> r.groups().forEach(g -> order.add(g.name())));
    if (!order.isEmpty()) {
      y.raw("group_eval_order:\n");
      order.forEach(n -> y.raw("  - " + YamlText.scalar(n) + "\n"));
    }
    if (all.isEmpty()) {
      return y.raw("tests: []\n").toString();
    }
    y.raw("\ntests:\n");
    for (SloRules r : all) {
      metadata(y, r);
      alertCases(y, r, all, sim);
    }
    return y.toString();
  }

  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static void metadata(YamlText y, SloRules r) {
    Slo slo = r.slo();
    y.raw(
        "  # " + slo.id() + ": objective and error budget are recorded as the spec states them.\n");
    y.raw("  - interval: 1m\n    input_series: []\n    promql_expr_test:\n");
    String sel = PromqlText.matchers(RuleGenerator.ids(slo));
    String labels = PromqlText.matchers(r.seriesLabels()).replace(", ", ",");
    for (String[] m :
        new String[][] {
          {"slo:objective:ratio", PromqlText.number(slo.objective())},
          {"slo:error_budget:ratio", PromqlText.number(PromqlText.budget(slo.objective()))}
        }) {
      y.field(6, "- expr", m[0] + sel);
      y.field(8, "eval_time", "1m");
      y.raw("        exp_samples:\n");
      y.field(10, "- labels", m[0] + labels);
      y.raw("            value: " + m[1] + "\n");
    }
  }

  /** A test scenario: traffic segments and the steps to assert at. */
  private record Case(
      String comment, long interval, List<SyntheticTraffic.Segment> segments, List<Long> at) {}

  private static void alertCases(YamlText y, SloRules r, List<SloRules> all, RuleSimulator sim) {
    Slo slo = r.slo();
    if (r.alerts().isEmpty()) {
      y.raw("  # " + slo.id() + ": page and ticket alerts are disabled; nothing to fire.\n");
      return;
    }
    String name = r.alerts().get(0).name();
    Optional<SyntheticTraffic> traffic = SyntheticTraffic.of(slo.sli());
    if (traffic.isEmpty()) {
      y.raw(
          "  # "
              + slo.id()
              + ": its SLI query is not a ratio of sum(rate(<selector>[window])) terms, so no\n"
              + "  # synthetic series can drive it; its alerts are checked by `promtool check rules`"
              + " only.\n");
      return;
    }
    for (SloRules other : all) {
      if (other != r
          && !other.alerts().isEmpty()
          && other.alerts().get(0).name().equals(name)
          && !sim.canSimulate(other)) {
        y.raw(
            "  # "
                + slo.id()
                + ": shares alert name "
                + name
                + " with "
                + other.slo().id()
                + ", whose SLI cannot be\n  # simulated, so the alerts expected at a given time"
                + " are unknown; not tested.\n");
        return;
      }
    }
    List<SloRules.Condition> page = conditions(r, AlertSeverity.PAGE);
    List<SloRules.Condition> ticket = conditions(r, AlertSeverity.TICKET);
    List<SloRules.Condition> conds = new ArrayList<>(page);
    conds.addAll(ticket);
    double minThr = conds.stream().mapToDouble(SloRules.Condition::threshold).min().orElseThrow();
    long healthy = (long) Math.floor(0.25 * minThr * SyntheticTraffic.EVENTS);

    emit(y, r, traffic.get(), sim, name, healthyCase(r, healthy, conds));
    if (page.isEmpty()) {
      y.raw("  # " + slo.id() + ": the page alert is disabled; no fast-burn test.\n");
    } else {
      emit(y, r, traffic.get(), sim, name, burnCase(r, AlertSeverity.PAGE, healthy, page, ticket));
    }
    if (ticket.isEmpty()) {
      y.raw("  # " + slo.id() + ": the ticket alert is disabled; no slow-burn test.\n");
    } else {
      emit(
          y, r, traffic.get(), sim, name, burnCase(r, AlertSeverity.TICKET, healthy, page, ticket));
    }
  }

  private static List<SloRules.Condition> conditions(SloRules r, AlertSeverity severity) {
    return r.alerts().stream()
        .filter(a -> a.severity() == severity)
        .flatMap(a -> a.conditions().stream())
        .toList();
  }

  /** Healthy traffic at a quarter of the lowest threshold, for up to the longest window (6h). */
  private static CaseBuilder healthyCase(SloRules r, long healthy, List<SloRules.Condition> conds) {
    long longest = conds.stream().mapToLong(c -> c.longWindow().seconds()).max().orElseThrow();
    long end = minutes(Math.min(longest, 6 * 3600));
    return (sim, traffic, attempt) -> {
      long h = Math.max(0, healthy - attempt);
      List<SyntheticTraffic.Segment> segs = List.of(new SyntheticTraffic.Segment(end / 60, h));
      List<List<RuleSimulator.Firing>> fired = sim.run(simTraffic(traffic, 60, segs), EVAL, end);
      for (List<RuleSimulator.Firing> f : fired) {
        if (f.stream().anyMatch(x -> x.rules() == r)) {
          throw new IllegalStateException("healthy traffic fires " + r.slo().id());
        }
      }
      TreeSet<Long> at = new TreeSet<>(List.of(Math.min(600L, end), end / 2 / 60 * 60, end));
      return new Result(
          new Case(
              r.slo().id()
                  + ": healthy traffic, "
                  + percent(h)
                  + " errors (a quarter of the lowest threshold), fires nothing.",
              60,
              segs,
              List.copyOf(at)),
          fired);
    };
  }

  /**
   * Healthy traffic, then a burn: for a page, twice the highest page threshold; for a ticket,
   * between the ticket thresholds and the lowest page threshold, so the page stays silent.
   */
  private static CaseBuilder burnCase(
      SloRules r,
      AlertSeverity severity,
      long healthy,
      List<SloRules.Condition> page,
      List<SloRules.Condition> ticket) {
    boolean isPage = severity == AlertSeverity.PAGE;
    List<SloRules.Condition> own = isPage ? page : ticket;
    double pageMin =
        page.stream()
            .mapToDouble(SloRules.Condition::threshold)
            .min()
            .orElse(Double.POSITIVE_INFINITY);
    List<SloRules.Condition> feasible =
        own.stream().filter(c -> c.threshold() < 1 && (isPage || c.threshold() < pageMin)).toList();
    if (feasible.isEmpty()) {
      return null;
    }
    double top = feasible.stream().mapToDouble(SloRules.Condition::threshold).max().orElseThrow();
    double ceiling = isPage ? 1 : Math.min(1, pageMin);
    double rate = 2 * top < ceiling ? 2 * top : (top + ceiling) / 2;
    long burn = Math.round(rate * SyntheticTraffic.EVENTS);
    while (burn / (double) SyntheticTraffic.EVENTS <= top) {
      burn++;
    }
    long interval =
        !isPage && feasible.stream().allMatch(c -> c.shortWindow().seconds() >= 600) ? 300 : 60;
    long prelude =
        isPage
            ? feasible.stream().mapToLong(c -> c.longWindow().seconds()).max().orElseThrow()
            : feasible.stream().mapToLong(c -> c.shortWindow().seconds()).max().orElseThrow();
    long preludeSteps = Math.max(1, (prelude + interval - 1) / interval);
    long start = preludeSteps * interval;
    long maxFor =
        r.alerts().stream()
            .filter(a -> a.severity() == severity && a.forDuration() != null)
            .mapToLong(a -> a.forDuration().seconds())
            .max()
            .orElse(0);
    long maxLong = feasible.stream().mapToLong(c -> c.longWindow().seconds()).max().orElseThrow();
    long horizon = minutes(start + maxLong + maxFor + 3600);
    long burnRate = burn;
    return (sim, traffic, attempt) -> {
      long b = Math.min(SyntheticTraffic.EVENTS, burnRate + attempt);
      List<SyntheticTraffic.Segment> segs =
          List.of(
              new SyntheticTraffic.Segment(preludeSteps, healthy),
              new SyntheticTraffic.Segment((horizon - start) / interval + 1, b));
      List<List<RuleSimulator.Firing>> fired =
          sim.run(simTraffic(traffic, interval, segs), EVAL, horizon);
      int first = -1;
      for (int i = 0; i < fired.size() && first < 0; i++) {
        for (RuleSimulator.Firing f : fired.get(i)) {
          if (f.rules() == r && f.alert().severity() == severity) {
            first = i;
          }
        }
      }
      if (first < 0) {
        throw new IllegalStateException("burn never fires " + r.slo().id() + " " + severity);
      }
      long fireAt = first * EVAL;
      if (!isPage) {
        for (int i = 0; i <= first; i++) {
          if (fired.get(i).stream()
              .anyMatch(f -> f.rules() == r && f.alert().severity() == AlertSeverity.PAGE)) {
            throw new IllegalStateException("slow burn pages " + r.slo().id());
          }
        }
      }
      long burnSteps = Math.max(1, (fireAt - start) / interval + 1);
      List<SyntheticTraffic.Segment> cut =
          List.of(segs.get(0), new SyntheticTraffic.Segment(burnSteps, b));
      TreeSet<Long> at = new TreeSet<>(List.of(start, Math.max(0, fireAt - EVAL), fireAt));
      String what =
          isPage
              ? "fast burn, twice the highest page threshold"
              : "slow burn, above the ticket threshold"
                  + (feasible.size() < own.size() ? "s we can reach" : "")
                  + (page.isEmpty() ? "" : " and below every page threshold");
      return new Result(
          new Case(
              r.slo().id()
                  + ": "
                  + percent(healthy)
                  + " errors for "
                  + duration(start)
                  + ", then "
                  + percent(b)
                  + " ("
                  + what
                  + "):\n  # the "
                  + severity.slothLabel()
                  + " alert fires at "
                  + duration(fireAt)
                  + " and not a minute earlier"
                  + (isPage ? "." : "; the page alert never fires."),
              interval,
              cut,
              List.copyOf(at)),
          fired);
    };
  }

  /** Builds a case; {@code attempt} nudges the rates when a ratio lands on a threshold. */
  @FunctionalInterface
  private interface CaseBuilder {
    Result build(RuleSimulator sim, SyntheticTraffic traffic, int attempt);
  }

  private record Result(Case c, List<List<RuleSimulator.Firing>> fired) {}

  private static void emit(
      YamlText y,
      SloRules r,
      SyntheticTraffic traffic,
      RuleSimulator sim,
      String name,
      CaseBuilder builder) {
    if (builder == null) {
      y.raw(
          "  # "
              + r.slo().id()
              + ": no error ratio can reach this alert's thresholds without also reaching a"
              + " more urgent one; not tested.\n");
      return;
    }
    Result res = null;
    for (int attempt = 0; res == null; attempt++) {
      try {
        res = builder.build(sim, traffic, attempt);
      } catch (RuleSimulator.AmbiguousException e) {
        if (attempt >= RETRIES) {
          throw new IllegalStateException("cannot place traffic off thresholds: " + e.getMessage());
        }
      }
    }
    Case c = res.c();
    y.raw("  # " + c.comment() + "\n");
    y.raw("  - interval: " + duration(c.interval()) + "\n");
    y.raw("    input_series:\n");
    List<long[]> values = traffic.values(c.segments());
    for (int i = 0; i < traffic.series().size(); i++) {
      y.field(6, "- series", traffic.series().get(i).promtool());
      y.field(8, "values", expanding(values.get(i)));
    }
    boolean expandable = true;
    for (long t : c.at()) {
      for (RuleSimulator.Firing f : res.fired().get((int) (t / EVAL))) {
        if (f.alert().name().equals(name) && expandedAnnotations(f) == null) {
          expandable = false;
        }
      }
    }
    if (expandable) {
      y.raw("    alert_rule_test:\n");
      for (long t : c.at()) {
        y.field(6, "- eval_time", duration(t));
        y.field(8, "alertname", name);
        List<RuleSimulator.Firing> firing =
            res.fired().get((int) (t / EVAL)).stream()
                .filter(f -> f.alert().name().equals(name))
                .toList();
        if (firing.isEmpty()) {
          y.raw("        exp_alerts: []\n");
          continue;
        }
        y.raw("        exp_alerts:\n");
        for (RuleSimulator.Firing f : firing) {
          y.raw("          - exp_labels:\n");
          f.labels().forEach((k, v) -> y.field(14, YamlText.scalar(k), v));
          y.map(12, "exp_annotations", expandedAnnotations(f));
        }
      }
    } else {
      // Annotations use templates beyond $labels, so their text is unknown here: the ALERTS
      // series still proves which severities fire when.
      y.raw(
          "    # annotation templates beyond $labels cannot be expanded here; ALERTS is checked.\n");
      y.raw("    promql_expr_test:\n");
      for (long t : c.at()) {
        y.field(
            6,
            "- expr",
            "count by (sloth_severity) (ALERTS{alertname="
                + PromqlText.string(name)
                + ", alertstate=\"firing\"})");
        y.field(8, "eval_time", duration(t));
        SortedMap<String, TreeSet<String>> bySeverity = new TreeMap<>();
        for (RuleSimulator.Firing f : res.fired().get((int) (t / EVAL))) {
          if (f.alert().name().equals(name)) {
            bySeverity
                .computeIfAbsent(
                    f.labels().getOrDefault("sloth_severity", ""), k -> new TreeSet<>())
                .add(f.labels().toString());
          }
        }
        if (bySeverity.isEmpty()) {
          y.raw("        exp_samples: []\n");
          continue;
        }
        y.raw("        exp_samples:\n");
        bySeverity.forEach(
            (sev, sets) -> {
              y.field(10, "- labels", "{sloth_severity=" + PromqlText.string(sev) + "}");
              y.raw("            value: " + sets.size() + "\n");
            });
      }
    }
  }

  /** The alert's annotations with {@code $labels} templates filled in, or null if others remain. */
  static SortedMap<String, String> expandedAnnotations(RuleSimulator.Firing f) {
    SortedMap<String, String> out = new TreeMap<>();
    for (Map.Entry<String, String> e : f.alert().annotations().entrySet()) {
      String v = expand(e.getValue(), f.labels());
      if (v == null) {
        return null;
      }
      out.put(e.getKey(), v);
    }
    return out;
  }

  /** Fills in {@code {{$labels.x}}}; null when the text has any other template action. */
  static String expand(String template, Map<String, String> labels) {
    Matcher m = LABEL_REF.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = labels.get(m.group(1));
      if (v == null) {
        return null;
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    String s = sb.toString();
    return s.contains("{{") ? null : s;
  }

  static RuleSimulator.Traffic simTraffic(
      SyntheticTraffic traffic, long interval, List<SyntheticTraffic.Segment> segments) {
    return new RuleSimulator.Traffic(interval, traffic.series(), traffic.values(segments));
  }

  /** Counter values in promtool's expanding notation, one term per run of equal increments. */
  static String expanding(long[] v) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < v.length - 1) {
      long d = v[i + 1] - v[i];
      int j = i + 1;
      while (j + 1 < v.length && v[j + 1] - v[j] == d) {
        j++;
      }
      int steps = j - i;
      if (sb.length() == 0) {
        sb.append(v[i]).append('+').append(d).append('x').append(steps);
      } else if (steps == 1) {
        sb.append(' ').append(v[j]);
      } else {
        sb.append(' ').append(v[i + 1]).append('+').append(d).append('x').append(steps - 1);
      }
      i = j;
    }
    if (sb.length() == 0) {
      sb.append(v[0]);
    }
    return sb.toString();
  }

  /** Error share as a percentage: 14400 of a million is 1.44%. */
  private static String percent(long errors) {
    return PromqlText.number(
            BigDecimal.valueOf(errors * 100).divide(BigDecimal.valueOf(SyntheticTraffic.EVENTS)))
        + "%";
  }

  private static String duration(long seconds) {
    return seconds == 0 ? "0m" : PromDuration.ofSeconds(seconds).toString();
  }

  private static long minutes(long seconds) {
    return (seconds + 59) / 60 * 60;
  }
}
