package io.sloscout.core.spec;

import java.util.Map;
import java.util.TreeMap;

/** One alert (page or ticket) of an SLO: whether it is on, and its extra labels and annotations. */
public record AlertSpec(
    boolean enabled, Map<String, String> labels, Map<String, String> annotations) {
  public AlertSpec {
    labels =
        labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    annotations =
        annotations == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
  }

  public static AlertSpec on() {
    return new AlertSpec(true, Map.of(), Map.of());
  }

  public static AlertSpec off() {
    return new AlertSpec(false, Map.of(), Map.of());
  }
}
