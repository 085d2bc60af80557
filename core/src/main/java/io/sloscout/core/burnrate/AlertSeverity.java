package io.sloscout.core.burnrate;

/** Page (wake someone) or ticket (look at it during working hours). */
public enum AlertSeverity {
  PAGE("critical", "page"),
  TICKET("warning", "ticket");

  private final String label;
  private final String slothLabel;

  AlertSeverity(String label, String slothLabel) {
    this.label = label;
    this.slothLabel = slothLabel;
  }

  /** The {@code severity} label value: {@code critical} or {@code warning}. */
  public String label() {
    return label;
  }

  /** The {@code sloth_severity} label value, so Sloth's dashboards keep working. */
  public String slothLabel() {
    return slothLabel;
  }
}
