package io.sloscout.core.telemetry;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One log record with the resource that emitted it.
 *
 * @param resource the emitting resource
 * @param timeUnixNanos when it happened (the observed time where the event time is missing)
 * @param severityNumber the OTLP severity number, 0 when unset (17-20 are errors, 21-24 fatal)
 * @param severityText the severity as the source wrote it, may be empty
 * @param body the body as text
 * @param traceId the trace it belongs to in hex, or empty
 * @param spanId the span it belongs to in hex, or empty
 * @param attributes log attributes with values as text
 */
public record LogRecord(
    Resource resource,
    long timeUnixNanos,
    int severityNumber,
    String severityText,
    String body,
    String traceId,
    String spanId,
    Map<String, String> attributes) {

  /** The lowest OTLP severity number of the ERROR range. */
  public static final int SEVERITY_ERROR = 17;

  public LogRecord {
    Objects.requireNonNull(resource, "resource");
    severityText = severityText == null ? "" : severityText;
    body = body == null ? "" : body;
    traceId = traceId == null ? "" : traceId;
    spanId = spanId == null ? "" : spanId;
    attributes =
        attributes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(attributes));
  }

  /** True for ERROR and FATAL records, by number or, where the number is unset, by text. */
  public boolean isError() {
    if (severityNumber > 0) {
      return severityNumber >= SEVERITY_ERROR;
    }
    String s = severityText.toUpperCase(java.util.Locale.ROOT);
    return s.startsWith("ERR") || s.startsWith("FATAL") || s.startsWith("CRIT");
  }
}
