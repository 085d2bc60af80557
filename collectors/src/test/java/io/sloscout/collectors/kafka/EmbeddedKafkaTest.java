package io.sloscout.collectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

  @TempDir Path tempDir;

  @Test
  void aRestartedBrokerOnTheSameDirectoryStillHasItsTopicsAndRecords() throws Exception {
    Path dataDir = tempDir.resolve("kafka");
    EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Config.keeping(dataDir));
    try {
      kafka.createTopics(TopicNames.ALL, 2);
      String bootstrap = kafka.bootstrapServers();
      assertThat(bootstrap).startsWith("127.0.0.1:");
      assertThat(kafka.topics()).containsAll(TopicNames.ALL);

      try (KafkaProducer<String, byte[]> producer = plainProducer(bootstrap)) {
        producer
            .send(
                new ProducerRecord<>(
                    TopicNames.LOGS_RAW, "checkout", "before".getBytes(StandardCharsets.UTF_8)))
            .get(30, TimeUnit.SECONDS);
      }

      kafka.stop();
      assertThat(kafka.isRunning()).isFalse();
      kafka.start();

      assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
      assertThat(kafka.topics()).containsAll(TopicNames.ALL);
      // creating the contract topics again is harmless on an existing directory
      kafka.createTopics(TopicNames.ALL, 2);
      List<TopicReader.Stored> stored = TopicReader.readAll(bootstrap, TopicNames.LOGS_RAW);
      assertThat(stored).hasSize(1);
      assertThat(stored.get(0).key()).isEqualTo("checkout");
      assertThat(new String(stored.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("before");
    } finally {
      kafka.close();
    }
    // Config.keeping: data stays for the next start
    assertThat(Files.exists(dataDir.resolve("meta.properties"))).isTrue();
  }

  @Test
  void aNewBrokerOnAnExistingDirectoryServesItsRecordsOnNewPorts() throws Exception {
    // what a restarted process (slo-scout up --data-dir D) does: same directory, fresh ports
    Path dataDir = tempDir.resolve("reused");
    String firstAddress;
    try (EmbeddedKafka first = EmbeddedKafka.start(EmbeddedKafka.Config.keeping(dataDir))) {
      first.createTopics(List.of(TopicNames.SPANS_RAW), 1);
      firstAddress = first.bootstrapServers();
      try (KafkaProducer<String, byte[]> producer = plainProducer(firstAddress)) {
        producer
            .send(new ProducerRecord<>(TopicNames.SPANS_RAW, "cart", new byte[] {1, 2, 3}))
            .get(30, TimeUnit.SECONDS);
      }
    }

    try (EmbeddedKafka second = EmbeddedKafka.start(EmbeddedKafka.Config.keeping(dataDir))) {
      List<TopicReader.Stored> stored =
          TopicReader.readAll(second.bootstrapServers(), TopicNames.SPANS_RAW);

      assertThat(stored).hasSize(1);
      assertThat(stored.get(0).value()).containsExactly(1, 2, 3);
    }
  }

  @Test
  void aTemporaryBrokerDeletesItsDirectoryOnClose() {
    Path dir;
    try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
      dir = kafka.dataDir();
      assertThat(dir).isDirectory();
    }
    assertThat(dir).doesNotExist();
  }

  private static KafkaProducer<String, byte[]> plainProducer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            (int) Duration.ofSeconds(30).toMillis(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ByteArraySerializer.class));
  }
}
