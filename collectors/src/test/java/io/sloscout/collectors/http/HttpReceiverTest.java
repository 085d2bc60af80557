package io.sloscout.collectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.sloscout.collectors.http.CapturingProxy.Captured;
import io.sloscout.collectors.ingest.CollectorMetrics;
import io.sloscout.collectors.ingest.OtlpIngest;
import io.sloscout.collectors.ingest.TlsFiles;
import io.sloscout.collectors.kafka.EmbeddedKafka;
import io.sloscout.collectors.kafka.KafkaPublisher;
import io.sloscout.collectors.kafka.TopicNames;
import io.sloscout.collectors.kafka.TopicReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OTLP/HTTP receiver against a real Kafka broker: real SDK exporters in, Kafka records out, and
 * every kind of bad request answered without harm to the next one.
 */
class HttpReceiverTest {

  private static final long SMALL_LIMIT = 256 * 1024;
  private static final String TOKEN = "s3cr3t-t0ken";

  private static EmbeddedKafka kafka;
  private static KafkaPublisher publisher;
  private static OtlpIngest ingest;
  private static HttpReceiver receiver;
  private static HttpReceiver limited;
  private static HttpReceiver guarded;
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.startTemporary();
    kafka.createTopics(TopicNames.RAW, 1);
    publisher = new KafkaPublisher(KafkaPublisher.Config.defaults(kafka.bootstrapServers()));
    publisher.awaitTopics(TopicNames.RAW);
    ingest =
        new OtlpIngest(
            publisher, new CollectorMetrics(new SimpleMeterRegistry()), Optional.empty());
    HttpReceiver.Settings local = HttpReceiver.Settings.defaults().withAddress("127.0.0.1", 0);
    receiver = HttpReceiver.start(local, ingest);
    limited = HttpReceiver.start(local.withMaxBodyBytes(SMALL_LIMIT), ingest);
    guarded = HttpReceiver.start(local.withBearerToken(TOKEN), ingest);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {receiver, limited, guarded, publisher, kafka}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          // keep closing the others
        }
      }
    }
  }

  @Test
  void theSdkSpanExporterOverProtobufGetsItsExactRequestBytesStoredUnderTheServiceName()
      throws Exception {
    try (CapturingProxy proxy = CapturingProxy.to(url(receiver))) {
      OtlpHttpSpanExporter exporter =
          OtlpHttpSpanExporter.builder()
              .setEndpoint(proxy.url() + "/v1/traces")
              .setTimeout(Duration.ofSeconds(30))
              .build();
      try {
        assertSucceeded(exporter.export(Telemetry.spans("sdk-traces")));
      } finally {
        exporter.shutdown();
      }
      Captured sent = only(proxy.captured());
      assertThat(sent.path()).isEqualTo("/v1/traces");
      assertThat(sent.contentType()).isEqualTo("application/x-protobuf");
      List<TopicReader.Stored> stored = stored(TopicNames.SPANS_RAW, "sdk-traces");
      assertThat(stored).hasSize(1);
      assertThat(stored.get(0).value()).isEqualTo(sent.decodedBody());
      ExportTraceServiceRequest request =
          ExportTraceServiceRequest.parseFrom(stored.get(0).value());
      assertThat(request.getResourceSpans(0).getScopeSpans(0).getSpansList())
          .extracting(Span::getName)
          .containsExactlyInAnyOrder("GET /cart/{id}", "SELECT carts");
    }
  }

  @Test
  void theSdkMetricExporterWithGzipGetsTheDecompressedRequestBytesStored() throws Exception {
    try (CapturingProxy proxy = CapturingProxy.to(url(receiver))) {
      OtlpHttpMetricExporter exporter =
          OtlpHttpMetricExporter.builder()
              .setEndpoint(proxy.url() + "/v1/metrics")
              .setCompression("gzip")
              .setTimeout(Duration.ofSeconds(30))
              .build();
      try {
        assertSucceeded(exporter.export(Telemetry.metrics("sdk-metrics")));
      } finally {
        exporter.shutdown();
      }
      Captured sent = only(proxy.captured());
      assertThat(sent.contentEncoding()).isEqualTo("gzip");
      List<TopicReader.Stored> stored = stored(TopicNames.METRICS_RAW, "sdk-metrics");
      assertThat(stored).hasSize(1);
      // the body on the wire was gzip; Kafka holds exactly the protobuf bytes inside it
      assertThat(sent.body()).isNotEqualTo(sent.decodedBody());
      assertThat(stored.get(0).value()).isEqualTo(sent.decodedBody());
      ExportMetricsServiceRequest request =
          ExportMetricsServiceRequest.parseFrom(stored.get(0).value());
      // the SDK adds metrics about itself in a scope of its own
      assertThat(
              request.getResourceMetrics(0).getScopeMetricsList().stream()
                  .flatMap(scope -> scope.getMetricsList().stream())
                  .map(m -> m.getName()))
          .contains("http.server.requests", "http.server.request.duration");
    }
  }

  @Test
  void theSdkLogRecordExporterGetsItsExactRequestBytesStored() throws Exception {
    try (CapturingProxy proxy = CapturingProxy.to(url(receiver))) {
      OtlpHttpLogRecordExporter exporter =
          OtlpHttpLogRecordExporter.builder()
              .setEndpoint(proxy.url() + "/v1/logs")
              .setTimeout(Duration.ofSeconds(30))
              .build();
      try {
        assertSucceeded(exporter.export(Telemetry.logs("sdk-logs")));
      } finally {
        exporter.shutdown();
      }
      Captured sent = only(proxy.captured());
      List<TopicReader.Stored> stored = stored(TopicNames.LOGS_RAW, "sdk-logs");
      assertThat(stored).hasSize(1);
      assertThat(stored.get(0).value()).isEqualTo(sent.decodedBody());
      ExportLogsServiceRequest request = ExportLogsServiceRequest.parseFrom(stored.get(0).value());
      assertThat(request.getResourceLogs(0).getScopeLogs(0).getLogRecordsList())
          .extracting(r -> r.getBody().getStringValue())
          .containsExactly("cart 42 loaded", "payment declined");
    }
  }

  @Test
  void theSdkExporterTalksToTheReceiverDirectlyWithGzipToo() throws Exception {
    OtlpHttpSpanExporter exporter =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(url(receiver) + "/v1/traces")
            .setCompression("gzip")
            .setTimeout(Duration.ofSeconds(30))
            .build();
    try {
      assertSucceeded(exporter.export(Telemetry.spans("sdk-direct")));
    } finally {
      exporter.shutdown();
    }
    assertThat(stored(TopicNames.SPANS_RAW, "sdk-direct")).hasSize(1);
  }

  @Test
  void otlpJsonWithHexIdsAndStringInt64IsStoredAsTheSameMessage() throws Exception {
    String json =
        """
        {"resourceSpans":[{"resource":{"attributes":[
            {"key":"service.name","value":{"stringValue":"json-svc"}}]},
          "scopeSpans":[{"scope":{"name":"manual"},"spans":[{
            "traceId":"5B8EFFF798038103D269B633813FC60C",
            "spanId":"eee19b7ec3c1b174",
            "parentSpanId":"eee19b7ec3c1b173",
            "name":"GET /cart",
            "kind":2,
            "startTimeUnixNano":"1544712660000000000",
            "endTimeUnixNano":1544712661000000000,
            "attributes":[{"key":"http.response.status_code","value":{"intValue":"200"}}],
            "status":{"code":1},
            "someFieldFromALaterOtlpVersion":{"x":1}}]}]}]}
        """;
    HttpResponse<byte[]> response =
        post(receiver, "/v1/traces", "application/json", json.getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    ExportTraceServiceResponse.Builder answer = ExportTraceServiceResponse.newBuilder();
    JsonFormat.parser().merge(new String(response.body(), StandardCharsets.UTF_8), answer);
    assertThat(answer.hasPartialSuccess()).isFalse();

    ExportTraceServiceRequest expected =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(Resource.newBuilder().addAttributes(attribute("json-svc")))
                    .addScopeSpans(
                        ScopeSpans.newBuilder()
                            .setScope(InstrumentationScope.newBuilder().setName("manual"))
                            .addSpans(
                                Span.newBuilder()
                                    .setTraceId(hex("5b8efff798038103d269b633813fc60c"))
                                    .setSpanId(hex("eee19b7ec3c1b174"))
                                    .setParentSpanId(hex("eee19b7ec3c1b173"))
                                    .setName("GET /cart")
                                    .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                                    .setStartTimeUnixNano(1544712660000000000L)
                                    .setEndTimeUnixNano(1544712661000000000L)
                                    .addAttributes(
                                        KeyValue.newBuilder()
                                            .setKey("http.response.status_code")
                                            .setValue(AnyValue.newBuilder().setIntValue(200)))
                                    .setStatus(
                                        io.opentelemetry.proto.trace.v1.Status.newBuilder()
                                            .setCode(StatusCode.STATUS_CODE_OK)))))
            .build();
    List<TopicReader.Stored> stored = stored(TopicNames.SPANS_RAW, "json-svc");
    assertThat(stored).hasSize(1);
    assertThat(ExportTraceServiceRequest.parseFrom(stored.get(0).value())).isEqualTo(expected);
  }

  @Test
  void malformedProtobufIsA400WithAProtobufStatusNamingTheProblem() throws Exception {
    byte[] valid = traces("never-stored").toByteArray();
    byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - 3);

    HttpResponse<byte[]> response =
        post(receiver, "/v1/traces", "application/x-protobuf", truncated);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
    Status status = Status.parseFrom(response.body());
    assertThat(status.getCode()).isEqualTo(com.google.rpc.Code.INVALID_ARGUMENT_VALUE);
    assertThat(status.getMessage())
        .contains("malformed OTLP protobuf ExportTraceServiceRequest")
        .contains("ended unexpectedly");
    assertStillServes(receiver);
    assertThat(stored(TopicNames.SPANS_RAW, "never-stored")).isEmpty();
  }

  @Test
  void malformedJsonIsA400WithAJsonStatusNamingWhere() throws Exception {
    HttpResponse<byte[]> response =
        post(
            receiver,
            "/v1/traces",
            "application/json",
            "{\"resourceSpans\":[{\"scopeSpans\":[}]}".getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(jsonStatus(response).getMessage())
        .startsWith("malformed OTLP/JSON ExportTraceServiceRequest")
        .contains("line 1, column");
    assertStillServes(receiver);
  }

  @Test
  void aBase64SpanIdInOtlpJsonIsA400NamingTheFieldAndItsPlace() throws Exception {
    String json =
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":"
            + "\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"7uGbfsPBsXQ=\"}]}]}]}";

    HttpResponse<byte[]> response =
        post(receiver, "/v1/traces", "application/json", json.getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(jsonStatus(response).getMessage())
        .contains("invalid spanId")
        .contains("resourceSpans[0].scopeSpans[0].spans[0]");
    assertStillServes(receiver);
  }

  @Test
  void aBodyOverTheLimitIsA413AndTheConnectionStaysUsable() throws Exception {
    byte[] big = traces("too-big", (int) SMALL_LIMIT).toByteArray();
    assertThat(big.length).isGreaterThan((int) SMALL_LIMIT);

    HttpResponse<byte[]> response = post(limited, "/v1/traces", "application/x-protobuf", big);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Status.parseFrom(response.body()).getMessage())
        .contains("larger than " + SMALL_LIMIT + " bytes");
    assertStillServes(limited);
    assertThat(stored(TopicNames.SPANS_RAW, "too-big")).isEmpty();
  }

  @Test
  void aGzipBombIsA413WithoutInflatingItAll() throws Exception {
    // 64 MiB of zeros: about 64 KiB on the wire, 256 times the limit once inflated
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        gzip.write(zeros);
      }
    }
    assertThat(compressed.size()).isLessThan((int) SMALL_LIMIT);

    HttpResponse<byte[]> response =
        send(
            limited,
            HttpRequest.newBuilder(URI.create(url(limited) + "/v1/traces"))
                .header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(compressed.toByteArray())));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Status.parseFrom(response.body()).getMessage()).contains("after gzip decompression");
    assertStillServes(limited);
  }

  @Test
  void anUnsupportedContentTypeIsA415() throws Exception {
    HttpResponse<byte[]> response =
        post(receiver, "/v1/traces", "text/plain", "hello".getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(jsonStatus(response).getMessage()).contains("text/plain");
    assertStillServes(receiver);
  }

  @Test
  void anUnsupportedContentEncodingIsA415() throws Exception {
    HttpResponse<byte[]> response =
        send(
            receiver,
            HttpRequest.newBuilder(URI.create(url(receiver) + "/v1/traces"))
                .header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", "br")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(Status.parseFrom(response.body()).getMessage()).contains("Content-Encoding 'br'");
    assertStillServes(receiver);
  }

  @Test
  void anUnknownPathIsA404() throws Exception {
    HttpResponse<byte[]> response =
        post(receiver, "/v1/spans", "application/x-protobuf", traces("x").toByteArray());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Status.parseFrom(response.body()).getMessage()).contains("/v1/spans");
    assertStillServes(receiver);
  }

  @Test
  void aGetIsA405NamingPost() throws Exception {
    HttpResponse<byte[]> response =
        send(receiver, HttpRequest.newBuilder(URI.create(url(receiver) + "/v1/traces")).GET());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    assertStillServes(receiver);
  }

  @Test
  void withATokenConfiguredAMissingOrWrongTokenIsA401AndTheRightOneIsServed() throws Exception {
    byte[] body = traces("guarded-svc").toByteArray();

    HttpResponse<byte[]> missing = post(guarded, "/v1/traces", "application/x-protobuf", body);
    HttpResponse<byte[]> wrong =
        send(
            guarded,
            HttpRequest.newBuilder(URI.create(url(guarded) + "/v1/traces"))
                .header("Content-Type", "application/x-protobuf")
                .header("Authorization", "Bearer not-" + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    HttpResponse<byte[]> right =
        send(
            guarded,
            HttpRequest.newBuilder(URI.create(url(guarded) + "/v1/traces"))
                .header("Content-Type", "application/x-protobuf")
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(stored(TopicNames.SPANS_RAW, "guarded-svc")).hasSize(1);
  }

  @Test
  void overTlsFromPemFilesTheSdkExporterIsServed(@TempDir Path dir) throws Exception {
    TlsFiles tls = TestCertificates.selfSigned(dir);
    HttpReceiver.Settings settings =
        HttpReceiver.Settings.defaults().withAddress("127.0.0.1", 0).withTls(tls);
    try (HttpReceiver secure = HttpReceiver.start(settings, ingest)) {
      OtlpHttpSpanExporter exporter =
          OtlpHttpSpanExporter.builder()
              .setEndpoint("https://127.0.0.1:" + secure.port() + "/v1/traces")
              .setTrustedCertificates(Files.readAllBytes(tls.certChain()))
              .setTimeout(Duration.ofSeconds(30))
              .build();
      try {
        assertSucceeded(exporter.export(Telemetry.spans("tls-svc")));
      } finally {
        exporter.shutdown();
      }
    }
    assertThat(stored(TopicNames.SPANS_RAW, "tls-svc")).hasSize(1);
  }

  @Test
  void aKeyThatIsNotTheCertificatesFailsAtStart(@TempDir Path dir) throws Exception {
    TlsFiles tls = TestCertificates.selfSigned(dir);
    TlsFiles mismatched = new TlsFiles(tls.certChain(), TestCertificates.unrelatedKey(dir));
    HttpReceiver.Settings settings =
        HttpReceiver.Settings.defaults().withAddress("127.0.0.1", 0).withTls(mismatched);

    assertThatThrownBy(() -> HttpReceiver.start(settings, ingest))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("does not belong");
  }

  @Test
  void aStoppedReceiverRefusesConnections() throws Exception {
    HttpReceiver.Settings settings = HttpReceiver.Settings.defaults().withAddress("127.0.0.1", 0);
    HttpReceiver shortLived = HttpReceiver.start(settings, ingest);
    assertStillServes(shortLived);

    shortLived.drainAndStop(Duration.ofSeconds(5));

    assertThatThrownBy(() -> post(shortLived, "/v1/traces", "application/x-protobuf", new byte[0]))
        .isInstanceOf(IOException.class);
  }

  // --- helpers

  static void assertSucceeded(CompletableResultCode result) {
    result.join(60, TimeUnit.SECONDS);
    assertThat(result.isSuccess()).as("export result").isTrue();
  }

  private static Captured only(List<Captured> captured) {
    assertThat(captured).hasSize(1);
    return captured.get(0);
  }

  private static void assertStillServes(HttpReceiver target) throws Exception {
    HttpResponse<byte[]> ok =
        post(target, "/v1/traces", "application/x-protobuf", traces("still-serving").toByteArray());
    assertThat(ok.statusCode()).isEqualTo(200);
  }

  static String url(HttpReceiver target) {
    return "http://127.0.0.1:" + target.port();
  }

  static HttpResponse<byte[]> post(
      HttpReceiver target, String path, String contentType, byte[] body)
      throws IOException, InterruptedException {
    return send(
        target,
        HttpRequest.newBuilder(URI.create(url(target) + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  static HttpResponse<byte[]> send(HttpReceiver target, HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return CLIENT.send(
        request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private List<TopicReader.Stored> stored(String topic, String service) {
    return TopicReader.withKey(kafka.bootstrapServers(), topic, service);
  }

  static Status jsonStatus(HttpResponse<byte[]> response) throws IOException {
    Status.Builder status = Status.newBuilder();
    JsonFormat.parser().merge(new String(response.body(), StandardCharsets.UTF_8), status);
    return status.build();
  }

  static KeyValue attribute(String service) {
    return KeyValue.newBuilder()
        .setKey("service.name")
        .setValue(AnyValue.newBuilder().setStringValue(service))
        .build();
  }

  static ByteString hex(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }

  /** One span of {@code service}. */
  static ExportTraceServiceRequest traces(String service) {
    return traces(service, 0);
  }

  /** One span of {@code service} with an attribute of {@code padding} characters. */
  static ExportTraceServiceRequest traces(String service, int padding) {
    Span.Builder span =
        Span.newBuilder()
            .setTraceId(hex("0af7651916cd43dd8448eb211c80319c"))
            .setSpanId(hex("b7ad6b7169203331"))
            .setName("GET /health")
            .setStartTimeUnixNano(1_700_000_000_000_000_000L)
            .setEndTimeUnixNano(1_700_000_000_010_000_000L);
    if (padding > 0) {
      span.addAttributes(
          KeyValue.newBuilder()
              .setKey("padding")
              .setValue(AnyValue.newBuilder().setStringValue("x".repeat(padding))));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute(service)))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
        .build();
  }
}
