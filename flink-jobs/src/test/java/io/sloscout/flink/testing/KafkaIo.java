package io.sloscout.flink.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes and reads test topics with the plain Kafka clients. */
public final class KafkaIo {

  private KafkaIo() {}

  /** A producer as the collector configures one (acks=all, idempotent, lz4). */
  public static KafkaProducer<String, byte[]> producer(String bootstrap) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("acks", "all");
    p.put("enable.idempotence", "true");
    p.put("compression.type", "lz4");
    p.put("linger.ms", "5");
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", ByteArraySerializer.class.getName());
    return new KafkaProducer<>(p);
  }

  /** Writes the records and waits until every one is acknowledged. */
  public static void send(String bootstrap, String topic, List<Map.Entry<String, byte[]>> records) {
    try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
      for (Map.Entry<String, byte[]> r : records) {
        producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue()));
      }
      producer.flush();
    }
  }

  /** Reads a topic from the start until {@code atLeast} records came or {@code timeout} passed. */
  public static List<ConsumerRecord<byte[], byte[]>> readAll(
      String bootstrap, String topic, int atLeast, Duration timeout) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("group.id", "test-reader-" + UUID.randomUUID());
    p.put("auto.offset.reset", "earliest");
    p.put("enable.auto.commit", "false");
    p.put("isolation.level", "read_committed");
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic));
      while (System.nanoTime() < deadline && out.size() < atLeast) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      // whatever else is already there
      consumer.poll(Duration.ofMillis(300)).forEach(out::add);
    }
    return out;
  }
}
