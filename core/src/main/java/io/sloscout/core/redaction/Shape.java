package io.sloscout.core.redaction;

import java.util.Locale;

/** A character-shape measure of a text, taken in the pre-filter's single scan. */
enum Shape {
  /**
   * Most digits in a run of groups joined by up to two of " -.()+" (cards, SSNs, phone numbers);
   * groups touching a letter, '_' or ':' (words, ids, times) do not count.
   */
  DIGITS,
  /** Most digit groups joined by single '.' (IPv4). */
  DOTTED_NUMBERS,
  /** Most 1-4 character hex groups joined by single ':' or '-' (MAC, IPv6). */
  HEX_GROUPS,
  /** Longest [A-Za-z0-9_+-] token holding an upper-case letter, a lower-case one and a digit. */
  MIXED_TOKEN,
  /** Longest [A-Z0-9] run, single spaces allowed, with two letters and two digits (IBAN). */
  UPPER_ALNUM;

  /** The name used in {@code pii-detectors.yaml}, such as {@code phone-digits}. */
  String yamlName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The shape called {@code yamlName}, or null. */
  static Shape byYamlName(String yamlName) {
    for (Shape s : values()) {
      if (s.yamlName().equals(yamlName)) {
        return s;
      }
    }
    return null;
  }
}
