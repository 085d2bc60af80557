package io.sloscout.collectors.remoteread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sloscout.collectors.kafka.KafkaPublisher;
import io.sloscout.collectors.remoteread.PollOutcome.Status;
import io.sloscout.collectors.remoteread.RemoteReadPoller.Settings;
import io.sloscout.collectors.remoteread.RemoteReadPoller.Target;
import io.sloscout.proto.prompb.LabelMatcher;
import io.sloscout.proto.prompb.Query;
import io.sloscout.proto.prompb.ReadRequest;
import io.sloscout.proto.prompb.ReadResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;

/**
 * The poller's side of the protocol, against a small local HTTP server that records requests and
 * answers as told; Prometheus itself is in {@link RemoteReadPollerPrometheusTest}.
 */
class RemoteReadPollerTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  @TempDir Path state;

  private HttpServer server;
  private final List<Headers> headers = new CopyOnWriteArrayList<>();
  private final List<ReadRequest> requests = new CopyOnWriteArrayList<>();
  private volatile String contentType = "application/x-protobuf";
  private KafkaPublisher publisher;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/v1/read",
        exchange -> {
          try (exchange) {
            headers.add(exchange.getRequestHeaders());
            requests.add(
                ReadRequest.parseFrom(Snappy.uncompress(exchange.getRequestBody().readAllBytes())));
            // an empty SAMPLES answer: no series in the range
            byte[] body = Snappy.compress(ReadResponse.newBuilder().build().toByteArray());
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Content-Encoding", "snappy");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
        });
    server.start();
    // never reached: these polls publish nothing
    publisher = new KafkaPublisher(KafkaPublisher.Config.defaults("127.0.0.1:1"));
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
    publisher.close(Duration.ZERO);
  }

  @Test
  void aPollSendsSnappyReadRequestsWithTheProtocolHeadersOneWindowAtATime() throws Exception {
    Target target =
        new Target(
            "prom",
            url(),
            List.of("up{job=\"api\"}", "{__name__=~\"http_.*\"}"),
            Duration.ofSeconds(30),
            Duration.ofHours(3),
            Optional.of("s3cret"),
            null);
    PollOutcome outcome;
    try (RemoteReadPoller poller = poller(target)) {
      outcome = poller.pollOnce("prom");
    }

    long end = NOW.minus(Duration.ofMinutes(1)).toEpochMilli();
    long start = end - Duration.ofHours(3).toMillis();
    assertThat(outcome.status()).as("%s", outcome).isEqualTo(Status.SUCCESS);
    assertThat(outcome.fromExclusiveMs()).isEqualTo(start);
    assertThat(outcome.toInclusiveMs()).isEqualTo(end);
    assertThat(outcome.samples()).isZero();
    assertThat(outcome.records()).isZero();
    // the server answered SAMPLES to a streamed request: allowed, and no reason to stop asking
    assertThat(outcome.format()).contains(ResponseFormat.SAMPLES);

    Headers first = headers.get(0);
    assertThat(first.getFirst("Content-Type")).isEqualTo("application/x-protobuf");
    assertThat(first.getFirst("Content-Encoding")).isEqualTo("snappy");
    assertThat(first.getFirst("X-Prometheus-Remote-Read-Version")).isEqualTo("0.1.0");
    assertThat(first.getFirst("User-Agent")).startsWith("slo-scout-collector");
    assertThat(first.getFirst("Authorization")).isEqualTo("Bearer s3cret");

    // three one-hour windows, back to back: (start, start+1h], (start+1h, start+2h], ...
    assertThat(requests).hasSize(3);
    long hour = Duration.ofHours(1).toMillis();
    for (int i = 0; i < 3; i++) {
      ReadRequest request = requests.get(i);
      assertThat(request.getAcceptedResponseTypesList())
          .containsExactly(
              ReadRequest.ResponseType.STREAMED_XOR_CHUNKS, ReadRequest.ResponseType.SAMPLES);
      assertThat(request.getQueriesList()).hasSize(2);
      for (Query query : request.getQueriesList()) {
        assertThat(query.getStartTimestampMs()).isEqualTo(start + i * hour + 1);
        assertThat(query.getEndTimestampMs()).isEqualTo(start + (i + 1) * hour);
      }
      assertThat(request.getQueries(0).getMatchersList())
          .extracting(LabelMatcher::getName, LabelMatcher::getValue)
          .containsExactly(tuple("__name__", "up"), tuple("job", "api"));
    }
    assertThat(new PositionStore(state).load("prom")).hasValue(end);
  }

  @Test
  void aForcedSamplesTargetAcceptsOnlySamples() throws Exception {
    try (RemoteReadPoller poller = poller(target("prom").withForceSamples(true))) {
      assertThat(poller.responseFormat("prom")).isEqualTo(ResponseFormat.SAMPLES);
      poller.pollOnce("prom");
    }
    assertThat(requests)
        .allSatisfy(
            r ->
                assertThat(r.getAcceptedResponseTypesList())
                    .containsExactly(ReadRequest.ResponseType.SAMPLES));
  }

  @Test
  void anAnswerThatIsNotRemoteReadIsABadResponseAfterTryingSamplesToo() throws Exception {
    contentType = "text/html; charset=utf-8";
    try (RemoteReadPoller poller = poller(target("prom"))) {
      PollOutcome outcome = poller.pollOnce("prom");
      assertThat(outcome.status()).isEqualTo(Status.BAD_RESPONSE);
      assertThat(outcome.error())
          .hasValueSatisfying(
              e -> assertThat(e).contains("'prom'").contains("unexpected Content-Type"));
      assertThat(outcome.toInclusiveMs()).isEqualTo(outcome.fromExclusiveMs());
      assertThat(poller.responseFormat("prom")).isEqualTo(ResponseFormat.STREAMED_XOR_CHUNKS);
    }
    assertThat(requests).hasSize(2);
    assertThat(requests.get(1).getAcceptedResponseTypesList())
        .containsExactly(ReadRequest.ResponseType.SAMPLES);
  }

  @Test
  void aPositionAtNowMinusTheLagIsUpToDateAndReadsNothing() throws Exception {
    long end = NOW.minus(Duration.ofMinutes(1)).toEpochMilli();
    new PositionStore(state).save("prom", url(), end);
    try (RemoteReadPoller poller = poller(target("prom"))) {
      PollOutcome outcome = poller.pollOnce("prom");
      assertThat(outcome.status()).isEqualTo(Status.UP_TO_DATE);
      assertThat(outcome.succeeded()).isTrue();
    }
    assertThat(requests).isEmpty();
  }

  @Test
  void anUnreadablePositionFileFailsThePollInsteadOfGuessing() throws Exception {
    Path file = new PositionStore(state).file("prom");
    Files.writeString(file, "not json");
    try (RemoteReadPoller poller = poller(target("prom"))) {
      PollOutcome outcome = poller.pollOnce("prom");
      assertThat(outcome.status()).isEqualTo(Status.STATE_FAILED);
      assertThat(outcome.error())
          .hasValueSatisfying(e -> assertThat(e).contains("'prom'").contains(file.toString()));
    }
    assertThat(requests).isEmpty();
    assertThat(Files.readString(file)).isEqualTo("not json");
  }

  @Test
  void anUnknownTargetNameIsRejected() throws Exception {
    try (RemoteReadPoller poller = poller(target("prom"))) {
      assertThatThrownBy(() -> poller.pollOnce("other"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("other");
    }
  }

  @Test
  void targetsAndSettingsAreValidatedWithMessagesThatNameTheTarget() {
    assertThatThrownBy(
            () ->
                new Target(
                    "prom",
                    url(),
                    List.of("up", "up{job=}"),
                    Duration.ofSeconds(30),
                    Duration.ofHours(1),
                    Optional.empty(),
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("remote-read target 'prom'")
        .hasMessageContaining("'up{job=}' at column 8");
    assertThatThrownBy(
            () ->
                new Settings(
                    List.of(target("a"), target("a")),
                    state,
                    Duration.ofHours(1),
                    Duration.ofMinutes(1)))
        .hasMessageContaining("two remote-read targets are named a");
    assertThatThrownBy(
            () ->
                new Target(
                    "prom",
                    URI.create("ftp://x/api/v1/read"),
                    List.of("up"),
                    Duration.ofSeconds(30),
                    Duration.ofHours(1),
                    Optional.empty(),
                    null))
        .hasMessageContaining("url must be http(s)");
    Target withToken =
        new Target(
            "prom",
            url(),
            List.of("up"),
            Duration.ofSeconds(30),
            Duration.ofHours(1),
            Optional.of("s3cret"),
            " ");
    assertThat(withToken.serviceLabel()).isEqualTo("service");
    assertThat(withToken.forceSamples()).isFalse();
    assertThat(withToken.toString()).doesNotContain("s3cret").contains("bearerToken=<set>");
  }

  private RemoteReadPoller poller(Target target) {
    return new RemoteReadPoller(
        new Settings(List.of(target), state, Duration.ofHours(1), Duration.ofMinutes(1)),
        publisher,
        new SimpleMeterRegistry(),
        new MutableClock(NOW));
  }

  private Target target(String name) {
    return new Target(
        name,
        url(),
        List.of("up"),
        Duration.ofSeconds(30),
        Duration.ofHours(1),
        Optional.empty(),
        null);
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/read");
  }
}
