package io.sloscout.flink.ingest;

import io.sloscout.flink.config.PipelineConfig;
import io.sloscout.flink.events.EventKafkaDeserializer;
import io.sloscout.flink.events.EventKafkaSerializer;
import io.sloscout.proto.v1.Event;
import java.util.List;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The Kafka sources and sinks of the jobs, configured one way. */
public final class KafkaConnectors {

  private KafkaConnectors() {}

  /** Raw records of {@code topics}, for consumer group {@code <prefix>-<job>}. */
  public static KafkaSource<RawRecord> rawSource(
      PipelineConfig.Kafka kafka, String job, List<String> topics) {
    KafkaSourceBuilder<RawRecord> b =
        KafkaSource.<RawRecord>builder().setDeserializer(new RawRecordDeserializer());
    return configure(b, kafka, job, topics).build();
  }

  /** Events of {@code slo-scout.events}, for consumer group {@code <prefix>-<job>}. */
  public static KafkaSource<Event> eventSource(PipelineConfig.Kafka kafka, String job) {
    KafkaSourceBuilder<Event> b =
        KafkaSource.<Event>builder().setDeserializer(new EventKafkaDeserializer());
    // only committed events: an exactly-once writer's aborted transactions must not count
    b.setProperty("isolation.level", "read_committed");
    return configure(b, kafka, job, List.of(kafka.eventsTopic())).build();
  }

  @SuppressWarnings("deprecation") // the connector's API still takes OffsetResetStrategy
  private static <T> KafkaSourceBuilder<T> configure(
      KafkaSourceBuilder<T> b, PipelineConfig.Kafka kafka, String job, List<String> topics) {
    b.setBootstrapServers(kafka.bootstrapServers())
        .setTopics(topics)
        .setGroupId(kafka.groupIdPrefix() + "-" + job)
        .setClientIdPrefix(kafka.groupIdPrefix() + "-" + job)
        .setStartingOffsets(
            OffsetsInitializer.committedOffsets(
                kafka.startingOffsets() == PipelineConfig.StartingOffsets.LATEST
                    ? OffsetResetStrategy.LATEST
                    : OffsetResetStrategy.EARLIEST));
    Properties props = new Properties();
    props.putAll(kafka.properties());
    b.setProperties(props);
    if (kafka.bounded()) {
      b.setBounded(OffsetsInitializer.latest());
    }
    return b;
  }

  /**
   * The sink of {@code slo-scout.events}. At least once by default: every consumer of events is
   * idempotent (the embed job keys by template id; counts are computed in the producing job from
   * checkpointed state, not downstream), so replays cost a few duplicates but no wrong numbers, and
   * readers see events without waiting for a checkpoint to commit a transaction.
   */
  public static KafkaSink<Event> eventSink(PipelineConfig.Kafka kafka, String job) {
    var b =
        KafkaSink.<Event>builder()
            .setBootstrapServers(kafka.bootstrapServers())
            .setRecordSerializer(new EventKafkaSerializer(kafka.eventsTopic()))
            .setKafkaProducerConfig(producerProperties(kafka));
    if (kafka.eventsDelivery() == PipelineConfig.Delivery.EXACTLY_ONCE) {
      // the connector's default (1 h) exceeds the brokers' default transaction.max.timeout.ms
      b.setProperty(
          "transaction.timeout.ms",
          kafka.properties().getOrDefault("transaction.timeout.ms", "900000"));
      b.setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
          .setTransactionalIdPrefix(kafka.transactionalIdPrefix() + "-" + job);
    } else {
      b.setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE);
    }
    return b.build();
  }

  /** The dead-letter sink: original key and value, reason and source in headers. */
  public static KafkaSink<DeadLetter> deadLetterSink(PipelineConfig.Kafka kafka, String job) {
    return KafkaSink.<DeadLetter>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setRecordSerializer(new DeadLetterSerializer(kafka.deadLetterTopic(), job))
        .setKafkaProducerConfig(producerProperties(kafka))
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }

  private static Properties producerProperties(PipelineConfig.Kafka kafka) {
    Properties props = new Properties();
    props.putAll(kafka.properties());
    // the contract's producer settings (ARCHITECTURE.md, "Kafka")
    props.putIfAbsent("acks", "all");
    props.putIfAbsent("enable.idempotence", "true");
    props.putIfAbsent("compression.type", "lz4");
    props.putIfAbsent("linger.ms", "5");
    // raw records may be as large as an OTLP request (the broker takes 32 MiB)
    props.putIfAbsent("max.request.size", Integer.toString(32 * 1024 * 1024));
    return props;
  }
}
