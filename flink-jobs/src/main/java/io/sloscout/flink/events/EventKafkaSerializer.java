package io.sloscout.flink.events;

import io.sloscout.proto.v1.Event;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes events keyed by service (the raw topics' partitioning), valued by protobuf bytes. */
public final class EventKafkaSerializer implements KafkaRecordSerializationSchema<Event> {

  private static final long serialVersionUID = 1L;

  private final String topic;

  public EventKafkaSerializer(String topic) {
    this.topic = Objects.requireNonNull(topic, "topic");
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      Event event, KafkaSinkContext context, Long timestamp) {
    // no record timestamp: the producer stamps the write time. Event time is in the payload; as
    // the record's time it would let retention delete a backfill of old telemetry at once.
    return new ProducerRecord<>(
        topic,
        null,
        null,
        event.getService().getBytes(StandardCharsets.UTF_8),
        event.toByteArray());
  }
}
