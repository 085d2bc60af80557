package io.sloscout.collectors.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sloscout.collectors.ingest.CollectorMetrics;
import io.sloscout.collectors.ingest.OtlpIngest;
import io.sloscout.collectors.kafka.EmbeddedKafka;
import io.sloscout.collectors.kafka.KafkaPublisher;
import io.sloscout.collectors.kafka.TopicNames;
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
  void aFullKafkaQueueIsA503WithRetryAfterAndTheRetryIsStoredOnceKafkaIsBack() throws Exception {
    assertThat(post("throttle-ok").statusCode()).isEqualTo(200);

    kafka.stop();
    // while one request's record waits for the stopped broker, the next finds the budget spent;
    // should the waiting record fail first (the producer gives up on it), both are 503 anyway:
    // then try again, nothing is ever acknowledged while Kafka is down
    CompletableFuture<HttpResponse<byte[]>> waiting;
    HttpResponse<byte[]> refused;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      waiting = postUntilInFlight("throttle-waiting");
      refused = post("throttle-retried");
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      if (Status.parseFrom(refused.body()).getMessage().contains("queue is full")) {
        break;
      }
      assertThat(waiting.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
      assertThat(System.nanoTime()).as("a full queue seen").isLessThan(deadline);
    }

    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");

    // the record waiting for the stopped broker is not acknowledged either: 503, retry later
    HttpResponse<byte[]> expired = waiting.get(60, TimeUnit.SECONDS);
    assertThat(expired.statusCode()).isEqualTo(503);
    assertThat(expired.headers().firstValue("Retry-After").map(Long::parseLong))
        .hasValueSatisfying(seconds -> assertThat(seconds).isPositive());

    kafka.start();
    // like an OTLP client: retry the refused request until it is taken (bounded)
    int status = 0;
    for (int attempt = 0; attempt < 120 && status != 200; attempt++) {
      status = post("throttle-retried").statusCode();
      if (status != 200) {
        assertThat(status).isEqualTo(503);
        Thread.sleep(250);
      }
    }
    assertThat(status).isEqualTo(200);
    List<KafkaRecords.Stored> stored =
        KafkaRecords.withKey(kafka.bootstrapServers(), TopicNames.SPANS_RAW, "throttle-retried");
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
    assertThat(KafkaRecords.withKey(kafka.bootstrapServers(), TopicNames.SPANS_RAW, "drain-slow"))
        .hasSize(1);
    assertThat(KafkaRecords.withKey(kafka.bootstrapServers(), TopicNames.SPANS_RAW, "drain-late"))
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

  /**
   * Posts until a request's record is handed to the producer and waits for the stopped broker:
   * right after a broker stops, the producer may briefly know no partitions and refuse at once
   * (answered 503 too), so retry as a client would.
   */
  private CompletableFuture<HttpResponse<byte[]>> postUntilInFlight(String service)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      CompletableFuture<HttpResponse<byte[]>> response = postAsync(service);
      while (!response.isDone()) {
        if (publisher.inFlightBytes() > 0) {
          return response;
        }
        Thread.sleep(5);
      }
      assertThat(response.get().statusCode()).isEqualTo(503);
      assertThat(System.nanoTime()).as("a record in flight").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private HttpRequest request(String service) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/v1/traces"))
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

  private CompletableFuture<HttpResponse<byte[]>> postAsync(String service) {
    return CLIENT.sendAsync(request(service), HttpResponse.BodyHandlers.ofByteArray());
  }
}
