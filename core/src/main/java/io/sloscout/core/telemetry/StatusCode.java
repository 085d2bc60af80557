package io.sloscout.core.telemetry;

/** A span's status code, in the order of the OTLP enum numbers. */
public enum StatusCode {
  UNSET,
  OK,
  ERROR;

  /** The code for an OTLP enum number ({@code 2}) or name ({@code STATUS_CODE_ERROR}). */
  static StatusCode parse(String text) {
    if (text == null || text.isEmpty()) {
      return UNSET;
    }
    if (Character.isDigit(text.charAt(0))) {
      int n = Integer.parseInt(text);
      if (n < 0 || n >= values().length) {
        throw new IllegalArgumentException("unknown status code " + n);
      }
      return values()[n];
    }
    String name = text.startsWith("STATUS_CODE_") ? text.substring("STATUS_CODE_".length()) : text;
    return valueOf(name);
  }
}
