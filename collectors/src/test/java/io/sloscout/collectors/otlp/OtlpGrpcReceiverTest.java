package io.sloscout.collectors.otlp;

import static io.sloscout.collectors.ingest.OtlpSamples.resourceSpans;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.sloscout.collectors.ingest.CollectorMetrics;
import io.sloscout.collectors.ingest.EdgeRedaction;
import io.sloscout.collectors.ingest.OtlpIngest;
import io.sloscout.collectors.ingest.OtlpSamples;
import io.sloscout.collectors.ingest.TlsFiles;
import io.sloscout.collectors.kafka.EmbeddedKafka;
import io.sloscout.collectors.kafka.KafkaPublisher;
import io.sloscout.collectors.kafka.TopicNames;
import io.sloscout.collectors.kafka.TopicReader;
import io.sloscout.collectors.kafka.TopicReader.Stored;
import io.sloscout.core.redaction.Redactor;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gRPC receiver fed by the real OpenTelemetry SDK exporters and raw stubs, on a real broker.
 */
class OtlpGrpcReceiverTest {

  private static final OtlpGrpcReceiver.Settings LOCAL =
      OtlpGrpcReceiver.Settings.defaults().withAddress("127.0.0.1", 0);

  private static EmbeddedKafka kafka;
  private static KafkaPublisher publisher;
  private static RecordingInterceptor recorder;
  private static OtlpGrpcReceiver receiver;
  private static ManagedChannel channel;

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.startTemporary();
    kafka.createTopics(TopicNames.RAW, 2);
    publisher = new KafkaPublisher(KafkaPublisher.Config.defaults(kafka.bootstrapServers()));
    publisher.awaitTopics(TopicNames.RAW);
    recorder = new RecordingInterceptor();
    receiver = OtlpGrpcReceiver.start(LOCAL, ingest(Optional.empty()), recorder::decorate);
    channel = channel(receiver.port());
  }

  @AfterAll
  static void stop() {
    if (channel != null) {
      channel.shutdownNow();
    }
    if (receiver != null) {
      receiver.close();
    }
    if (publisher != null) {
      publisher.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @AfterEach
  void closeResources() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  @Test
  void spansFromTheSdkExporterWithGzipAreStoredAsTheExactBytesSentKeyedByService()
      throws Exception {
    List<SpanData> spans = spans("sdk-traces", 25, Attributes.empty());
    OtlpGrpcSpanExporter exporter =
        closing(
            OtlpGrpcSpanExporter.builder()
                .setEndpoint("http://127.0.0.1:" + receiver.port())
                .setCompression("gzip")
                .build());

    assertThat(exporter.export(spans).join(30, TimeUnit.SECONDS).isSuccess()).isTrue();

    byte[] sent = sentBy(TraceServiceGrpc.SERVICE_NAME, "sdk-traces");
    List<Stored> stored = TopicReader.withKey(bootstrap(), TopicNames.SPANS_RAW, "sdk-traces");
    assertThat(stored).hasSize(1);
    assertThat(stored.get(0).value()).isEqualTo(sent);
    assertThat(OtlpSamples.spanIds(stored.get(0).value())).hasSize(25);
  }

  @Test
  void metricsFromTheSdkExporterAreStoredAsTheExactBytesSent() throws Exception {
    OtlpGrpcMetricExporter exporter =
        OtlpGrpcMetricExporter.builder().setEndpoint("http://127.0.0.1:" + receiver.port()).build();
    SdkMeterProvider meters =
        closing(
            SdkMeterProvider.builder()
                .setResource(resource("sdk-metrics"))
                .registerMetricReader(
                    PeriodicMetricReader.builder(exporter).setInterval(Duration.ofHours(1)).build())
                .build());
    Meter meter = meters.get("checkout");
    meter.counterBuilder("orders").build().add(3, Attributes.of(AttributeKey.stringKey("k"), "v"));
    meter.histogramBuilder("latency").build().record(12.5);

    assertThat(meters.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).isTrue();

    byte[] sent = sentBy(MetricsServiceGrpc.SERVICE_NAME, "sdk-metrics");
    List<Stored> stored = TopicReader.withKey(bootstrap(), TopicNames.METRICS_RAW, "sdk-metrics");
    assertThat(stored).extracting(Stored::value).containsExactly(sent);
    assertThat(ExportMetricsServiceRequest.parseFrom(sent).toString())
        .contains("orders")
        .contains("latency");
  }

  @Test
  void logsFromTheSdkExporterAreStoredAsTheExactBytesSent() throws Exception {
    List<LogRecordData> logs = logs("sdk-logs", "order 42 paid");
    OtlpGrpcLogRecordExporter exporter =
        closing(
            OtlpGrpcLogRecordExporter.builder()
                .setEndpoint("http://127.0.0.1:" + receiver.port())
                .build());

    assertThat(exporter.export(logs).join(30, TimeUnit.SECONDS).isSuccess()).isTrue();

    byte[] sent = sentBy(LogsServiceGrpc.SERVICE_NAME, "sdk-logs");
    List<Stored> stored = TopicReader.withKey(bootstrap(), TopicNames.LOGS_RAW, "sdk-logs");
    assertThat(stored).extracting(Stored::value).containsExactly(sent);
    assertThat(ExportLogsServiceRequest.parseFrom(sent).toString()).contains("order 42 paid");
  }

  @Test
  void aRequestOfSeveralServicesIsSplitByServiceWithEverySpan() throws Exception {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(resourceSpans("grpc-split-a", 0, 3, 0))
            .addResourceSpans(resourceSpans("grpc-split-b", 3, 4, 0))
            .addResourceSpans(resourceSpans("grpc-split-a", 7, 2, 0))
            .build();

    ExportTraceServiceResponse response = TraceServiceGrpc.newBlockingStub(channel).export(request);

    assertThat(response.hasPartialSuccess()).isFalse();
    List<Stored> a = TopicReader.withKey(bootstrap(), TopicNames.SPANS_RAW, "grpc-split-a");
    List<Stored> b = TopicReader.withKey(bootstrap(), TopicNames.SPANS_RAW, "grpc-split-b");
    assertThat(a).hasSize(1);
    assertThat(b).hasSize(1);
    List<String> stored = new ArrayList<>(OtlpSamples.spanIds(a.get(0).value()));
    stored.addAll(OtlpSamples.spanIds(b.get(0).value()));
    assertThat(stored).containsExactlyInAnyOrderElementsOf(OtlpSamples.spanIds(request));
    assertThat(OtlpSamples.spanIds(b.get(0).value())).hasSize(4);
  }

  @Test
  void anOversizedMessageIsResourceExhaustedWithoutRetryInfoAndTheServerStaysUp() throws Exception {
    // a receiver of its own: the recorder in front of the shared one would read the message first
    OtlpGrpcReceiver limited = closing(OtlpGrpcReceiver.start(LOCAL, ingest(Optional.empty())));
    ManagedChannel limitedChannel = channel(limited.port());
    toClose.add(limitedChannel::shutdownNow);
    // 4.5 MiB: over the default 4 MiB limit, plain and gzip-compressed (limit on the inflated size)
    ExportTraceServiceRequest large =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(resourceSpans("oversized", 0, 90, 50_000))
            .build();
    assertThat(large.getSerializedSize()).isGreaterThan(OtlpGrpcReceiver.DEFAULT_MAX_MESSAGE_BYTES);
    TraceServiceGrpc.TraceServiceBlockingStub stub =
        TraceServiceGrpc.newBlockingStub(limitedChannel);

    StatusRuntimeException plain = catchStatus(() -> stub.export(large));
    StatusRuntimeException gzip = catchStatus(() -> stub.withCompression("gzip").export(large));

    assertThat(plain.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(gzip.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(retryInfo(plain)).isNull();
    assertThat(retryInfo(gzip)).isNull();
    assertThat(stub.export(OtlpSamples.traces("after-oversized", 0, 2)).hasPartialSuccess())
        .isFalse();
    assertThat(TopicReader.withKey(bootstrap(), TopicNames.SPANS_RAW, "oversized")).isEmpty();
    assertThat(TopicReader.withKey(bootstrap(), TopicNames.SPANS_RAW, "after-oversized"))
        .hasSize(1);
  }

  @Test
  void bytesThatAreNotAnOtlpMessageAreInvalidArgument() {
    MethodDescriptor<byte[], byte[]> raw =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(TraceServiceGrpc.getExportMethod().getFullMethodName())
            .setRequestMarshaller(new BytesMarshaller())
            .setResponseMarshaller(new BytesMarshaller())
            .build();
    byte[] garbage = {(byte) 0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01, 0x02};

    StatusRuntimeException e =
        catchStatus(
            () -> ClientCalls.blockingUnaryCall(channel, raw, CallOptions.DEFAULT, garbage));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription()).contains("not a valid OTLP protobuf message");
  }

  @Test
  void aBearerTokenIsRequiredWhenConfigured() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    OtlpGrpcReceiver secured =
        closing(
            OtlpGrpcReceiver.start(
                LOCAL.withBearerToken("s3cr3t-token"),
                new OtlpIngest(publisher, new CollectorMetrics(registry), Optional.empty())));
    ManagedChannel securedChannel = channel(secured.port());
    toClose.add(securedChannel::shutdownNow);
    ExportTraceServiceRequest request = OtlpSamples.traces("bearer", 0, 1);
    TraceServiceGrpc.TraceServiceBlockingStub stub =
        TraceServiceGrpc.newBlockingStub(securedChannel);

    StatusRuntimeException missing = catchStatus(() -> stub.export(request));
    StatusRuntimeException wrong =
        catchStatus(() -> stub.withInterceptors(bearer("Bearer guessed")).export(request));
    StatusRuntimeException noScheme =
        catchStatus(() -> stub.withInterceptors(bearer("s3cr3t-token")).export(request));
    stub.withInterceptors(bearer("Bearer s3cr3t-token")).export(request);

    assertThat(LOCAL.withBearerToken("s3cr3t-token").toString()).doesNotContain("s3cr3t");
    assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(wrong.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(noScheme.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(TopicReader.withKey(bootstrap(), TopicNames.SPANS_RAW, "bearer")).hasSize(1);
    assertThat(
            registry
                .get("slo_scout_collector_refused_requests")
                .tag("reason", "unauthenticated")
                .counter()
                .count())
        .isEqualTo(3);
  }

  @Test
  void tlsWithAPemCertificateServesTheSdkExporter(@TempDir Path dir) throws Exception {
    TlsFiles tls = SelfSignedCertificate.generate(dir);
    OtlpGrpcReceiver secured =
        closing(
            OtlpGrpcReceiver.start(
                LOCAL.withTls(tls).withBearerToken("tls-token"), ingest(Optional.empty())));
    OtlpGrpcSpanExporter exporter =
        closing(
            OtlpGrpcSpanExporter.builder()
                .setEndpoint("https://localhost:" + secured.port())
                .setTrustedCertificates(Files.readAllBytes(tls.certChain()))
                .addHeader("authorization", "Bearer tls-token")
                .build());

    assertThat(
            exporter
                .export(spans("over-tls", 3, Attributes.empty()))
                .join(30, TimeUnit.SECONDS)
                .isSuccess())
        .isTrue();

    assertThat(TopicReader.withKey(bootstrap(), TopicNames.SPANS_RAW, "over-tls")).hasSize(1);
  }

  @Test
  void withEdgeRedactionNoCanaryFromSpansOrLogsReachesKafka() throws Exception {
    String email = "canary.grpc@example.org";
    String card = "4111 1111 1111 1111";
    OtlpGrpcReceiver redacting =
        closing(
            OtlpGrpcReceiver.start(
                LOCAL, ingest(Optional.of(new EdgeRedaction(Redactor.withDefaults())))));
    String endpoint = "http://127.0.0.1:" + redacting.port();
    OtlpGrpcSpanExporter spans =
        closing(OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).build());
    OtlpGrpcLogRecordExporter logs =
        closing(OtlpGrpcLogRecordExporter.builder().setEndpoint(endpoint).build());
    Attributes pii =
        Attributes.of(
            AttributeKey.stringKey("user.email"), email, AttributeKey.stringKey("card"), card);

    assertThat(spans.export(spans("redacted-grpc", 2, pii)).join(30, TimeUnit.SECONDS).isSuccess())
        .isTrue();
    assertThat(
            logs.export(logs("redacted-grpc", "card " + card + " of " + email))
                .join(30, TimeUnit.SECONDS)
                .isSuccess())
        .isTrue();

    for (String topic : List.of(TopicNames.SPANS_RAW, TopicNames.LOGS_RAW)) {
      List<Stored> stored = TopicReader.withKey(bootstrap(), topic, "redacted-grpc");
      assertThat(stored).hasSize(1);
      String bytes = new String(stored.get(0).value(), StandardCharsets.ISO_8859_1);
      assertThat(bytes)
          .doesNotContain(email)
          .doesNotContain(card)
          .contains("<EMAIL>")
          .contains("<CREDIT_CARD>");
    }
  }

  @Test
  void resourceGroupsOverTheRecordLimitComeBackAsPartialSuccess() throws Exception {
    KafkaPublisher small =
        closing(
            new KafkaPublisher(
                KafkaPublisher.Config.defaults(bootstrap()).withLimits(1_000_000, 20_000)));
    small.awaitTopics(TopicNames.RAW);
    OtlpGrpcReceiver limited =
        closing(
            OtlpGrpcReceiver.start(
                LOCAL,
                new OtlpIngest(
                    small, new CollectorMetrics(new SimpleMeterRegistry()), Optional.empty())));
    ManagedChannel limitedChannel = channel(limited.port());
    toClose.add(limitedChannel::shutdownNow);
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(resourceSpans("partial-ok", 0, 3, 0))
            .addResourceSpans(resourceSpans("partial-large", 3, 5, 5_000))
            .build();

    ExportTraceServiceResponse response =
        TraceServiceGrpc.newBlockingStub(limitedChannel).export(request);

    assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(5);
    assertThat(response.getPartialSuccess().getErrorMessage()).contains("5 spans rejected");
    assertThat(TopicReader.withKey(bootstrap(), TopicNames.SPANS_RAW, "partial-ok")).hasSize(1);
  }

  @Test
  void aThrottledRequestIsUnavailableWithRetryInfo() throws Exception {
    KafkaPublisher closed = new KafkaPublisher(KafkaPublisher.Config.defaults(bootstrap()));
    closed.close();
    OtlpIngest ingest =
        new OtlpIngest(closed, new CollectorMetrics(new SimpleMeterRegistry()), Optional.empty());
    OtlpGrpcReceiver throttling = closing(OtlpGrpcReceiver.start(LOCAL, ingest));
    ManagedChannel throttlingChannel = channel(throttling.port());
    toClose.add(throttlingChannel::shutdownNow);
    TraceServiceGrpc.TraceServiceBlockingStub stub =
        TraceServiceGrpc.newBlockingStub(throttlingChannel);

    StatusRuntimeException closedPublisher =
        catchStatus(() -> stub.export(OtlpSamples.traces("throttled", 0, 1)));
    ingest.startDrain();
    StatusRuntimeException draining =
        catchStatus(() -> stub.export(OtlpSamples.traces("throttled", 0, 1)));

    for (StatusRuntimeException e : List.of(closedPublisher, draining)) {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(retryInfo(e)).isNotNull();
      assertThat(retryInfo(e).getRetryDelay().getSeconds()).isPositive();
    }
  }

  @Test
  void drainAndStopAnswersTheCallInProgressThenRefusesNewCalls() throws Exception {
    // a one-minute linger holds the call's record (and so its answer) until the flush below
    KafkaPublisher lingering =
        closing(
            new KafkaPublisher(
                new KafkaPublisher.Config(
                    bootstrap(),
                    64L * 1024 * 1024,
                    1024 * 1024,
                    "lz4",
                    Duration.ofMinutes(1),
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(2),
                    Duration.ofSeconds(10),
                    java.util.Map.of())));
    lingering.awaitTopics(TopicNames.RAW);
    OtlpIngest ingest =
        new OtlpIngest(
            lingering, new CollectorMetrics(new SimpleMeterRegistry()), Optional.empty());
    OtlpGrpcReceiver stopping = closing(OtlpGrpcReceiver.start(LOCAL, ingest));
    ManagedChannel stoppingChannel = channel(stopping.port());
    toClose.add(stoppingChannel::shutdownNow);
    var inProgress =
        TraceServiceGrpc.newFutureStub(stoppingChannel)
            .export(OtlpSamples.traces("during-stop", 0, 1));
    awaitInFlight(lingering);

    CompletableFuture<Void> stopped =
        CompletableFuture.runAsync(() -> stopping.drainAndStop(Duration.ofSeconds(60)));
    // flushed again until answered: the record may reach the producer's buffer just after a flush
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!inProgress.isDone() && System.nanoTime() < deadline) {
      lingering.flush();
      Thread.sleep(20);
    }

    assertThat(inProgress.get(60, TimeUnit.SECONDS).hasPartialSuccess()).isFalse();
    stopped.get(60, TimeUnit.SECONDS);
    StatusRuntimeException after =
        catchStatus(
            () ->
                TraceServiceGrpc.newBlockingStub(stoppingChannel)
                    .export(OtlpSamples.traces("after-stop", 0, 1)));
    assertThat(after.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(TopicReader.withKey(bootstrap(), TopicNames.SPANS_RAW, "during-stop")).hasSize(1);
    assertThat(TopicReader.withKey(bootstrap(), TopicNames.SPANS_RAW, "after-stop")).isEmpty();
  }

  /** Waits until the call's record is with the producer, where the linger holds it. */
  private static void awaitInFlight(KafkaPublisher publisher) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (publisher.inFlightRecords() == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the call never reached the ingest");
      }
      Thread.sleep(10);
    }
  }

  // --- helpers

  private static OtlpIngest ingest(Optional<EdgeRedaction> redaction) {
    return new OtlpIngest(publisher, new CollectorMetrics(new SimpleMeterRegistry()), redaction);
  }

  private static ManagedChannel channel(int port) {
    return Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create())
        .build();
  }

  private static String bootstrap() {
    return kafka.bootstrapServers();
  }

  private <T extends AutoCloseable> T closing(T resource) {
    toClose.add(0, resource);
    return resource;
  }

  /** The bytes of the one recorded request of {@code service} whose resource is {@code name}. */
  private static byte[] sentBy(String service, String name) {
    List<byte[]> matching = new ArrayList<>();
    for (RecordingInterceptor.Received r : recorder.received()) {
      if (!r.method().startsWith(service + "/")) {
        continue;
      }
      String text;
      try {
        text = text(service, r.bytes());
      } catch (InvalidProtocolBufferException e) {
        continue; // another test's deliberately broken request
      }
      if (text.contains("string_value: \"" + name + "\"")) {
        matching.add(r.bytes());
      }
    }
    assertThat(matching).as("requests sent for %s", name).hasSize(1);
    return matching.get(0);
  }

  private static String text(String service, byte[] bytes) throws InvalidProtocolBufferException {
    return switch (service) {
      case TraceServiceGrpc.SERVICE_NAME -> ExportTraceServiceRequest.parseFrom(bytes).toString();
      case MetricsServiceGrpc.SERVICE_NAME ->
          ExportMetricsServiceRequest.parseFrom(bytes).toString();
      default -> ExportLogsServiceRequest.parseFrom(bytes).toString();
    };
  }

  private static Resource resource(String service) {
    return Resource.getDefault()
        .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service)));
  }

  /** {@code count} ended spans made by the SDK for {@code service}. */
  private static List<SpanData> spans(String service, int count, Attributes attributes) {
    List<SpanData> collected = new CopyOnWriteArrayList<>();
    try (SdkTracerProvider tracers =
        SdkTracerProvider.builder()
            .setResource(resource(service))
            .addSpanProcessor(SimpleSpanProcessor.create(new Collecting(collected)))
            .build()) {
      Tracer tracer = tracers.get("checkout");
      for (int i = 0; i < count; i++) {
        Span span = tracer.spanBuilder("GET /product/{id}").startSpan();
        span.setAllAttributes(attributes);
        span.setAttribute("http.route", "/product/{id}");
        span.end();
      }
    }
    return List.copyOf(collected);
  }

  /** One log record made by the SDK for {@code service}. */
  private static List<LogRecordData> logs(String service, String body) {
    List<LogRecordData> collected = new CopyOnWriteArrayList<>();
    try (SdkLoggerProvider loggers =
        SdkLoggerProvider.builder()
            .setResource(resource(service))
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(new CollectingLogs(collected)))
            .build()) {
      Logger logger = loggers.get("checkout");
      logger.logRecordBuilder().setBody(body).emit();
    }
    return List.copyOf(collected);
  }

  private static StatusRuntimeException catchStatus(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      return e;
    }
    throw new AssertionError("the call succeeded");
  }

  private static RetryInfo retryInfo(StatusRuntimeException e) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    if (status == null) {
      return null;
    }
    for (com.google.protobuf.Any detail : status.getDetailsList()) {
      if (detail.is(RetryInfo.class)) {
        try {
          return detail.unpack(RetryInfo.class);
        } catch (InvalidProtocolBufferException x) {
          throw new AssertionError(x);
        }
      }
    }
    return null;
  }

  private static io.grpc.ClientInterceptor bearer(String value) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), value);
    return MetadataUtils.newAttachHeadersInterceptor(headers);
  }

  /** Keeps what the SDK exports, so the test can hand it to the OTLP exporter in one request. */
  private record Collecting(List<SpanData> into) implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      into.addAll(spans);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  private record CollectingLogs(List<LogRecordData> into) implements LogRecordExporter {
    @Override
    public CompletableResultCode export(Collection<LogRecordData> logs) {
      into.addAll(logs);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  private static final class BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
