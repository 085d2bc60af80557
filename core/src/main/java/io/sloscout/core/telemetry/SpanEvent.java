package io.sloscout.core.telemetry;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Something that happened during a span, such as an {@code exception}.
 *
 * @param name the event name
 * @param timeUnixNanos when it happened, nanoseconds since the Unix epoch
 * @param attributes event attributes with values as text
 */
public record SpanEvent(String name, long timeUnixNanos, Map<String, String> attributes) {
  public SpanEvent {
    name = name == null ? "" : name;
    attributes =
        attributes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(attributes));
  }
}
