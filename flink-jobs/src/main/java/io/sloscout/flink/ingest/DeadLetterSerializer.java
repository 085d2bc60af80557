package io.sloscout.flink.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Writes a dead letter as the original key and value, with the reason and source in headers. */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {

  private static final long serialVersionUID = 1L;

  private final String topic;
  private final String job;

  public DeadLetterSerializer(String topic, String job) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.job = Objects.requireNonNull(job, "job");
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      DeadLetter letter, KafkaSinkContext context, Long timestamp) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(Topics.HEADER_REASON, utf8(letter.reason()));
    headers.add(Topics.HEADER_SOURCE, utf8(letter.record().coordinates()));
    headers.add(Topics.HEADER_PARTIAL, utf8(Boolean.toString(letter.partial())));
    headers.add(Topics.HEADER_JOB, utf8(job));
    return new ProducerRecord<>(
        topic, null, null, letter.record().key(), letter.record().value(), headers);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
