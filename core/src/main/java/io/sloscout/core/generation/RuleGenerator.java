package io.sloscout.core.generation;

import io.sloscout.core.burnrate.AlertSeverity;
import io.sloscout.core.burnrate.BurnRateWindow;
import io.sloscout.core.spec.AlertSpec;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Slo;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes a service's Prometheus rules file: Sloth-compatible SLI and metadata recording rules and
 * multi-window multi-burn-rate page and ticket alerts per SLO, deterministic byte for byte.
 */
final class RuleGenerator {

  private static final String ID = "sloth_id";
  private static final String SERVICE = "sloth_service";
  private static final String SLO = "sloth_slo";
  private static final String WINDOW = "sloth_window";

  private RuleGenerator() {}

  /**
   * The rules file of {@code service}.
   *
   * @throws IllegalArgumentException when an SLO belongs to another service, two SLOs share a name,
   *     or a name, label or histogram bucket cannot make a valid rule
   */
  static String rules(String service, List<Slo> slos, GenerationOptions options) {
    List<SloRules> all = build(service, slos, options);
    YamlText y = new YamlText();
    y.raw(header(service, slos));
    if (all.isEmpty()) {
      return y.raw("groups: []\n").toString();
    }
    y.raw("groups:\n");
    for (SloRules r : all) {
      for (SloRules.Group g : r.groups()) {
        y.raw("- name: " + YamlText.scalar(g.name()) + "\n");
        y.raw("  rules:\n");
        for (SloRules.Recording rec : g.recordings()) {
          y.raw("  - record: " + YamlText.scalar(rec.record()) + "\n");
          y.text(4, "expr", rec.expr());
          y.map(4, "labels", rec.labels());
        }
        for (SloRules.Alert a : g.alerts()) {
          y.raw("  - alert: " + YamlText.scalar(a.name()) + "\n");
          y.text(4, "expr", alertExpr(r, a));
          if (a.forDuration() != null) {
            y.field(4, "for", a.forDuration().toString());
          }
          y.map(4, "labels", a.labels());
          y.map(4, "annotations", a.annotations());
        }
      }
    }
    return y.toString();
  }

  /** The rules of every SLO of {@code service}, sorted by SLO name. */
  static List<SloRules> build(String service, List<Slo> slos, GenerationOptions options) {
    Objects.requireNonNull(options, "options");
    List<Slo> sorted = new ArrayList<>(slos);
    sorted.sort(Comparator.comparing(Slo::name));
    Set<String> names = new HashSet<>();
    List<SloRules> out = new ArrayList<>();
    for (Slo slo : sorted) {
      if (!slo.service().equals(service)) {
        throw new IllegalArgumentException(
            "SLO " + slo.id() + " belongs to service " + slo.service() + ", not " + service);
      }
      if (!names.add(slo.name())) {
        // Two rule sets with one sloth_id would write clashing series.
        throw new IllegalArgumentException(
            "service " + service + " has more than one SLO named " + slo.name());
      }
      out.add(forSlo(slo, options));
    }
    return out;
  }

  /** The rules of one SLO. */
  static SloRules forSlo(Slo slo, GenerationOptions options) {
    String alertName = Naming.alertName(slo);
    if (!PromqlText.isMetricName(alertName)) {
      throw new IllegalArgumentException(
          "alert name '" + alertName + "' of SLO " + slo.id() + " is not a valid Prometheus name");
    }
    SortedMap<String, String> series = new TreeMap<>();
    putLabels(series, slo.labels(), slo, "labels");
    series.put(ID, slo.id());
    series.put(SERVICE, slo.service());
    series.put(SLO, slo.name());

    BigDecimal budget = PromqlText.budget(slo.objective());
    String budgetText = PromqlText.number(budget);
    List<SloRules.Alert> alerts = alerts(slo, options, alertName, budgetText);

    TreeSet<PromDuration> windows = new TreeSet<>();
    for (SloRules.Alert a : alerts) {
      for (SloRules.Condition c : a.conditions()) {
        windows.add(c.shortWindow());
        windows.add(c.longWindow());
      }
    }
    if (windows.isEmpty()) {
      // No alert needs a window, but the burn-rate metadata and dashboards read the 5m ratio.
      windows.add(PromDuration.ofMinutes(5));
    }
    PromDuration base = windows.first();
    String idSelector = PromqlText.matchers(ids(slo));

    List<SloRules.Recording> sli = new ArrayList<>();
    for (PromDuration w : windows) {
      sli.add(
          new SloRules.Recording(
              SloRules.sliRecord(w),
              PromqlText.errorRatio(slo.sli(), w),
              with(series, WINDOW, w.toString())));
    }
    if (!windows.contains(slo.period())) {
      // The period ratio averages the shortest ratio over the period, as Sloth does: a rate over
      // 30 days of raw series would be too expensive to evaluate every minute.
      String shortest = SloRules.sliRecord(base) + idSelector;
      sli.add(
          new SloRules.Recording(
              SloRules.sliRecord(slo.period()),
              "sum_over_time("
                  + shortest
                  + "["
                  + slo.period()
                  + "])\n/ ignoring ("
                  + WINDOW
                  + ")\ncount_over_time("
                  + shortest
                  + "["
                  + slo.period()
                  + "])",
              with(series, WINDOW, slo.period().toString())));
    }

    String budgetSeries = "slo:error_budget:ratio" + idSelector;
    List<SloRules.Recording> meta = new ArrayList<>();
    meta.add(
        new SloRules.Recording(
            "slo:objective:ratio", "vector(" + PromqlText.number(slo.objective()) + ")", series));
    meta.add(
        new SloRules.Recording("slo:error_budget:ratio", "vector(" + budgetText + ")", series));
    meta.add(
        new SloRules.Recording(
            "slo:time_period:days",
            "vector(" + PromqlText.number(slo.period().days()) + ")",
            series));
    meta.add(
        new SloRules.Recording(
            "slo:current_burn_rate:ratio",
            burnRate(SloRules.sliRecord(base) + idSelector, budgetSeries),
            series));
    meta.add(
        new SloRules.Recording(
            "slo:period_burn_rate:ratio",
            burnRate(SloRules.sliRecord(slo.period()) + idSelector, budgetSeries),
            series));
    meta.add(
        new SloRules.Recording(
            "slo:period_error_budget_remaining:ratio",
            "1 - slo:period_burn_rate:ratio" + idSelector,
            series));
    SortedMap<String, String> info = new TreeMap<>(series);
    info.put(
        "sloth_objective",
        PromqlText.number(BigDecimal.valueOf(slo.objective()).movePointRight(2)));
    info.put("sloth_spec", slo.source().format().apiVersion());
    if (slo.tier() != null && !slo.tier().isBlank()) {
      info.put("slo_scout_tier", slo.tier());
    }
    meta.add(new SloRules.Recording("sloth_slo_info", "vector(1)", info));

    List<SloRules.Group> groups = new ArrayList<>();
    groups.add(new SloRules.Group("slo-scout-sli-recordings-" + slo.id(), sli, List.of()));
    groups.add(new SloRules.Group("slo-scout-meta-recordings-" + slo.id(), meta, List.of()));
    if (!alerts.isEmpty()) {
      groups.add(new SloRules.Group("slo-scout-alerts-" + slo.id(), List.of(), alerts));
    }
    return new SloRules(slo, series, groups);
  }

  private static List<SloRules.Alert> alerts(
      Slo slo, GenerationOptions options, String name, String budget) {
    List<BurnRateWindow> windows = options.windowsFor(slo);
    List<SloRules.Alert> out = new ArrayList<>();
    for (AlertSeverity severity : AlertSeverity.values()) {
      AlertSpec spec =
          severity == AlertSeverity.PAGE ? slo.alerting().page() : slo.alerting().ticket();
      if (!spec.enabled()) {
        continue;
      }
      // Conditions with different `for`s cannot share one rule; each `for` gets its own rule
      // under the same alert name.
      Map<PromDuration, List<SloRules.Condition>> byFor = new LinkedHashMap<>();
      for (BurnRateWindow w : windows) {
        if (w.severity() != severity) {
          continue;
        }
        byFor
            .computeIfAbsent(
                w.forDuration() == null ? NO_FOR : w.forDuration(), k -> new ArrayList<>())
            .add(
                new SloRules.Condition(
                    w.shortWindow(), w.longWindow(), PromqlText.number(w.factor()), budget));
      }
      for (Map.Entry<PromDuration, List<SloRules.Condition>> e : byFor.entrySet()) {
        PromDuration forDuration = e.getKey() == NO_FOR ? null : e.getKey();
        SortedMap<String, String> labels = new TreeMap<>();
        putLabels(labels, slo.alerting().labels(), slo, "alerting labels");
        putLabels(labels, spec.labels(), slo, "alert labels");
        if (byFor.size() > 1) {
          // Rules of one alert name with equal labels would write clashing ALERTS series; Pyrra
          // tells its per-window alerts apart by their windows, and so do we.
          labels.put("long", join(e.getValue(), SloRules.Condition::longWindow));
          labels.put("short", join(e.getValue(), SloRules.Condition::shortWindow));
        }
        labels.put("severity", severity.label());
        labels.put("sloth_severity", severity.slothLabel());
        // Our texts are defaults: annotations from the spec replace them, as in Sloth.
        SortedMap<String, String> annotations = new TreeMap<>();
        annotations.put("summary", summary(severity));
        annotations.put("description", description(slo, severity, e.getValue(), forDuration));
        annotations.put("runbook_url", Naming.runbookUrl(slo, options));
        annotations.put("dashboard_url", Naming.dashboardUrl(slo.service(), options));
        putLabels(annotations, slo.alerting().annotations(), slo, "alerting annotations");
        putLabels(annotations, spec.annotations(), slo, "alert annotations");
        out.add(new SloRules.Alert(name, severity, e.getValue(), forDuration, labels, annotations));
      }
    }
    return out;
  }

  // Marks "no for" in a map key; never written.
  private static final PromDuration NO_FOR = new PromDuration(Long.MAX_VALUE);

  private static String join(
      List<SloRules.Condition> conditions,
      java.util.function.Function<SloRules.Condition, PromDuration> window) {
    return String.join(",", conditions.stream().map(c -> window.apply(c).toString()).toList());
  }

  private static String summary(AlertSeverity severity) {
    return "("
        + severity.slothLabel()
        + ") {{$labels.sloth_service}} {{$labels.sloth_slo}} SLO is burning its error budget too"
        + " fast.";
  }

  private static String description(
      Slo slo, AlertSeverity severity, List<SloRules.Condition> conditions, PromDuration forDur) {
    StringBuilder sb =
        new StringBuilder("The {{$labels.sloth_slo}} SLO of {{$labels.sloth_service}} (");
    sb.append(PromqlText.number(BigDecimal.valueOf(slo.objective()).movePointRight(2)))
        .append("% over ")
        .append(slo.period())
        .append(") is spending its error budget at more than ");
    for (int i = 0; i < conditions.size(); i++) {
      SloRules.Condition c = conditions.get(i);
      if (i > 0) {
        sb.append(", or more than ");
      }
      sb.append(c.factor())
          .append("x the sustainable rate over both ")
          .append(c.longWindow())
          .append(" and ")
          .append(c.shortWindow());
    }
    if (forDur != null) {
      sb.append(", for at least ").append(forDur);
    }
    sb.append(severity == AlertSeverity.PAGE ? ". Act now." : ". Look at it during working hours.");
    return sb.toString();
  }

  /** The alert's expression: the OR of its conditions, each the AND of its two windows. */
  static String alertExpr(SloRules rules, SloRules.Alert alert) {
    String sel = PromqlText.matchers(ids(rules.slo()));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < alert.conditions().size(); i++) {
      SloRules.Condition c = alert.conditions().get(i);
      if (i > 0) {
        sb.append("or\n");
      }
      String threshold = "(" + c.factor() + " * " + c.budget() + ")";
      sb.append("(\n  max(")
          .append(SloRules.sliRecord(c.shortWindow()))
          .append(sel)
          .append(" > ")
          .append(threshold)
          .append(") without (" + WINDOW + ")\n  and\n  max(")
          .append(SloRules.sliRecord(c.longWindow()))
          .append(sel)
          .append(" > ")
          .append(threshold)
          .append(") without (" + WINDOW + ")\n)\n");
    }
    return sb.toString();
  }

  /** The labels that identify an SLO's series. */
  static SortedMap<String, String> ids(Slo slo) {
    SortedMap<String, String> m = new TreeMap<>();
    m.put(ID, slo.id());
    m.put(SERVICE, slo.service());
    m.put(SLO, slo.name());
    return m;
  }

  private static SortedMap<String, String> with(Map<String, String> base, String k, String v) {
    SortedMap<String, String> m = new TreeMap<>(base);
    m.put(k, v);
    return m;
  }

  private static void putLabels(
      Map<String, String> into, Map<String, String> labels, Slo slo, String what) {
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (!PromqlText.isLabelName(e.getKey())) {
        throw new IllegalArgumentException(
            "SLO " + slo.id() + ": '" + e.getKey() + "' in " + what + " is not a valid label name");
      }
      into.put(e.getKey(), e.getValue() == null ? "" : e.getValue());
    }
  }

  /** The top comment: generated, do not edit, and the spec files the SLOs came from. */
  /** An error-ratio series divided by the SLO's error budget: a burn rate. */
  private static String burnRate(String errorRatio, String budgetSeries) {
    return errorRatio
        + "\n/ on("
        + ID
        + ", "
        + SLO
        + ", "
        + SERVICE
        + ") group_left\n"
        + budgetSeries;
  }

  static String header(String service, List<Slo> slos) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Generated by SLO-Scout for service ").append(service).append(". DO NOT EDIT.\n");
    sb.append("# Change the SLO specs below and run `slo-scout generate` again.\n");
    TreeSet<String> files = new TreeSet<>();
    for (Slo slo : slos) {
      files.add(sourcePath(slo.source().file()));
    }
    if (!files.isEmpty()) {
      sb.append("# Sources:\n");
      files.forEach(f -> sb.append("#   ").append(f).append('\n'));
    }
    return sb.append('\n').toString();
  }

  /** A spec path as given, {@code /}-separated; an absolute path shows only its file name. */
  static String sourcePath(Path file) {
    Path p = file.isAbsolute() && file.getFileName() != null ? file.getFileName() : file;
    StringBuilder sb = new StringBuilder();
    for (Path part : p) {
      sb.append(sb.length() == 0 ? "" : "/").append(part);
    }
    return sb.toString().replaceAll("[\\p{Cntrl}]", "_");
  }
}
