package io.sloscout.collectors.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.sloscout.collectors.kafka.EmbeddedKafka;
import io.sloscout.collectors.kafka.TopicNames;
import io.sloscout.collectors.kafka.TopicReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorServiceTest {

  private static final String LOOPBACK = "127.0.0.1";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  // an existing cluster for the "external Kafka" cases; the collector's own broker is per test
  private static EmbeddedKafka cluster;

  @TempDir Path tmp;

  @BeforeAll
  static void startCluster() {
    cluster = EmbeddedKafka.startTemporary();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void spansFromTheSdkOverGrpcAndHttpReachKafkaAndShowInMetricsThenCloseFreesThePorts()
      throws Exception {
    CollectorConfig config = loopback(CollectorConfig.Kafka.embeddedAt(tmp.resolve("kafka")));
    int grpcPort;
    int httpPort;
    int metricsPort;
    String bootstrap;
    try (CollectorService service = CollectorService.start(config)) {
      CollectorService.Endpoints endpoints = service.endpoints();
      grpcPort = endpoints.otlpGrpc().orElseThrow().getPort();
      httpPort = endpoints.otlpHttp().orElseThrow().getPort();
      metricsPort = endpoints.metrics().getPort();
      bootstrap = endpoints.kafkaBootstrap();
      assertThat(endpoints.embeddedKafka()).isTrue();
      assertThat(endpoints.kafkaDataDir()).contains(tmp.resolve("kafka"));

      HttpResponse<String> ready = get(metricsPort, "/health/ready");
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      assertThat(ready.body()).contains("\"status\" : \"UP\"", TopicNames.SPANS_RAW);
      assertThat(get(metricsPort, "/health/live").statusCode()).isEqualTo(200);

      sendSpans(
          "checkout",
          3,
          OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:" + grpcPort).build());
      sendSpans(
          "cart",
          2,
          OtlpHttpSpanExporter.builder()
              .setEndpoint("http://127.0.0.1:" + httpPort + "/v1/traces")
              .build());

      List<TopicReader.Stored> stored = TopicReader.readAll(bootstrap, TopicNames.SPANS_RAW);
      assertThat(spansOf(stored, "checkout")).isEqualTo(3);
      assertThat(spansOf(stored, "cart")).isEqualTo(2);

      String metrics = get(metricsPort, "/metrics").body();
      assertThat(counter(metrics, "slo_scout_collector_received_items_total", "otlp_grpc"))
          .isEqualTo(3);
      assertThat(counter(metrics, "slo_scout_collector_accepted_items_total", "otlp_grpc"))
          .isEqualTo(3);
      assertThat(counter(metrics, "slo_scout_collector_accepted_items_total", "otlp_http"))
          .isEqualTo(2);
      assertThat(metrics).contains("jvm_memory_used_bytes", "process_uptime_seconds");
    }

    // closed: every port it listened on can be bound again, and the broker is gone
    for (int port : new int[] {grpcPort, httpPort, metricsPort}) {
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK))) {
        assertThat(socket.getLocalPort()).isEqualTo(port);
      }
    }
  }

  @Test
  void withRedactionAtTheEdgePiiNeverReachesKafka() {
    CollectorConfig base = loopback(externalCreating());
    CollectorConfig config =
        new CollectorConfig(
            base.dataDir(),
            base.kafka(),
            base.otlp(),
            base.remoteRead(),
            base.auth(),
            base.tls(),
            new CollectorConfig.Redaction(true),
            base.metrics(),
            base.publisher(),
            base.drainTimeout());
    try (CollectorService service = CollectorService.start(config)) {
      int port = service.endpoints().otlpGrpc().orElseThrow().getPort();
      SdkTracerProvider provider =
          SdkTracerProvider.builder()
              .setResource(
                  Resource.create(
                      Attributes.of(AttributeKey.stringKey("service.name"), "edge-redacted")))
              .addSpanProcessor(
                  SimpleSpanProcessor.create(
                      OtlpGrpcSpanExporter.builder()
                          .setEndpoint("http://127.0.0.1:" + port)
                          .build()))
              .build();
      try {
        provider
            .get("collector-service-test")
            .spanBuilder("POST /login")
            .setAttribute("enduser.email", "jane.doe@example.com")
            .startSpan()
            .end();
        assertThat(provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
      } finally {
        provider.shutdown().join(10, TimeUnit.SECONDS);
      }
    }
    List<TopicReader.Stored> stored =
        TopicReader.readAll(cluster.bootstrapServers(), TopicNames.SPANS_RAW).stream()
            .filter(r -> r.key().equals("edge-redacted"))
            .toList();
    assertThat(stored).hasSize(1);
    String text = new String(stored.get(0).value(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("jane.doe@example.com").contains("<EMAIL>");
  }

  @Test
  void afterCloseTheCollectorIsNotReady() {
    CollectorService service = CollectorService.start(loopback(externalCreating()));
    assertThat(service.health().ready()).isTrue();
    service.close();
    Health after = service.health();
    assertThat(after.ready()).isFalse();
    assertThat(after.components().get("ingest").status()).isEqualTo(Health.Status.STOPPED);
    assertThat(after.components().get("publisher").status()).isEqualTo(Health.Status.STOPPED);
    service.close(); // idempotent
  }

  @Test
  void anExternalClusterWithoutTheRawTopicsIsAStartErrorUnlessCreatingIsAllowed() {
    try (EmbeddedKafka bare = EmbeddedKafka.startTemporary()) {
      CollectorConfig refusing =
          loopback(
              new CollectorConfig.Kafka(
                  bare.bootstrapServers(), false, null, null, null, false, Duration.ofSeconds(10)));
      assertThatThrownBy(() -> CollectorService.start(refusing))
          .isInstanceOf(StartupException.class)
          .hasMessageContaining("has no topic " + TopicNames.LOGS_RAW)
          .hasMessageContaining("kafka.createTopics: true");

      CollectorConfig creating =
          loopback(
              new CollectorConfig.Kafka(
                  bare.bootstrapServers(), false, null, 2, Duration.ofHours(1), true, null));
      try (CollectorService service = CollectorService.start(creating)) {
        assertThat(bare.topics()).containsAll(TopicNames.RAW);
        assertThat(service.health().components().get("kafka").details().get("topics"))
            .isEqualTo(
                Map.of(TopicNames.SPANS_RAW, 2, TopicNames.LOGS_RAW, 2, TopicNames.METRICS_RAW, 2));
      }
      // the topics exist now: the refusing configuration starts too
      CollectorService.start(refusing).close();
    }
  }

  @Test
  void anUnreachableClusterIsAClearStartError() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      closedPort = socket.getLocalPort();
    }
    CollectorConfig config =
        loopback(
            new CollectorConfig.Kafka(
                "127.0.0.1:" + closedPort, false, null, null, null, null, Duration.ofSeconds(2)));
    assertThatThrownBy(() -> CollectorService.start(config))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("Kafka at 127.0.0.1:" + closedPort + " did not answer within 2s");
  }

  @Test
  void aPortInUseFailsBeforeKafkaStartsAndNamesThePort() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      int port = taken.getLocalPort();
      CollectorConfig config =
          loopback(CollectorConfig.Kafka.embeddedAt(tmp.resolve("kafka")))
              .withOtlp(
                  new CollectorConfig.Otlp(
                      CollectorConfig.Grpc.on(LOOPBACK, 0),
                      CollectorConfig.Http.on(LOOPBACK, port)));
      assertThatThrownBy(() -> CollectorService.start(config))
          .isInstanceOf(StartupException.class)
          .hasMessageContaining("OTLP HTTP port " + port + " on 127.0.0.1 is already in use")
          .hasMessageContaining("--otlp-http-port");
      assertThat(tmp.resolve("kafka")).doesNotExist();
    }
  }

  @Test
  void noKafkaChosenIsAConfigError() {
    assertThatThrownBy(() -> CollectorService.start(loopback(CollectorConfig.Kafka.defaults())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--kafka HOST:PORT or --embedded-kafka");
  }

  @Test
  void twoPartsOnOnePortIsAConfigError() {
    CollectorConfig config =
        loopback(CollectorConfig.Kafka.embeddedAt(tmp.resolve("kafka")))
            .withOtlp(
                new CollectorConfig.Otlp(
                    CollectorConfig.Grpc.on(LOOPBACK, 14317),
                    CollectorConfig.Http.on(LOOPBACK, 14317)));
    assertThatThrownBy(() -> CollectorService.start(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("otlp.grpc.port and otlp.http.port are both 14317");
  }

  @Test
  void aMissingTokenFileIsAConfigError() {
    CollectorConfig base = loopback(CollectorConfig.Kafka.embeddedAt(tmp.resolve("kafka")));
    CollectorConfig config =
        new CollectorConfig(
            base.dataDir(),
            base.kafka(),
            base.otlp(),
            base.remoteRead(),
            new CollectorConfig.Auth(tmp.resolve("no-token"), null),
            base.tls(),
            base.redaction(),
            base.metrics(),
            base.publisher(),
            base.drainTimeout());
    assertThatThrownBy(() -> CollectorService.start(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("auth.bearerTokenFile " + tmp.resolve("no-token") + ": no such file");
  }

  private static CollectorConfig.Kafka externalCreating() {
    return new CollectorConfig.Kafka(
        cluster.bootstrapServers(), false, null, 2, Duration.ofHours(1), true, null);
  }

  @Test
  void aRemoteReadTargetWithABadSelectorIsAConfigErrorNamingIt() {
    CollectorConfig config =
        loopback(CollectorConfig.Kafka.embeddedAt(tmp.resolve("kafka")))
            .withRemoteRead(
                new CollectorConfig.RemoteRead(
                    tmp.resolve("rr"),
                    null,
                    null,
                    List.of(
                        new CollectorConfig.Target(
                            "prod",
                            URI.create("http://127.0.0.1:9/api/v1/read"),
                            List.of("{job=~}"),
                            null,
                            null,
                            null,
                            null,
                            null,
                            null))));
    assertThatThrownBy(() -> CollectorService.start(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("remoteRead.targets[0]: ");
    assertThat(tmp.resolve("kafka")).doesNotExist();
  }

  @Test
  void remoteReadTargetsShowInHealthWhileTheyRun() {
    CollectorConfig config =
        loopback(externalCreating())
            .withRemoteRead(
                new CollectorConfig.RemoteRead(
                    tmp.resolve("rr"),
                    null,
                    null,
                    List.of(
                        new CollectorConfig.Target(
                            "unreachable",
                            URI.create("http://127.0.0.1:9/api/v1/read"),
                            List.of("{job=\"checkout\"}"),
                            Duration.ofMinutes(5),
                            null,
                            null,
                            null,
                            null,
                            null))));
    try (CollectorService service = CollectorService.start(config)) {
      Health.Component remoteRead = service.health().components().get("remoteRead");
      assertThat(remoteRead.status()).isEqualTo(Health.Status.UP);
      assertThat(remoteRead.details().get("targets")).isEqualTo(List.of("unreachable"));
      assertThat(service.endpoints().remoteReadTargets()).isEqualTo(1);
    }
  }

  /** Everything on loopback, any free port, state in the test's folder. */
  private CollectorConfig loopback(CollectorConfig.Kafka kafka) {
    return CollectorConfig.defaults()
        .withKafka(kafka)
        .withOtlp(
            new CollectorConfig.Otlp(
                CollectorConfig.Grpc.on(LOOPBACK, 0), CollectorConfig.Http.on(LOOPBACK, 0)))
        .withMetrics(new CollectorConfig.Metrics(LOOPBACK, 0))
        .withRemoteRead(new CollectorConfig.RemoteRead(tmp.resolve("rr"), null, null, null));
  }

  private static void sendSpans(String service, int count, SpanExporter exporter) {
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service)))
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    try {
      Tracer tracer = provider.get("collector-service-test");
      for (int i = 0; i < count; i++) {
        tracer.spanBuilder("GET /cart/" + i).startSpan().end();
      }
      // the simple processor's flush completes once each export was answered, failing if one was
      // refused
      assertThat(provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess())
          .as("export of " + service + " acknowledged")
          .isTrue();
    } finally {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  private static long spansOf(List<TopicReader.Stored> stored, String service) {
    return stored.stream()
        .filter(r -> service.equals(r.key()))
        .mapToLong(s -> spans(s.value()))
        .sum();
  }

  /** The spans in a {@code slo-scout.spans.raw} value. */
  private static long spans(byte[] value) {
    try {
      return ExportTraceServiceRequest.parseFrom(value).getResourceSpansList().stream()
          .flatMap(rs -> rs.getScopeSpansList().stream())
          .mapToLong(ss -> ss.getSpansCount())
          .sum();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError("not an ExportTraceServiceRequest", e);
    }
  }

  private static long counter(String metrics, String name, String receiver) {
    Pattern line =
        Pattern.compile(
            "^"
                + Pattern.quote(name)
                + "\\{(?=[^}]*receiver=\""
                + receiver
                + "\")(?=[^}]*signal=\"traces\")[^}]*\\} (\\S+)$",
            Pattern.MULTILINE);
    Matcher m = line.matcher(metrics);
    if (!m.find()) {
      throw new AssertionError("no " + name + " for " + receiver + " in\n" + metrics);
    }
    return (long) Double.parseDouble(m.group(1));
  }

  private static HttpResponse<String> get(int port, String path)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
