package io.sloscout.collectors.kafka;

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

/**
 * Reads a whole topic, from the beginning up to its end offsets at the time of the call: the one
 * reader the collector's tests use to see what reached Kafka.
 */
public final class TopicReader {

  /** One stored record, reduced to what the contract fixes. */
  public record Stored(String topic, int partition, long offset, String key, byte[] value) {}

  private TopicReader() {}

  /** Every record now in {@code topic}, in partition then offset order. */
  public static List<Stored> readAll(String bootstrapServers, String topic) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            // only what producers got acknowledged counts; read_committed is irrelevant here
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_uncommitted");
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      List<Stored> records = new ArrayList<>();
      // bounded so a broken broker fails the test instead of hanging it
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!reachedEnd(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " up to " + end);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          records.add(new Stored(r.topic(), r.partition(), r.offset(), r.key(), r.value()));
        }
      }
      return records;
    }
  }

  /** The records of {@code topic} whose key is {@code key}, in partition then offset order. */
  public static List<Stored> withKey(String bootstrapServers, String topic, String key) {
    return readAll(bootstrapServers, topic).stream().filter(r -> key.equals(r.key())).toList();
  }

  private static boolean reachedEnd(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    for (var entry : end.entrySet()) {
      if (consumer.position(entry.getKey(), Duration.ofSeconds(30)) < entry.getValue()) {
        return false;
      }
    }
    return true;
  }
}
