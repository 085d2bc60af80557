package io.sloscout.collectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.collectors.kafka.PublishResult.Acknowledgement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kafka stopped under a running publisher, then brought back on the same directory. */
class KafkaPublisherOutageTest {

  private static final String TOPIC = TopicNames.SPANS_RAW;

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.startTemporary();
    kafka.createTopics(List.of(TOPIC), 2);
  }

  @AfterAll
  static void stopKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void whileKafkaIsDownNothingIsAcknowledgedAndWhatWasAcknowledgedSurvivesARestart()
      throws Exception {
    // short timeouts keep the outage phase brief; records expire after deliveryTimeout
    KafkaPublisher.Config config =
        KafkaPublisher.Config.defaults(kafka.bootstrapServers())
            .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(2));
    Set<String> acknowledged = new HashSet<>();
    Set<String> refused = new HashSet<>();
    try (KafkaPublisher publisher = new KafkaPublisher(config)) {
      publisher.awaitTopics(List.of(TOPIC));
      // before: all acknowledged
      List<Outcome> before = publishAll(publisher, 0, 50);
      for (Outcome o : before) {
        assertThat(o.error()).as("record %s before the outage", o.value()).isNull();
        acknowledged.add(o.value());
      }

      kafka.stop();
      List<Outcome> during = publishAll(publisher, 50, 20);
      for (Outcome o : during) {
        assertThat(o.error()).as("record %s while Kafka is down", o.value()).isNotNull();
        assertThat(o.error()).isInstanceOf(PublishException.class);
        assertThat(((PublishException) o.error()).retryable()).isTrue();
        refused.add(o.value());
      }
      assertThat(publisher.inFlightBytes()).isZero();
      assertThat(publisher.stats().failed()).isEqualTo(20);

      kafka.start();
      // after: the same publisher recovers; like an OTLP client, retry what was refused
      for (int i = 70; i < 80; i++) {
        Outcome o = publishUntilAcknowledged(publisher, i);
        acknowledged.add(o.value());
      }
    }

    Set<String> stored =
        TopicReader.readAll(kafka.bootstrapServers(), TOPIC).stream()
            .map(r -> HexFormat.of().formatHex(r.value()))
            .collect(Collectors.toSet());
    // never acknowledged without being in Kafka
    assertThat(stored).containsAll(acknowledged);
    // the broker was down for the whole outage phase, so none of those records can be there
    assertThat(stored).doesNotContainAnyElementsOf(refused);
  }

  private record Outcome(String value, Acknowledgement ack, Throwable error) {}

  private static List<Outcome> publishAll(KafkaPublisher publisher, int from, int count)
      throws InterruptedException {
    List<byte[]> values = new ArrayList<>();
    List<CompletableFuture<Acknowledgement>> futures = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      byte[] value = KafkaPublisherTest.payload(i);
      values.add(value);
      futures.add(((PublishResult.Submitted) publish(publisher, value)).acknowledged());
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String hex = HexFormat.of().formatHex(values.get(i));
      try {
        outcomes.add(new Outcome(hex, futures.get(i).orTimeout(60, TimeUnit.SECONDS).join(), null));
      } catch (CompletionException e) {
        outcomes.add(new Outcome(hex, null, e.getCause()));
      }
    }
    return outcomes;
  }

  private static Outcome publishUntilAcknowledged(KafkaPublisher publisher, int i)
      throws InterruptedException {
    byte[] value = KafkaPublisherTest.payload(i);
    String hex = HexFormat.of().formatHex(value);
    Throwable last = null;
    // like an OTLP client: back off and retry; bounded so a publisher that never recovers fails
    for (int attempt = 0; attempt < 200; attempt++) {
      try {
        Acknowledgement ack =
            ((PublishResult.Submitted) publish(publisher, value))
                .acknowledged()
                .orTimeout(60, TimeUnit.SECONDS)
                .join();
        return new Outcome(hex, ack, null);
      } catch (CompletionException e) {
        last = e.getCause();
        assertThat(last).isInstanceOf(PublishException.class);
        assertThat(((PublishException) last).retryable()).isTrue();
        Thread.sleep(100);
      }
    }
    throw new AssertionError("record " + i + " never acknowledged after Kafka came back", last);
  }

  private static PublishResult publish(KafkaPublisher publisher, byte[] value) {
    PublishResult result = publisher.tryPublish(TOPIC, "checkout", value);
    assertThat(result).isInstanceOf(PublishResult.Submitted.class);
    return result;
  }
}
