package io.sloscout.collectors.remoteread;

import com.google.protobuf.InvalidProtocolBufferException;
import io.sloscout.collectors.kafka.TopicNames;
import io.sloscout.proto.prompb.WriteRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads slo-scout.metrics.raw (one partition in these tests) as parsed WriteRequests. */
final class MetricsTopic {

  /** One record: its offset, key and value parsed as a prompb WriteRequest. */
  record Stored(long offset, String key, WriteRequest request) {}

  private static final TopicPartition PARTITION = new TopicPartition(TopicNames.METRICS_RAW, 0);

  private MetricsTopic() {}

  /** Records at offsets {@code from} and later, up to the end offset now. */
  static List<Stored> readFrom(String bootstrapServers, long from) {
    try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
      consumer.assign(List.of(PARTITION));
      consumer.seek(PARTITION, from);
      long end = consumer.endOffsets(List.of(PARTITION), Duration.ofSeconds(30)).get(PARTITION);
      List<Stored> records = new ArrayList<>();
      // bounded so a broken broker fails the test instead of hanging it
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (consumer.position(PARTITION, Duration.ofSeconds(30)) < end) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + PARTITION + " up to offset " + end);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          try {
            records.add(new Stored(r.offset(), r.key(), WriteRequest.parseFrom(r.value())));
          } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(
                "record at offset " + r.offset() + " is not a WriteRequest", e);
          }
        }
      }
      return records;
    }
  }

  /** The end offset now: where the next record will go. */
  static long end(String bootstrapServers) {
    try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
      return consumer.endOffsets(List.of(PARTITION), Duration.ofSeconds(30)).get(PARTITION);
    }
  }

  private static KafkaConsumer<String, byte[]> consumer(String bootstrapServers) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false));
  }
}
