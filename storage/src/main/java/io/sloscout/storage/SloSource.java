package io.sloscout.storage;

import java.util.Locale;

/** Where an SLO came from. */
public enum SloSource {
  /** Accepted from a recommendation. */
  RECOMMENDED,
  /** Written by a person. */
  MANUAL;

  /** The stored name: {@code manual}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static SloSource fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
