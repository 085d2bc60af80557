package io.sloscout.core.check;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** A figure measured by {@code slo-scout check} that an assertion may limit. */
public enum CheckMetric {
  ERROR_RATE("error-rate", Unit.RATIO),
  LATENCY_P50("latency-p50", Unit.MILLISECONDS),
  LATENCY_P90("latency-p90", Unit.MILLISECONDS),
  LATENCY_P95("latency-p95", Unit.MILLISECONDS),
  LATENCY_P99("latency-p99", Unit.MILLISECONDS),
  LATENCY_MAX("latency-max", Unit.MILLISECONDS),
  RPS("rps", Unit.PER_SECOND);

  /** How a metric's limit is written and printed. */
  public enum Unit {
    RATIO,
    MILLISECONDS,
    PER_SECOND
  }

  private final String label;
  private final Unit unit;

  CheckMetric(String label, Unit unit) {
    this.label = label;
    this.unit = unit;
  }

  /** The name used in {@code --assert} expressions and in reports. */
  public String label() {
    return label;
  }

  public Unit unit() {
    return unit;
  }

  /** The metric's value in a load summary, in the metric's unit. */
  public double valueIn(LoadSummary load) {
    return switch (this) {
      case ERROR_RATE -> load.errorRate();
      case LATENCY_P50 -> load.latencyMs().p50();
      case LATENCY_P90 -> load.latencyMs().p90();
      case LATENCY_P95 -> load.latencyMs().p95();
      case LATENCY_P99 -> load.latencyMs().p99();
      case LATENCY_MAX -> load.latencyMs().max();
      case RPS -> load.achievedRps();
    };
  }

  /** The metric with this label, if any. */
  public static Optional<CheckMetric> byLabel(String label) {
    return Arrays.stream(values()).filter(m -> m.label.equals(label)).findFirst();
  }

  /** All labels, comma-separated, for error messages. */
  public static String labels() {
    return Arrays.stream(values()).map(CheckMetric::label).collect(Collectors.joining(", "));
  }
}
