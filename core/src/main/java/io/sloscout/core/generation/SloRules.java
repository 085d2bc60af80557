package io.sloscout.core.generation;

import io.sloscout.core.burnrate.AlertSeverity;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Slo;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Prometheus rules of one SLO as data: what {@link RuleGenerator} writes and what {@link
 * RuleTestGenerator} simulates, so both always agree on windows, thresholds and labels.
 *
 * @param slo the SLO
 * @param seriesLabels labels every recording rule of the SLO carries, {@code sloth_window} aside
 * @param groups the rule groups, in file order
 */
record SloRules(Slo slo, SortedMap<String, String> seriesLabels, List<Group> groups) {

  /** Name of the SLI recording rule for a window. */
  static String sliRecord(PromDuration window) {
    return "slo:sli_error:ratio_rate" + window;
  }

  SloRules {
    seriesLabels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(seriesLabels));
    groups = List.copyOf(groups);
  }

  /** The SLO's alert rules across its groups, in file order. */
  List<Alert> alerts() {
    return groups.stream().flatMap(g -> g.alerts().stream()).toList();
  }

  /** Every window the SLO has an SLI recording rule for; the period last. */
  List<PromDuration> alertWindows() {
    return alerts().stream()
        .flatMap(a -> a.conditions().stream())
        .flatMap(c -> java.util.stream.Stream.of(c.shortWindow(), c.longWindow()))
        .distinct()
        .sorted()
        .toList();
  }

  /** A rule group; a group holds recording rules or alerts. */
  record Group(String name, List<Recording> recordings, List<Alert> alerts) {
    Group {
      recordings = List.copyOf(recordings);
      alerts = List.copyOf(alerts);
    }
  }

  /** A recording rule. */
  record Recording(String record, String expr, SortedMap<String, String> labels) {
    Recording {
      labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }
  }

  /**
   * One multi-window condition: the SLI over both windows is above {@code factor × budget}.
   *
   * @param factor the burn-rate factor as written in the rule
   * @param budget the error budget as written in the rule
   */
  record Condition(
      PromDuration shortWindow, PromDuration longWindow, String factor, String budget) {
    /** The threshold as Prometheus computes it from the rule text. */
    double threshold() {
      return Double.parseDouble(factor) * Double.parseDouble(budget);
    }
  }

  /**
   * An alerting rule: its conditions are OR-ed.
   *
   * @param forDuration the rule's {@code for}, or null
   */
  record Alert(
      String name,
      AlertSeverity severity,
      List<Condition> conditions,
      PromDuration forDuration,
      SortedMap<String, String> labels,
      SortedMap<String, String> annotations) {
    Alert {
      Objects.requireNonNull(severity, "severity");
      conditions = List.copyOf(conditions);
      labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
      annotations = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
    }
  }
}
