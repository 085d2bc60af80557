package io.sloscout.collectors.service;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The collector's readiness with each component's status; ready only when every component that is
 * not {@link Status#DISABLED} is {@link Status#UP}.
 */
public record Health(Map<String, Component> components) {

  /** What a component is doing. */
  public enum Status {
    UP,
    DOWN,
    STARTING,
    DRAINING,
    STOPPED,
    DISABLED
  }

  /** One component: its status and details for a person (address, topics, last error). */
  public record Component(Status status, Map<String, Object> details) {
    public Component {
      details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
  }

  public Health {
    components = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(components));
  }

  /** Whether the collector can take data now. */
  public boolean ready() {
    return components.values().stream()
        .allMatch(c -> c.status() == Status.UP || c.status() == Status.DISABLED);
  }

  /** The JSON body of {@code /health/ready}: {@code {status, components{name{status, ...}}}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", ready() ? "UP" : "DOWN");
    Map<String, Object> parts = new LinkedHashMap<>();
    components.forEach(
        (name, c) -> {
          Map<String, Object> part = new LinkedHashMap<>();
          part.put("status", c.status().name());
          part.putAll(c.details());
          parts.put(name, part);
        });
    body.put("components", parts);
    return body;
  }
}
