package io.sloscout.core.telemetry;

/** The OpenTelemetry span kinds, in the order of their OTLP enum numbers. */
public enum SpanKind {
  UNSPECIFIED,
  INTERNAL,
  SERVER,
  CLIENT,
  PRODUCER,
  CONSUMER;

  /** The kind for an OTLP enum number ({@code 2}) or name ({@code SPAN_KIND_SERVER}). */
  static SpanKind parse(String text) {
    if (text == null || text.isEmpty()) {
      return UNSPECIFIED;
    }
    if (Character.isDigit(text.charAt(0))) {
      int n = Integer.parseInt(text);
      if (n < 0 || n >= values().length) {
        throw new IllegalArgumentException("unknown span kind " + n);
      }
      return values()[n];
    }
    String name = text.startsWith("SPAN_KIND_") ? text.substring("SPAN_KIND_".length()) : text;
    return valueOf(name);
  }
}
