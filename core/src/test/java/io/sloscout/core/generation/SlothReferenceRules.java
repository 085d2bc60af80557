package io.sloscout.core.generation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An independent reference: rules written in the shape Sloth documents for its Prometheus output
 * (test/integration/prometheus/testdata/out-base.yaml.tpl), with Sloth's google-30d window table
 * and Sloth's float arithmetic for the budget. It shares no code with {@link RuleGenerator}.
 */
final class SlothReferenceRules {

  /** Which Sloth spec shape the SLI came from. */
  enum Kind {
    EVENTS,
    RAW,
    OPENSLO_RATIO
  }

  /**
   * A Sloth spec, as written: objective in percent, queries with {@code {{.window}}}.
   *
   * @param first the error query (events), the error-ratio query (raw) or the good query (OpenSLO)
   * @param second the total query, or null for raw
   */
  record Spec(
      String service,
      String name,
      double objectivePercent,
      Map<String, String> labels,
      String alertName,
      Map<String, String> alertLabels,
      Map<String, String> pageLabels,
      Map<String, String> ticketLabels,
      Kind kind,
      String first,
      String second) {
    String id() {
      return service + "-" + name;
    }
  }

  /** Sloth's internal/alert/windows/google-30d.yaml: budget percent, short and long window. */
  record Window(
      boolean page, double budgetPercent, String shortW, long shortS, String longW, long longS) {
    /** Sloth's speed: the share of the budget consumed over the long window, per period. */
    double factor() {
      return budgetPercent / 100 * (30 * 86400.0 / longS);
    }
  }

  static final List<Window> GOOGLE_30D =
      List.of(
          new Window(true, 2, "5m", 300, "1h", 3600),
          new Window(true, 5, "30m", 1800, "6h", 21600),
          new Window(false, 10, "2h", 7200, "1d", 86400),
          new Window(false, 10, "6h", 21600, "3d", 259200));

  private SlothReferenceRules() {}

  /** Sloth's budget: {@code (100 - objective) / 100} in float, e.g. 0.0009999999999999432. */
  static double budget(Spec s) {
    return (100 - s.objectivePercent()) / 100;
  }

  static String num(double v) {
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  static List<String> groupNames(Spec s) {
    return List.of(
        "sloth-slo-sli-recordings-" + s.id(),
        "sloth-slo-meta-recordings-" + s.id(),
        "sloth-slo-alerts-" + s.id());
  }

  /** Labels on the alert's series: the SLO's labels and Sloth's ids. */
  static SortedMap<String, String> seriesLabels(Spec s) {
    SortedMap<String, String> m = new TreeMap<>(s.labels());
    m.put("sloth_id", s.id());
    m.put("sloth_service", s.service());
    m.put("sloth_slo", s.name());
    return m;
  }

  /** The labels of a firing Sloth alert. */
  static SortedMap<String, String> alertLabels(Spec s, boolean page) {
    SortedMap<String, String> m = seriesLabels(s);
    m.putAll(s.alertLabels());
    m.putAll(page ? s.pageLabels() : s.ticketLabels());
    m.put("sloth_severity", page ? "page" : "ticket");
    return m;
  }

  /** Sloth's default annotations, with the label templates already filled in. */
  static SortedMap<String, String> alertAnnotations(Spec s, boolean page) {
    SortedMap<String, String> m = new TreeMap<>();
    m.put(
        "summary", s.service() + " " + s.name() + " SLO error budget burn rate is over expected.");
    m.put(
        "title",
        "("
            + (page ? "page" : "ticket")
            + ") "
            + s.service()
            + " "
            + s.name()
            + " SLO error budget burn rate is too fast.");
    return m;
  }

  private static String sli(Spec s, String window) {
    String a = s.first().replace("{{.window}}", window).strip();
    return switch (s.kind()) {
      case EVENTS ->
          "(" + a + ")\n/\n(" + s.second().replace("{{.window}}", window).strip() + ")\n";
      case RAW -> "(" + a + ")\n";
      case OPENSLO_RATIO ->
          "(\n  1 - (\n    (\n      "
              + a
              + "\n    )\n    /\n    (\n      "
              + s.second().replace("{{.window}}", window).strip()
              + "\n    )\n  )\n)\n";
    };
  }

  /** The whole rules file for one SLO. */
  static String render(Spec s) {
    String sel =
        "{sloth_id=\""
            + s.id()
            + "\", sloth_service=\""
            + s.service()
            + "\", sloth_slo=\""
            + s.name()
            + "\"}";
    StringBuilder y = new StringBuilder("# Reference rules in Sloth's output shape.\ngroups:\n");
    y.append("- name: sloth-slo-sli-recordings-").append(s.id()).append("\n  rules:\n");
    for (String w : List.of("5m", "30m", "1h", "2h", "6h", "1d", "3d")) {
      y.append("  - record: slo:sli_error:ratio_rate").append(w).append("\n    expr: |\n");
      for (String line : sli(s, w).split("\n")) {
        y.append("      ").append(line).append('\n');
      }
      labels(y, seriesLabels(s), w);
    }
    y.append("  - record: slo:sli_error:ratio_rate30d\n    expr: |\n")
        .append("      sum_over_time(slo:sli_error:ratio_rate5m")
        .append(sel)
        .append("[30d])\n")
        .append("      / ignoring (sloth_window)\n")
        .append("      count_over_time(slo:sli_error:ratio_rate5m")
        .append(sel)
        .append("[30d])\n");
    labels(y, seriesLabels(s), "30d");
    y.append("- name: sloth-slo-meta-recordings-").append(s.id()).append("\n  rules:\n");
    y.append("  - record: slo:objective:ratio\n    expr: vector(")
        .append(num(s.objectivePercent() / 100))
        .append(")\n");
    labels(y, seriesLabels(s), null);
    y.append("  - record: slo:error_budget:ratio\n    expr: vector(1-")
        .append(num(s.objectivePercent() / 100))
        .append(")\n");
    labels(y, seriesLabels(s), null);
    y.append("- name: sloth-slo-alerts-").append(s.id()).append("\n  rules:\n");
    for (boolean page : new boolean[] {true, false}) {
      y.append("  - alert: ").append(s.alertName()).append("\n    expr: |\n");
      boolean firstCond = true;
      for (Window w : GOOGLE_30D) {
        if (w.page() != page) {
          continue;
        }
        if (!firstCond) {
          y.append("      or\n");
        }
        firstCond = false;
        String thr = "(" + num(w.factor()) + " * " + num(budget(s)) + ")";
        y.append("      (\n")
            .append("          max(slo:sli_error:ratio_rate")
            .append(w.shortW())
            .append(sel)
            .append(" > ")
            .append(thr)
            .append(") without (sloth_window)\n")
            .append("          and\n")
            .append("          max(slo:sli_error:ratio_rate")
            .append(w.longW())
            .append(sel)
            .append(" > ")
            .append(thr)
            .append(") without (sloth_window)\n")
            .append("      )\n");
      }
      y.append("    labels:\n");
      SortedMap<String, String> l = new TreeMap<>(s.alertLabels());
      l.putAll(page ? s.pageLabels() : s.ticketLabels());
      l.put("sloth_severity", page ? "page" : "ticket");
      l.forEach((k, v) -> y.append("      ").append(k).append(": '").append(v).append("'\n"));
      y.append("    annotations:\n")
          .append(
              "      summary: '{{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is over expected.'\n")
          .append("      title: '(")
          .append(page ? "page" : "ticket")
          .append(
              ") {{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is too fast.'\n");
    }
    return y.toString();
  }

  private static void labels(StringBuilder y, SortedMap<String, String> labels, String window) {
    y.append("    labels:\n");
    SortedMap<String, String> m = new TreeMap<>(labels);
    if (window != null) {
      m.put("sloth_window", window);
    }
    m.forEach((k, v) -> y.append("      ").append(k).append(": '").append(v).append("'\n"));
  }
}
