package io.sloscout.storage;

import java.util.Locale;

/** What a generated file is. */
public enum ArtifactKind {
  /** Prometheus recording and alerting rules. */
  RULES,
  /** promtool unit tests of the rules. */
  RULE_TESTS,
  /** A Grafana dashboard. */
  DASHBOARD,
  /** A runbook in Markdown. */
  RUNBOOK;

  /** The stored name: {@code rule_tests}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ArtifactKind fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
