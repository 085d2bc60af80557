package io.sloscout.collectors.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.sloscout.collectors.ingest.CollectorMetrics;
import io.sloscout.collectors.ingest.OtlpIngest;
import io.sloscout.collectors.ingest.OtlpSamples;
import io.sloscout.collectors.kafka.EmbeddedKafka;
import io.sloscout.collectors.kafka.KafkaPublisher;
import io.sloscout.collectors.kafka.TopicNames;
import io.sloscout.collectors.kafka.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kafka stopped and restarted under clients sending to the gRPC receiver without a pause. */
class OtlpGrpcReceiverOutageTest {

  private static final int SENDERS = 4;
  private static final int SPANS_PER_REQUEST = 50;

  private static EmbeddedKafka kafka;

  /** Which phase of the outage a request started or ended in. */
  private enum Phase {
    UP,
    DOWN,
    RESTARTED
  }

  /** What one request got. */
  private record Outcome(
      List<String> spanIds,
      Status.Code code,
      String description,
      RetryInfo retry,
      Phase sent,
      Phase answered) {}

  private volatile Phase phase = Phase.UP;
  private volatile boolean sending = true;
  private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
  private final AtomicLong nextSpan = new AtomicLong();

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.startTemporary();
    kafka.createTopics(List.of(TopicNames.SPANS_RAW), 2);
  }

  @AfterAll
  static void stopKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void whileKafkaIsDownClientsGetUnavailableWithRetryInfoAndEveryAcknowledgedSpanIsStored()
      throws Exception {
    // a budget of a few requests and a 2 s delivery timeout keep the outage phase short and make
    // both kinds of throttling happen: a full queue, and records Kafka did not take in time
    KafkaPublisher.Config config =
        KafkaPublisher.Config.defaults(kafka.bootstrapServers())
            .withLimits(150_000, 100_000)
            .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(10));
    KafkaPublisher publisher = new KafkaPublisher(config);
    publisher.awaitTopics(List.of(TopicNames.SPANS_RAW));
    OtlpIngest ingest =
        new OtlpIngest(
            publisher, new CollectorMetrics(new SimpleMeterRegistry()), Optional.empty());
    OtlpGrpcReceiver receiver =
        OtlpGrpcReceiver.start(
            OtlpGrpcReceiver.Settings.defaults().withAddress("127.0.0.1", 0), ingest);
    ManagedChannel channel =
        Grpc.newChannelBuilderForAddress(
                "127.0.0.1", receiver.port(), InsecureChannelCredentials.create())
            .build();
    List<Thread> senders = new ArrayList<>();
    try {
      for (int i = 0; i < SENDERS; i++) {
        Thread t = new Thread(() -> sendUntilStopped(channel), "sender-" + i);
        t.start();
        senders.add(t);
      }
      awaitOutcomes(o -> o.code() == Status.Code.OK && o.answered() == Phase.UP, 40);

      kafka.stop();
      phase = Phase.DOWN;
      awaitOutcomes(o -> o.code() != Status.Code.OK && o.sent() == Phase.DOWN, 8);

      phase = Phase.RESTARTED;
      kafka.start();
      awaitOutcomes(o -> o.code() == Status.Code.OK && o.sent() == Phase.RESTARTED, 40);
    } finally {
      sending = false;
      for (Thread t : senders) {
        t.join(TimeUnit.SECONDS.toMillis(60));
      }
      channel.shutdownNow();
      receiver.drainAndStop(Duration.ofSeconds(10));
      publisher.close();
    }

    // while Kafka was down, nothing was acknowledged; every refusal said when to come back
    assertThat(outcomes)
        .filteredOn(o -> o.sent() == Phase.DOWN && o.answered() == Phase.DOWN)
        .isNotEmpty()
        .allSatisfy(o -> assertThat(o.code()).isNotEqualTo(Status.Code.OK));
    assertThat(outcomes)
        .filteredOn(o -> o.code() != Status.Code.OK)
        .allSatisfy(
            o -> {
              assertThat(o.code()).isEqualTo(Status.Code.UNAVAILABLE);
              assertThat(o.retry()).isNotNull();
              assertThat(o.retry().getRetryDelay().getSeconds()).isPositive();
            });

    Map<String, Integer> stored = new HashMap<>();
    for (TopicReader.Stored r :
        TopicReader.readAll(kafka.bootstrapServers(), TopicNames.SPANS_RAW)) {
      for (String id : OtlpSamples.spanIds(r.value())) {
        stored.merge(id, 1, Integer::sum);
      }
    }
    Set<String> acknowledged = new HashSet<>();
    outcomes.stream()
        .filter(o -> o.code() == Status.Code.OK)
        .forEach(o -> acknowledged.addAll(o.spanIds()));
    long duplicates = stored.values().stream().filter(n -> n > 1).count();
    long throttledByQueue =
        outcomes.stream().filter(o -> String.valueOf(o.description()).contains("full")).count();
    System.out.printf(
        "outage: %d requests, %d acknowledged spans, %d spans stored, %d refused requests"
            + " (%d for a full queue), %d duplicate span ids%n",
        outcomes.size(),
        acknowledged.size(),
        stored.size(),
        outcomes.stream().filter(o -> o.code() != Status.Code.OK).count(),
        throttledByQueue,
        duplicates);
    // never acknowledged without being in Kafka
    assertThat(stored.keySet()).containsAll(acknowledged);
    // no client retried and the producer is idempotent: each span is stored at most once
    assertThat(duplicates).isZero();
  }

  private void sendUntilStopped(ManagedChannel channel) {
    TraceServiceGrpc.TraceServiceBlockingStub stub = TraceServiceGrpc.newBlockingStub(channel);
    while (sending) {
      long first = nextSpan.getAndAdd(SPANS_PER_REQUEST);
      ExportTraceServiceRequest request =
          ExportTraceServiceRequest.newBuilder()
              .addResourceSpans(OtlpSamples.resourceSpans("outage", first, SPANS_PER_REQUEST, 500))
              .build();
      Phase sent = phase;
      Status.Code code;
      String description = null;
      RetryInfo retry = null;
      try {
        stub.withDeadlineAfter(30, TimeUnit.SECONDS).export(request);
        code = Status.Code.OK;
      } catch (StatusRuntimeException e) {
        code = e.getStatus().getCode();
        description = e.getStatus().getDescription();
        retry = retryInfo(e);
      }
      outcomes.add(
          new Outcome(OtlpSamples.spanIds(request), code, description, retry, sent, phase));
      if (code != Status.Code.OK) {
        // a real client waits RetryInfo's delay; a short pause keeps this test quick
        sleep(50);
      }
    }
  }

  private void awaitOutcomes(Predicate<Outcome> matching, int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (outcomes.stream().filter(matching).count() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not " + count + " such answers in 120 s: " + summary());
      }
      sleep(20);
    }
  }

  private String summary() {
    Map<String, Integer> counts = new HashMap<>();
    for (Outcome o : outcomes) {
      counts.merge(o.sent() + "->" + o.answered() + " " + o.code(), 1, Integer::sum);
    }
    return counts.toString();
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

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
