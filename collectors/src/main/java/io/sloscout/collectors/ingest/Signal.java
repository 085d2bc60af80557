package io.sloscout.collectors.ingest;

import io.sloscout.collectors.kafka.TopicNames;

/** The three OTLP signals, each with the raw Kafka topic its requests go to. */
public enum Signal {
  TRACES(TopicNames.SPANS_RAW, "spans"),
  METRICS(TopicNames.METRICS_RAW, "data points"),
  LOGS(TopicNames.LOGS_RAW, "log records");

  private final String topic;
  private final String items;

  Signal(String topic, String items) {
    this.topic = topic;
    this.items = items;
  }

  /**
   * The raw topic: {@link TopicNames#SPANS_RAW}, {@link TopicNames#METRICS_RAW} or {@link
   * TopicNames#LOGS_RAW}.
   */
  public String topic() {
    return topic;
  }

  /** What one item of this signal is called in messages: "spans", "data points", "log records". */
  public String items() {
    return items;
  }

  /** The lower-case name used as a metric label: {@code traces}, {@code metrics}, {@code logs}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
