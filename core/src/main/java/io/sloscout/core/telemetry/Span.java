package io.sloscout.core.telemetry;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One span with the resource that emitted it; ids are lower-case hex, an empty parent id means a
 * root span.
 *
 * @param resource the emitting resource
 * @param traceId 32 hex digits
 * @param spanId 16 hex digits
 * @param parentSpanId 16 hex digits, or empty for a root span
 * @param name the span name
 * @param kind the span kind
 * @param startUnixNanos start, nanoseconds since the Unix epoch
 * @param endUnixNanos end, nanoseconds since the Unix epoch
 * @param status the status code
 * @param statusMessage the status description, may be empty
 * @param attributes span attributes with values as text
 * @param events span events
 */
public record Span(
    Resource resource,
    String traceId,
    String spanId,
    String parentSpanId,
    String name,
    SpanKind kind,
    long startUnixNanos,
    long endUnixNanos,
    StatusCode status,
    String statusMessage,
    Map<String, String> attributes,
    List<SpanEvent> events) {

  public Span {
    Objects.requireNonNull(resource, "resource");
    if (traceId == null || traceId.isEmpty()) {
      throw new IllegalArgumentException("span without trace id");
    }
    if (spanId == null || spanId.isEmpty()) {
      throw new IllegalArgumentException("span without span id");
    }
    parentSpanId = parentSpanId == null ? "" : parentSpanId;
    name = name == null ? "" : name;
    kind = kind == null ? SpanKind.UNSPECIFIED : kind;
    status = status == null ? StatusCode.UNSET : status;
    statusMessage = statusMessage == null ? "" : statusMessage;
    attributes =
        attributes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(attributes));
    events = events == null ? List.of() : List.copyOf(events);
  }

  /** The emitting service ({@code service.name} of the resource). */
  public String service() {
    return resource.serviceName();
  }

  /** True when the span has no parent at all. */
  public boolean isRoot() {
    return parentSpanId.isEmpty();
  }

  /** The duration in nanoseconds; zero when the end lies before the start. */
  public long durationNanos() {
    return Math.max(0, endUnixNanos - startUnixNanos);
  }

  /** The attribute {@code key}, or null. */
  public String attribute(String key) {
    return attributes.get(key);
  }

  /** The first of {@code keys} that the span carries, or null. */
  public String firstAttribute(String... keys) {
    for (String key : keys) {
      String value = attributes.get(key);
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    return null;
  }
}
