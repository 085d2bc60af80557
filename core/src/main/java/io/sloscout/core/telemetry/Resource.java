package io.sloscout.core.telemetry;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The entity that produced telemetry: its attributes, {@code service.name} among them.
 *
 * @param attributes resource attributes with values as text
 */
public record Resource(Map<String, String> attributes) {

  /** The service name used when a resource carries none, as the OpenTelemetry SDKs do. */
  public static final String UNKNOWN_SERVICE = "unknown_service";

  /** A resource without attributes. */
  public static final Resource EMPTY = new Resource(Map.of());

  public Resource {
    attributes =
        attributes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(attributes));
  }

  /** The {@code service.name} attribute, or {@value #UNKNOWN_SERVICE} when it is missing. */
  public String serviceName() {
    String name = attributes.get("service.name");
    return name == null || name.isBlank() ? UNKNOWN_SERVICE : name;
  }

  /** The attribute {@code key}, or null. */
  public String attribute(String key) {
    return attributes.get(key);
  }
}
