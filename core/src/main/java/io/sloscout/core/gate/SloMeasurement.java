package io.sloscout.core.gate;

import io.sloscout.core.burnrate.BurnRateWindow;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Slo;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * What was measured for one SLO at the gate's evaluation time.
 *
 * @param slo the SLO
 * @param conditions the multi-window burn-rate conditions it alerts on
 * @param errorRatios error ratio per window (the alert windows and the SLO period); a window
 *     without data is absent, and NaN or infinite values (0/0 with no traffic) count as absent
 * @param events events counted per window (at least the policy's traffic window); absent when they
 *     cannot be counted, as for a raw error-ratio SLI
 */
public record SloMeasurement(
    Slo slo,
    List<BurnRateWindow> conditions,
    Map<PromDuration, Double> errorRatios,
    Map<PromDuration, Double> events) {

  public SloMeasurement {
    Objects.requireNonNull(slo, "slo");
    conditions = List.copyOf(conditions);
    errorRatios = finite(errorRatios);
    events = finite(events);
  }

  /** The error ratio over {@code window}, empty without data. */
  public OptionalDouble errorRatio(PromDuration window) {
    Double v = errorRatios.get(window);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  /** The events counted over {@code window}, empty when not counted. */
  public OptionalDouble events(PromDuration window) {
    Double v = events.get(window);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  private static Map<PromDuration, Double> finite(Map<PromDuration, Double> in) {
    TreeMap<PromDuration, Double> out = new TreeMap<>();
    in.forEach(
        (k, v) -> {
          if (v != null && Double.isFinite(v)) {
            out.put(k, v);
          }
        });
    return java.util.Collections.unmodifiableMap(out);
  }
}
