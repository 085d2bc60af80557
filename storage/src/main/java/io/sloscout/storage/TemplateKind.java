package io.sloscout.storage;

import java.util.Locale;

/** What a template was mined from. */
public enum TemplateKind {
  SPAN,
  LOG,
  METRIC;

  /** The stored name: {@code log}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static TemplateKind fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
