package io.sloscout.collectors.ingest;

import static io.sloscout.collectors.ingest.OtlpSamples.resourceSpans;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedOutputStream;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.sloscout.collectors.kafka.EmbeddedKafka;
import io.sloscout.collectors.kafka.KafkaPublisher;
import io.sloscout.collectors.kafka.TopicNames;
import io.sloscout.collectors.kafka.TopicReader;
import io.sloscout.collectors.kafka.TopicReader.Stored;
import io.sloscout.core.redaction.Redactor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link OtlpIngest} against a real broker. */
class OtlpIngestTest {

  private static EmbeddedKafka kafka;
  private static KafkaPublisher publisher;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = EmbeddedKafka.startTemporary();
    kafka.createTopics(TopicNames.RAW, 2);
    publisher = awaitTopics(new KafkaPublisher(KafkaPublisher.Config.defaults(bootstrap())));
  }

  @AfterAll
  static void stopKafka() {
    if (publisher != null) {
      publisher.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void aRequestOfOneServiceIsStoredAsTheBytesItArrivedAs() throws Exception {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(resourceSpans("wire", 0, 4, 0))
            .addResourceSpans(resourceSpans("wire", 4, 3, 0))
            .build();
    // an unknown field first: serializing the parsed message again would move it to the end
    byte[] wire = concat(unknownField(), request.toByteArray());
    ExportTraceServiceRequest parsed = ExportTraceServiceRequest.parseFrom(wire);
    assertThat(parsed.toByteArray()).isNotEqualTo(wire);

    IngestResult result = submit(ingest(publisher), Signal.TRACES, parsed, wire);

    assertThat(result).isEqualTo(new IngestResult.Accepted(7, 0, ""));
    List<Stored> stored = TopicReader.withKey(bootstrap(), TopicNames.SPANS_RAW, "wire");
    assertThat(stored).hasSize(1);
    assertThat(stored.get(0).value()).isEqualTo(wire);
  }

  @Test
  void aRequestWithoutWireBytesIsSerialized() throws Exception {
    ExportTraceServiceRequest request = OtlpSamples.traces("json", 0, 3);

    IngestResult result = submit(ingest(publisher), Signal.TRACES, request, null);

    assertThat(result).isEqualTo(new IngestResult.Accepted(3, 0, ""));
    List<Stored> stored = TopicReader.withKey(bootstrap(), TopicNames.SPANS_RAW, "json");
    assertThat(stored).hasSize(1);
    assertThat(ExportTraceServiceRequest.parseFrom(stored.get(0).value())).isEqualTo(request);
  }

  @Test
  void aRequestOfSeveralServicesBecomesOneRecordPerServiceWithEveryItem() throws Exception {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(resourceSpans("split-a", 0, 3, 0))
            .addResourceSpans(resourceSpans("split-b", 3, 2, 0))
            .addResourceSpans(resourceSpans("split-a", 5, 4, 0))
            .build();

    IngestResult result = submit(ingest(publisher), Signal.TRACES, request, request.toByteArray());

    assertThat(result).isEqualTo(new IngestResult.Accepted(9, 0, ""));
    List<Stored> a = TopicReader.withKey(bootstrap(), TopicNames.SPANS_RAW, "split-a");
    List<Stored> b = TopicReader.withKey(bootstrap(), TopicNames.SPANS_RAW, "split-b");
    assertThat(a).hasSize(1);
    assertThat(b).hasSize(1);
    assertThat(ExportTraceServiceRequest.parseFrom(a.get(0).value()).getResourceSpansList())
        .containsExactly(request.getResourceSpans(0), request.getResourceSpans(2));
    assertThat(ExportTraceServiceRequest.parseFrom(b.get(0).value()).getResourceSpansList())
        .containsExactly(request.getResourceSpans(1));
  }

  @Test
  void metricsAndLogsGoToTheirTopicsCountedInDataPointsAndLogRecords() throws Exception {
    ExportMetricsServiceRequest metrics = OtlpSamples.metrics("signals", 5);
    ExportLogsServiceRequest logs = OtlpSamples.logs("signals", 2, "started");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    OtlpIngest ingest = new OtlpIngest(publisher, new CollectorMetrics(registry), Optional.empty());

    assertThat(submit(ingest, Signal.METRICS, metrics, metrics.toByteArray()))
        .isEqualTo(new IngestResult.Accepted(5, 0, ""));
    assertThat(submit(ingest, Signal.LOGS, logs, logs.toByteArray()))
        .isEqualTo(new IngestResult.Accepted(2, 0, ""));

    assertThat(TopicReader.withKey(bootstrap(), TopicNames.METRICS_RAW, "signals"))
        .extracting(Stored::value)
        .containsExactly(metrics.toByteArray());
    assertThat(TopicReader.withKey(bootstrap(), TopicNames.LOGS_RAW, "signals"))
        .extracting(Stored::value)
        .containsExactly(logs.toByteArray());
    assertThat(
            registry
                .get("slo_scout_collector_accepted_items")
                .tag("signal", "metrics")
                .counter()
                .count())
        .isEqualTo(5);
    assertThat(
            registry
                .get("slo_scout_collector_received_items")
                .tag("signal", "logs")
                .counter()
                .count())
        .isEqualTo(2);
    assertThat(registry.get("slo_scout_collector_kafka_ack_latency").timer().count()).isPositive();
    assertThat(registry.get("slo_scout_collector_kafka_in_flight_bytes").gauge().value())
        .isGreaterThanOrEqualTo(0);
  }

  @Test
  void aRequestThatDoesNotFitTheBudgetIsThrottledAndPublishesNothing() throws Exception {
    // a one-minute linger keeps the first request's record in flight until the flush below
    KafkaPublisher.Config config =
        new KafkaPublisher.Config(
            bootstrap(),
            100_000,
            80_000,
            "lz4",
            Duration.ofMinutes(1),
            Duration.ofSeconds(30),
            Duration.ofMinutes(2),
            Duration.ofSeconds(10),
            Map.of());
    try (KafkaPublisher lingering = awaitTopics(new KafkaPublisher(config))) {
      OtlpIngest ingest = ingest(lingering);
      ExportTraceServiceRequest first =
          ExportTraceServiceRequest.newBuilder()
              .addResourceSpans(resourceSpans("budget-first", 0, 10, 5_000))
              .build();
      ExportTraceServiceRequest second =
          ExportTraceServiceRequest.newBuilder()
              .addResourceSpans(resourceSpans("budget-second", 0, 10, 5_000))
              .build();

      CompletableFuture<IngestResult> pending =
          ingest.submit(Signal.TRACES, first, first.toByteArray(), "test");
      IngestResult throttled = submit(ingest, Signal.TRACES, second, second.toByteArray());
      ingest.startDrain();
      IngestResult drained = submit(ingest, Signal.TRACES, second, second.toByteArray());
      assertThat(pending).isNotDone();
      lingering.flush();

      assertThat(throttled).isInstanceOf(IngestResult.Throttled.class);
      assertThat(((IngestResult.Throttled) throttled).retryAfter()).isPositive();
      assertThat(drained).isInstanceOf(IngestResult.Throttled.class);
      assertThat(ingest.draining()).isTrue();
      // submitted before the drain: still answered, once Kafka acknowledged it
      assertThat(pending.get(60, TimeUnit.SECONDS)).isEqualTo(new IngestResult.Accepted(10, 0, ""));
      assertThat(ingest.awaitIdle(Duration.ofSeconds(10))).isTrue();
      assertThat(TopicReader.withKey(bootstrap(), TopicNames.SPANS_RAW, "budget-first")).hasSize(1);
      assertThat(TopicReader.withKey(bootstrap(), TopicNames.SPANS_RAW, "budget-second")).isEmpty();
    }
  }

  @Test
  void resourceGroupsOverTheRecordLimitAreRejectedAndTheRestIsStored() throws Exception {
    KafkaPublisher.Config config =
        KafkaPublisher.Config.defaults(bootstrap()).withLimits(1_000_000, 20_000);
    try (KafkaPublisher small = awaitTopics(new KafkaPublisher(config))) {
      OtlpIngest ingest = ingest(small);
      ExportTraceServiceRequest request =
          ExportTraceServiceRequest.newBuilder()
              .addResourceSpans(resourceSpans("limit-mixed", 0, 10, 0))
              .addResourceSpans(resourceSpans("limit-mixed", 10, 5, 5_000))
              .addResourceSpans(resourceSpans("limit-other", 15, 2, 0))
              .build();

      IngestResult partial = submit(ingest, Signal.TRACES, request, request.toByteArray());
      ExportTraceServiceRequest onlyLarge =
          ExportTraceServiceRequest.newBuilder()
              .addResourceSpans(resourceSpans("limit-large", 0, 5, 5_000))
              .build();
      IngestResult refused = submit(ingest, Signal.TRACES, onlyLarge, onlyLarge.toByteArray());

      assertThat(partial).isInstanceOf(IngestResult.Accepted.class);
      IngestResult.Accepted accepted = (IngestResult.Accepted) partial;
      assertThat(accepted.acceptedItems()).isEqualTo(12);
      assertThat(accepted.rejectedItems()).isEqualTo(5);
      assertThat(accepted.errorMessage()).contains("5 spans rejected").contains("20000");
      List<Stored> mixed = TopicReader.withKey(bootstrap(), TopicNames.SPANS_RAW, "limit-mixed");
      assertThat(mixed).hasSize(1);
      assertThat(OtlpSamples.spanIds(mixed.get(0).value()))
          .isEqualTo(OtlpSamples.spanIds(OtlpSamples.traces("limit-mixed", 0, 10)));
      assertThat(TopicReader.withKey(bootstrap(), TopicNames.SPANS_RAW, "limit-other")).hasSize(1);
      assertThat(refused).isInstanceOf(IngestResult.Refused.class);
      assertThat(((IngestResult.Refused) refused).tooLarge()).isTrue();
      assertThat(TopicReader.withKey(bootstrap(), TopicNames.SPANS_RAW, "limit-large")).isEmpty();
    }
  }

  @Test
  void aClosedPublisherThrottlesAndAnEmptyRequestIsAcceptedWithoutARecord() throws Exception {
    KafkaPublisher closed = new KafkaPublisher(KafkaPublisher.Config.defaults(bootstrap()));
    closed.close();
    OtlpIngest ingest = ingest(closed);
    ExportTraceServiceRequest request = OtlpSamples.traces("closed", 0, 1);

    assertThat(submit(ingest, Signal.TRACES, request, null))
        .isInstanceOf(IngestResult.Throttled.class);
    assertThat(
            submit(
                ingest, Signal.TRACES, ExportTraceServiceRequest.getDefaultInstance(), new byte[0]))
        .isEqualTo(new IngestResult.Accepted(0, 0, ""));
    assertThat(submit(ingest, Signal.LOGS, request, null)).isInstanceOf(IngestResult.Refused.class);
  }

  @Test
  void withEdgeRedactionNoCanaryReachesKafka() throws Exception {
    String email = "canary.person@example.org";
    String card = "4111111111111111";
    ExportTraceServiceRequest traces =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                resourceSpans("redacted", 0, 1, 0).toBuilder()
                    .setScopeSpans(
                        0,
                        resourceSpans("redacted", 0, 1, 0).getScopeSpans(0).toBuilder()
                            .setSpans(
                                0,
                                resourceSpans("redacted", 0, 1, 0)
                                    .getScopeSpans(0)
                                    .getSpans(0)
                                    .toBuilder()
                                    .addAttributes(OtlpSamples.attribute("user.email", email))
                                    .addAttributes(OtlpSamples.attribute("card", card)))))
            .build();
    ExportLogsServiceRequest logs =
        OtlpSamples.logs("redacted", 1, "paid with " + card + " by " + email);
    OtlpIngest ingest =
        new OtlpIngest(
            publisher,
            new CollectorMetrics(new SimpleMeterRegistry()),
            Optional.of(new EdgeRedaction(Redactor.withDefaults())));

    assertThat(submit(ingest, Signal.TRACES, traces, traces.toByteArray()))
        .isEqualTo(new IngestResult.Accepted(1, 0, ""));
    assertThat(submit(ingest, Signal.LOGS, logs, logs.toByteArray()))
        .isEqualTo(new IngestResult.Accepted(1, 0, ""));

    for (String topic : List.of(TopicNames.SPANS_RAW, TopicNames.LOGS_RAW)) {
      List<Stored> stored = TopicReader.withKey(bootstrap(), topic, "redacted");
      assertThat(stored).hasSize(1);
      String bytes = new String(stored.get(0).value(), StandardCharsets.ISO_8859_1);
      assertThat(bytes).doesNotContain(email).doesNotContain(card).contains("<EMAIL>");
    }
  }

  @Test
  void bytesOfOneServiceAreScannedAndStoredAsTheyArrived() throws Exception {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(resourceSpans("bytes-wire", 0, 4, 0))
            .addResourceSpans(resourceSpans("bytes-wire", 4, 3, 0))
            .build();
    byte[] wire = concat(unknownField(), request.toByteArray());
    OtlpWireScan.Request scanned = OtlpWireScan.scan(Signal.TRACES, wire);

    IngestResult result = ingest(publisher).submitBytes(scanned, "test").get(60, TimeUnit.SECONDS);

    assertThat(result).isEqualTo(new IngestResult.Accepted(7, 0, ""));
    List<Stored> stored = TopicReader.withKey(bootstrap(), TopicNames.SPANS_RAW, "bytes-wire");
    assertThat(stored).hasSize(1);
    assertThat(stored.get(0).value()).isEqualTo(wire);
  }

  @Test
  void bytesOfSeveralServicesAreSplitAsParsedRequestsAre() throws Exception {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(resourceSpans("bytes-a", 0, 3, 0))
            .addResourceSpans(resourceSpans("bytes-b", 3, 2, 0))
            .addResourceSpans(resourceSpans("bytes-a", 5, 4, 0))
            .build();

    IngestResult result =
        ingest(publisher)
            .submitBytes(Signal.TRACES, request.toByteArray(), "test")
            .get(60, TimeUnit.SECONDS);

    assertThat(result).isEqualTo(new IngestResult.Accepted(9, 0, ""));
    List<Stored> a = TopicReader.withKey(bootstrap(), TopicNames.SPANS_RAW, "bytes-a");
    assertThat(a).hasSize(1);
    assertThat(ExportTraceServiceRequest.parseFrom(a.get(0).value()).getResourceSpansList())
        .containsExactly(request.getResourceSpans(0), request.getResourceSpans(2));
    assertThat(TopicReader.withKey(bootstrap(), TopicNames.SPANS_RAW, "bytes-b")).hasSize(1);
  }

  @Test
  void scannedBytesOverTheRecordLimitAreParsedAndSplitPerResourceGroup() throws Exception {
    KafkaPublisher.Config config =
        KafkaPublisher.Config.defaults(bootstrap()).withLimits(1_000_000, 20_000);
    try (KafkaPublisher small = awaitTopics(new KafkaPublisher(config))) {
      ExportTraceServiceRequest request =
          ExportTraceServiceRequest.newBuilder()
              .addResourceSpans(resourceSpans("bytes-limit", 0, 10, 0))
              .addResourceSpans(resourceSpans("bytes-limit", 10, 5, 5_000))
              .build();

      IngestResult result =
          ingest(small)
              .submitBytes(Signal.TRACES, request.toByteArray(), "test")
              .get(60, TimeUnit.SECONDS);

      assertThat(result).isInstanceOf(IngestResult.Accepted.class);
      assertThat(((IngestResult.Accepted) result).acceptedItems()).isEqualTo(10);
      assertThat(((IngestResult.Accepted) result).rejectedItems()).isEqualTo(5);
      List<Stored> stored = TopicReader.withKey(bootstrap(), TopicNames.SPANS_RAW, "bytes-limit");
      assertThat(stored).hasSize(1);
      assertThat(OtlpSamples.spanIds(stored.get(0).value()))
          .isEqualTo(OtlpSamples.spanIds(OtlpSamples.traces("bytes-limit", 0, 10)));
    }
  }

  @Test
  void malformedBytesAreRefusedWithProtobufsExceptionAndNothingIsCounted() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    OtlpIngest ingest = new OtlpIngest(publisher, new CollectorMetrics(registry), Optional.empty());
    byte[] valid = OtlpSamples.traces("bytes-bad", 0, 3).toByteArray();
    byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - 3);
    String expected;
    try {
      ExportTraceServiceRequest.parseFrom(truncated);
      throw new AssertionError("parsed");
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      expected = e.getMessage();
    }

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ingest.submitBytes(Signal.TRACES, truncated, "test"))
        .isInstanceOf(com.google.protobuf.InvalidProtocolBufferException.class)
        .hasMessage(expected);
    assertThat(ingest.inFlightRequests()).isZero();
    assertThat(TopicReader.withKey(bootstrap(), TopicNames.SPANS_RAW, "bytes-bad")).isEmpty();
  }

  static OtlpIngest ingest(KafkaPublisher publisher) {
    return new OtlpIngest(
        publisher, new CollectorMetrics(new SimpleMeterRegistry()), Optional.empty());
  }

  private static IngestResult submit(
      OtlpIngest ingest, Signal signal, com.google.protobuf.Message request, byte[] wire)
      throws Exception {
    return ingest.submit(signal, request, wire, "test").get(60, TimeUnit.SECONDS);
  }

  private static KafkaPublisher awaitTopics(KafkaPublisher publisher) throws InterruptedException {
    publisher.awaitTopics(TopicNames.RAW);
    return publisher;
  }

  private static String bootstrap() {
    return kafka.bootstrapServers();
  }

  private static byte[] unknownField() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CodedOutputStream coded = CodedOutputStream.newInstance(out);
    coded.writeUInt64(999, 42);
    coded.flush();
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
