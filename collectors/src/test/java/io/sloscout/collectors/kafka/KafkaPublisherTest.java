package io.sloscout.collectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sloscout.collectors.kafka.PublishResult.Acknowledgement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaPublisherTest {

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.startTemporary();
    kafka.createTopics(TopicNames.ALL, 3);
    kafka.createTopics(List.of("budget", "close"), 1);
  }

  @AfterAll
  static void stopKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void publishedBytesComeBackFromKafkaUnderTheirServiceKeys() throws Exception {
    record Sent(String topic, String key, byte[] value, Acknowledgement ack) {}
    List<Sent> sent = new ArrayList<>();
    try (KafkaPublisher publisher =
        new KafkaPublisher(KafkaPublisher.Config.defaults(kafka.bootstrapServers()))) {
      publisher.awaitTopics(TopicNames.RAW);
      List<CompletableFuture<Acknowledgement>> futures = new ArrayList<>();
      List<String[]> inputs = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        String topic = TopicNames.RAW.get(i % 3);
        String key = List.of("checkout", "cart", "payments", "unknown_service").get(i % 4);
        byte[] value = payload(i);
        PublishResult result = publisher.tryPublish(topic, key, value);
        assertThat(result).isInstanceOf(PublishResult.Submitted.class);
        futures.add(((PublishResult.Submitted) result).acknowledged());
        inputs.add(new String[] {topic, key, HexFormat.of().formatHex(value)});
      }
      for (int i = 0; i < futures.size(); i++) {
        Acknowledgement ack = futures.get(i).get(30, TimeUnit.SECONDS);
        String[] in = inputs.get(i);
        sent.add(new Sent(in[0], in[1], HexFormat.of().parseHex(in[2]), ack));
      }
      assertThat(publisher.stats().acknowledged()).isEqualTo(30);
      assertThat(publisher.inFlightBytes()).isZero();
      assertThat(publisher.inFlightRecords()).isZero();
    }

    for (String topic : TopicNames.RAW) {
      List<TopicReader.Stored> stored = TopicReader.readAll(kafka.bootstrapServers(), topic);
      List<Sent> sentToTopic = sent.stream().filter(s -> s.topic().equals(topic)).toList();
      assertThat(stored).hasSameSizeAs(sentToTopic);
      for (Sent s : sentToTopic) {
        // the acknowledgement names the exact place the record is stored
        TopicReader.Stored at =
            stored.stream()
                .filter(r -> r.partition() == s.ack().partition() && r.offset() == s.ack().offset())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no record at " + s.ack()));
        assertThat(at.key()).isEqualTo(s.key());
        assertThat(at.value()).isEqualTo(s.value());
        assertThat(s.ack().topic()).isEqualTo(topic);
      }
    }
    // keyed by service: one service's records share a partition, so their order is kept
    List<TopicReader.Stored> spans =
        TopicReader.readAll(kafka.bootstrapServers(), TopicNames.SPANS_RAW);
    assertThat(
            spans.stream()
                .filter(r -> r.key().equals("checkout"))
                .map(TopicReader.Stored::partition)
                .distinct())
        .hasSize(1);
  }

  @Test
  void aSpentByteBudgetRefusesInsteadOfWaitingAndRecoversOnAcknowledgement() throws Exception {
    // a long linger holds the first record in the producer until flush(): "in flight" for sure
    KafkaPublisher.Config config =
        new KafkaPublisher.Config(
            kafka.bootstrapServers(),
            1_000,
            600,
            "zstd",
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            Duration.ofSeconds(60),
            Duration.ofSeconds(10),
            Map.of());
    try (KafkaPublisher publisher = new KafkaPublisher(config)) {
      publisher.awaitTopics(List.of("budget"));
      PublishResult first = publisher.tryPublish("budget", "svc", new byte[500]);
      assertThat(first).isInstanceOf(PublishResult.Submitted.class);
      assertThat(publisher.inFlightBytes()).isEqualTo(3 * 3 + 500);

      PublishResult second = publisher.tryPublish("budget", "svc", new byte[500]);
      assertThat(second).isEqualTo(new PublishResult.WouldBlock(509, 1_000));
      assertThat(publisher.stats().refusedWouldBlock()).isEqualTo(1);
      assertThat(publisher.tryPublish("budget", "svc", new byte[700]))
          .isEqualTo(new PublishResult.TooLarge(709, 600));
      // not acknowledged yet: the only thing that may complete it is Kafka
      assertThat(((PublishResult.Submitted) first).acknowledged()).isNotDone();

      publisher.flush();

      assertThat(((PublishResult.Submitted) first).acknowledged()).isCompleted();
      assertThat(publisher.inFlightBytes()).isZero();
      PublishResult third = publisher.tryPublish("budget", "svc", new byte[500]);
      assertThat(third).isInstanceOf(PublishResult.Submitted.class);
      publisher.flush();
      assertThat(((PublishResult.Submitted) third).acknowledged()).isCompleted();
    }
    assertThat(TopicReader.readAll(kafka.bootstrapServers(), "budget")).hasSize(2);
  }

  @Test
  void aClosedPublisherRefusesAndAGracefulCloseDrainsWhatWasInFlight() throws Exception {
    KafkaPublisher.Config config =
        new KafkaPublisher.Config(
            kafka.bootstrapServers(),
            1_000_000,
            1_000,
            "lz4",
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            Duration.ofSeconds(60),
            Duration.ofSeconds(10),
            Map.of());
    KafkaPublisher publisher = new KafkaPublisher(config);
    publisher.awaitTopics(List.of("close"));
    List<CompletableFuture<Acknowledgement>> pending = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      pending.add(
          ((PublishResult.Submitted) publisher.tryPublish("close", "svc", payload(i)))
              .acknowledged());
    }

    boolean drained = publisher.close(Duration.ofSeconds(30));

    assertThat(drained).isTrue();
    for (CompletableFuture<Acknowledgement> ack : pending) {
      assertThat(ack).isCompleted();
    }
    assertThat(publisher.tryPublish("close", "svc", payload(99)))
        .isInstanceOf(PublishResult.Closed.class);
    assertThat(TopicReader.readAll(kafka.bootstrapServers(), "close")).hasSize(10);
  }

  @Test
  void aRecordTheBrokerRefusesFailsAsNotRetryable() throws Exception {
    // the publisher allows 2 MiB, the broker's topic only 1 KiB: Kafka itself refuses the record
    kafka.createTopics(List.of("tiny"), 1, Map.of("max.message.bytes", "1024"));
    try (KafkaPublisher publisher =
        new KafkaPublisher(
            KafkaPublisher.Config.defaults(kafka.bootstrapServers())
                .withLimits(4L * 1024 * 1024, 2 * 1024 * 1024))) {
      publisher.awaitTopics(List.of("tiny"));
      // random bytes: the limit applies to the compressed batch, so the record must not shrink
      byte[] incompressible = new byte[64 * 1024];
      new Random(42).nextBytes(incompressible);
      PublishResult result = publisher.tryPublish("tiny", "svc", incompressible);

      CompletableFuture<Acknowledgement> ack = ((PublishResult.Submitted) result).acknowledged();
      assertThatThrownBy(() -> ack.get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.retryable()).isFalse())
          .hasCauseInstanceOf(RecordTooLargeException.class);
      assertThat(publisher.inFlightBytes()).isZero();
      assertThat(publisher.stats().failed()).isEqualTo(1);
    }
  }

  @Test
  void awaitingTopicsSucceedsForTheContractAndFailsForAMissingTopic() throws Exception {
    try (KafkaPublisher publisher =
        new KafkaPublisher(
            KafkaPublisher.Config.defaults(kafka.bootstrapServers())
                .withTimeouts(
                    Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1)))) {
      publisher.awaitTopics(TopicNames.ALL);

      // the broker does not create topics on demand, so a typo is an error, not a new topic
      assertThatThrownBy(() -> publisher.awaitTopics(List.of("slo-scout.spanz.raw")))
          .isInstanceOf(TimeoutException.class);
    }
  }

  static byte[] payload(int i) {
    // 300 bytes like a small OTLP request; distinct per i so records can be told apart
    byte[] bytes = new byte[300];
    byte[] id = ("record-" + i + "-").getBytes(StandardCharsets.UTF_8);
    for (int j = 0; j < bytes.length; j++) {
      bytes[j] = id[j % id.length];
    }
    return bytes;
  }
}
