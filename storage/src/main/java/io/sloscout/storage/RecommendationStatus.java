package io.sloscout.storage;

import java.util.Locale;

/** What a person made of a recommendation. */
public enum RecommendationStatus {
  OPEN,
  ACCEPTED,
  DISMISSED;

  /** The stored name: {@code open}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static RecommendationStatus fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
