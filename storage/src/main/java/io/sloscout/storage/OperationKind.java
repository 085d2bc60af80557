package io.sloscout.storage;

import java.util.Locale;

/** The span kind of an operation, as OpenTelemetry names it. */
public enum OperationKind {
  SERVER,
  CLIENT,
  PRODUCER,
  CONSUMER,
  INTERNAL;

  /** The stored name: {@code server}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static OperationKind fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
