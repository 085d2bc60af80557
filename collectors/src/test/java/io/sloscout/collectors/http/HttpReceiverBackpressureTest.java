package io.sloscout.collectors.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sloscout.collectors.ingest.CollectorMetrics;
import io.sloscout.collectors.ingest.OtlpIngest;
import io.sloscout.collectors.kafka.EmbeddedKafka;
import io.sloscout.collectors.kafka.KafkaPublisher;
import io.sloscout.collectors.kafka.TopicNames;
import io.sloscout.collectors.kafka.TopicReader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kafka slow or gone under the receiver: a tiny in-flight budget and a stopped broker make the
 * receiver answer 503 with {@code Retry-After}, never 200 for data Kafka does not hold.
 */
class HttpReceiverBackpressureTest {

  // one request of about 2.5 KiB fits, a second does not
  private static final int BUDGET = 4096;
  private static final int PADDING = 2500;

  private static EmbeddedKafka kafka;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private KafkaPublisher publisher;
  private HttpReceiver receiver;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.startTemporary();
    kafka.createTopics(TopicNames.RAW, 1);
  }

  @AfterAll
  static void stopKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @BeforeEach
  void startReceiver() throws Exception {
    kafka.start();
    // short producer timeouts: a record waiting for the stopped broker fails after 3 s
    publisher =
        new KafkaPublisher(
            KafkaPublisher.Config.defaults(kafka.bootstrapServers())
                .withLimits(BUDGET, BUDGET)
                .withTimeouts(
                    Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(10)));
    publisher.awaitTopics(TopicNames.RAW);
    OtlpIngest ingest =
        new OtlpIngest(
            publisher, new CollectorMetrics(new SimpleMeterRegistry()), Optional.empty());
    receiver =
        HttpReceiver.start(HttpReceiver.Settings.defaults().withAddress("127.0.0.1", 0), ingest);
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
    publisher.close(Duration.ofSeconds(5));
  }

  @Test
  void aFullKafkaQueueIsA503WithRetryAfterAndNothingOfItIsStored() throws Exception {
    // a one-minute linger keeps the first request's record unacknowledged in the producer, so
    // the budget is spent for sure (a stopped broker cannot promise that: the producer may drop
    // the topic's metadata and refuse every record at once instead)
    KafkaPublisher.Config lingeringConfig =
        new KafkaPublisher.Config(
            kafka.bootstrapServers(),
            BUDGET,
            BUDGET,
            "lz4",
            Duration.ofMinutes(1),
            Duration.ofSeconds(30),
            Duration.ofMinutes(2),
            Duration.ofSeconds(10),
            Map.of());
    try (KafkaPublisher lingering = new KafkaPublisher(lingeringConfig)) {
      lingering.awaitTopics(TopicNames.RAW);
      OtlpIngest ingest =
          new OtlpIngest(
              lingering, new CollectorMetrics(new SimpleMeterRegistry()), Optional.empty());
      try (HttpReceiver slow =
          HttpReceiver.start(
              HttpReceiver.Settings.defaults().withAddress("127.0.0.1", 0), ingest)) {
        CompletableFuture<HttpResponse<byte[]>> waiting = postAsync(slow, "queue-waiting");
        awaitTrue("a record in flight", () -> lingering.inFlightBytes() > 0);

        HttpResponse<byte[]> refused = CLIENT.send(request(slow, "queue-refused"), ofBytes());
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(Status.parseFrom(refused.body()).getMessage()).contains("queue is full");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(waiting).as("not answered before Kafka acknowledged").isNotDone();

        lingering.flush();
        assertThat(waiting.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
    }
    assertThat(TopicReader.withKey(kafka.bootstrapServers(), TopicNames.SPANS_RAW, "queue-waiting"))
        .hasSize(1);
    assertThat(TopicReader.withKey(kafka.bootstrapServers(), TopicNames.SPANS_RAW, "queue-refused"))
        .isEmpty();
  }

  @Test
  void kafkaDownIsA503WithRetryAfterAndTheRetryIsStoredOnceKafkaIsBack() throws Exception {
    assertThat(post("outage-ok").statusCode()).isEqualTo(200);

    kafka.stop();
    // whether the record waits for the broker until its delivery timeout or the producer refuses
    // it at once, the client is told to retry later, and nothing is acknowledged
    for (int i = 0; i < 3; i++) {
      HttpResponse<byte[]> refused = post("outage-retried");
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong))
          .hasValueSatisfying(seconds -> assertThat(seconds).isPositive());
    }

    kafka.start();
    // like an OTLP client: retry the refused request until it is taken (bounded)
    int status = 0;
    for (int attempt = 0; attempt < 240 && status != 200; attempt++) {
      status = post("outage-retried").statusCode();
      if (status != 200) {
        assertThat(status).isEqualTo(503);
        Thread.sleep(250);
      }
    }
    assertThat(status).isEqualTo(200);
    List<TopicReader.Stored> stored =
        TopicReader.withKey(kafka.bootstrapServers(), TopicNames.SPANS_RAW, "outage-retried");
    assertThat(stored).hasSize(1);
  }

  @Test
  void drainingAnswersNewRequests503AndWaitsForARequestStillArriving() throws Exception {
    byte[] body = HttpReceiverTest.traces("drain-slow").toByteArray();
    try (Socket slow = new Socket("127.0.0.1", receiver.port())) {
      // a client on a slow link: headers and half the body now, the rest later
      OutputStream out = slow.getOutputStream();
      out.write(
          ("POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Content-Type: application/x-protobuf\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, body.length / 2);
      out.flush();
      awaitTrue("the request in progress", () -> receiver.inFlightRequests() == 1);

      // a thread of its own: the common pool may be busy with the HTTP client's stages
      Thread drainer = new Thread(() -> receiver.drainAndStop(Duration.ofSeconds(60)), "drainer");
      drainer.start();
      awaitTrue("the drain begun", receiver::draining);

      HttpResponse<byte[]> late = post("drain-late");

      assertThat(late.statusCode()).isEqualTo(503);
      assertThat(Status.parseFrom(late.body()).getMessage()).contains("shutting down");
      assertThat(late.headers().firstValue("Retry-After")).isPresent();
      assertThat(drainer.isAlive()).as("the drain waits for the request in progress").isTrue();

      out.write(body, body.length / 2, body.length - body.length / 2);
      out.flush();
      String statusLine =
          new BufferedReader(
                  new InputStreamReader(slow.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      assertThat(statusLine).isEqualTo("HTTP/1.1 200 OK");
      drainer.join(Duration.ofSeconds(60).toMillis());
      assertThat(drainer.isAlive()).as("the drain finished").isFalse();
    }
    assertThat(TopicReader.withKey(kafka.bootstrapServers(), TopicNames.SPANS_RAW, "drain-slow"))
        .hasSize(1);
    assertThat(TopicReader.withKey(kafka.bootstrapServers(), TopicNames.SPANS_RAW, "drain-late"))
        .isEmpty();
  }

  private static void awaitTrue(String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(1);
    }
  }

  private HttpRequest request(String service) {
    return request(receiver, service);
  }

  private static HttpResponse.BodyHandler<byte[]> ofBytes() {
    return HttpResponse.BodyHandlers.ofByteArray();
  }

  private CompletableFuture<HttpResponse<byte[]>> postAsync(HttpReceiver target, String service) {
    return CLIENT.sendAsync(request(target, service), ofBytes());
  }

  private static HttpRequest request(HttpReceiver target, String service) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + "/v1/traces"))
        .header("Content-Type", "application/x-protobuf")
        .POST(
            HttpRequest.BodyPublishers.ofByteArray(
                HttpReceiverTest.traces(service, PADDING).toByteArray()))
        .timeout(Duration.ofSeconds(60))
        .build();
  }

  private HttpResponse<byte[]> post(String service) throws Exception {
    return CLIENT.send(request(service), HttpResponse.BodyHandlers.ofByteArray());
  }
}
