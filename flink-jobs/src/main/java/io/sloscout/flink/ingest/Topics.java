package io.sloscout.flink.ingest;

/** The Kafka topics the jobs read and write (ARCHITECTURE.md, "Kafka"). */
public final class Topics {

  /** OTLP {@code ExportTraceServiceRequest} bytes, keyed by service.name; unredacted. */
  public static final String SPANS_RAW = "slo-scout.spans.raw";

  /** OTLP {@code ExportLogsServiceRequest} bytes, keyed by service.name; unredacted. */
  public static final String LOGS_RAW = "slo-scout.logs.raw";

  /** Redacted, fingerprinted {@code slo_scout.v1.Event} records, keyed by service. */
  public static final String EVENTS = "slo-scout.events";

  /**
   * Raw records the jobs could not decode: the original key and value, the reason in headers. It
   * holds raw bytes, so it gets the raw topics' short retention.
   */
  public static final String DEADLETTER = "slo-scout.deadletter";

  /** Header of a dead letter: why the record could not be decoded. */
  public static final String HEADER_REASON = "slo-scout.reason";

  /** Header of a dead letter: the topic, partition and offset it was read from. */
  public static final String HEADER_SOURCE = "slo-scout.source";

  /** Header of a dead letter: "true" when the record's valid items were processed. */
  public static final String HEADER_PARTIAL = "slo-scout.partial";

  /** Header of a dead letter: the job that gave up on the record. */
  public static final String HEADER_JOB = "slo-scout.job";

  private Topics() {}
}
