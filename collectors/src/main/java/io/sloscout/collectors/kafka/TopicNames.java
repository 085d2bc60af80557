package io.sloscout.collectors.kafka;

import java.util.List;

/** The Kafka topics of the SLO-Scout contract (ARCHITECTURE.md, "Kafka"). */
public final class TopicNames {

  /** OTLP {@code ExportTraceServiceRequest} bytes, keyed by service.name; unredacted. */
  public static final String SPANS_RAW = "slo-scout.spans.raw";

  /** OTLP {@code ExportLogsServiceRequest} bytes, keyed by service.name; unredacted. */
  public static final String LOGS_RAW = "slo-scout.logs.raw";

  /**
   * OTLP {@code ExportMetricsServiceRequest} bytes, or remote-read series as a prompb {@code
   * WriteRequest}, keyed by service.name; unredacted.
   */
  public static final String METRICS_RAW = "slo-scout.metrics.raw";

  /** Redacted, fingerprinted {@code slo_scout.v1.Event} records, keyed by service. */
  public static final String EVENTS = "slo-scout.events";

  /** The three raw topics: the only place unredacted data exists, so short retention. */
  public static final List<String> RAW = List.of(SPANS_RAW, LOGS_RAW, METRICS_RAW);

  /** Every topic of the contract. */
  public static final List<String> ALL = List.of(SPANS_RAW, LOGS_RAW, METRICS_RAW, EVENTS);

  private TopicNames() {}
}
