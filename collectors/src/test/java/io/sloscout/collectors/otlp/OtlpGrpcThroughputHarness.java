package io.sloscout.collectors.otlp;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.ByteString;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.sloscout.collectors.ingest.CollectorMetrics;
import io.sloscout.collectors.ingest.OtlpIngest;
import io.sloscout.collectors.ingest.OtlpSamples;
import io.sloscout.collectors.kafka.EmbeddedKafka;
import io.sloscout.collectors.kafka.KafkaPublisher;
import io.sloscout.collectors.kafka.TopicNames;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints spans/s stored in Kafka through the OTLP/gRPC receiver: clients send batches of 512 spans
 * over loopback, each answered only after Kafka's acknowledgement; the broker runs in the same JVM.
 *
 * <p>A harness, not a test: run with {@code java -cp <test classpath>
 * io.sloscout.collectors.otlp.OtlpGrpcThroughputHarness [requests] [rounds] [servicesPerRequest]
 * [inFlight]}. One service per request takes the path without re-serializing; more services split
 * the request.
 */
public final class OtlpGrpcThroughputHarness {

  private static final int SPANS_PER_REQUEST = 512;
  private static final List<String> SERVICES =
      List.of("checkout", "cart", "payments", "catalog", "shipping", "users", "search", "ads");

  private OtlpGrpcThroughputHarness() {}

  public static void main(String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int servicesPerRequest = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    int inFlight = args.length > 3 ? Integer.parseInt(args[3]) : 16;
    ExportTraceServiceRequest[] batches = new ExportTraceServiceRequest[64];
    Random random = new Random(11);
    for (int i = 0; i < batches.length; i++) {
      batches[i] = batch(i, servicesPerRequest, random);
    }
    try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
      kafka.createTopics(TopicNames.RAW, 3);
      try (KafkaPublisher publisher =
          new KafkaPublisher(KafkaPublisher.Config.defaults(kafka.bootstrapServers()))) {
        publisher.awaitTopics(TopicNames.RAW);
        OtlpIngest ingest =
            new OtlpIngest(
                publisher, new CollectorMetrics(new SimpleMeterRegistry()), Optional.empty());
        try (OtlpGrpcReceiver receiver =
            OtlpGrpcReceiver.start(
                OtlpGrpcReceiver.Settings.defaults().withAddress("127.0.0.1", 0), ingest)) {
          ManagedChannel channel =
              Grpc.newChannelBuilderForAddress(
                      "127.0.0.1", receiver.port(), InsecureChannelCredentials.create())
                  .build();
          System.out.printf(
              Locale.ROOT,
              "%d requests of %d spans (%d KiB, %d service(s) each), %d in flight, lz4,"
                  + " acks=all, 3 partitions, %d cores%n",
              requests,
              SPANS_PER_REQUEST,
              batches[0].getSerializedSize() / 1024,
              servicesPerRequest,
              inFlight,
              Runtime.getRuntime().availableProcessors());
          for (int round = 0; round <= rounds; round++) {
            Result r = run(channel, batches, round == 0 ? requests / 4 : requests, inFlight);
            System.out.printf(
                Locale.ROOT,
                "%s: %,.0f spans/s, %.1f MiB/s, %d failed, p50 %.1f ms, max %.1f ms%n",
                round == 0 ? "warm-up" : "round " + round,
                r.spansPerSecond(),
                r.mibPerSecond(),
                r.failed(),
                r.p50Millis(),
                r.maxMillis());
          }
          channel.shutdownNow();
        }
      }
    }
  }

  private record Result(
      double spansPerSecond,
      double mibPerSecond,
      long failed,
      double p50Millis,
      double maxMillis) {}

  private static Result run(
      ManagedChannel channel, ExportTraceServiceRequest[] batches, int requests, int inFlight)
      throws InterruptedException {
    TraceServiceGrpc.TraceServiceFutureStub stub = TraceServiceGrpc.newFutureStub(channel);
    Semaphore permits = new Semaphore(inFlight);
    CountDownLatch done = new CountDownLatch(requests);
    AtomicLong failed = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    long[] latencies = new long[requests];
    long start = System.nanoTime();
    for (int i = 0; i < requests; i++) {
      permits.acquire();
      ExportTraceServiceRequest request = batches[i % batches.length];
      bytes.addAndGet(request.getSerializedSize());
      long sent = System.nanoTime();
      int index = i;
      Futures.addCallback(
          stub.export(request),
          new FutureCallback<ExportTraceServiceResponse>() {
            @Override
            public void onSuccess(ExportTraceServiceResponse response) {
              finish();
            }

            @Override
            public void onFailure(Throwable t) {
              failed.incrementAndGet();
              finish();
            }

            private void finish() {
              latencies[index] = System.nanoTime() - sent;
              permits.release();
              done.countDown();
            }
          },
          MoreExecutors.directExecutor());
    }
    done.await(10, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - start) / 1e9;
    java.util.Arrays.sort(latencies);
    return new Result(
        (requests - failed.get()) * (double) SPANS_PER_REQUEST / seconds,
        bytes.get() / seconds / (1024 * 1024),
        failed.get(),
        latencies[requests / 2] / 1e6,
        latencies[requests - 1] / 1e6);
  }

  /** 512 spans shaped like an HTTP server's: a dozen attributes, ids random. */
  private static ExportTraceServiceRequest batch(int n, int services, Random random) {
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    int perService = SPANS_PER_REQUEST / services;
    for (int s = 0; s < services; s++) {
      String service = SERVICES.get((n + s) % SERVICES.size());
      ScopeSpans.Builder scope =
          ScopeSpans.newBuilder()
              .setScope(
                  InstrumentationScope.newBuilder()
                      .setName("io.opentelemetry.tomcat-10.0")
                      .setVersion("2.10.0-alpha"));
      for (int i = 0; i < perService; i++) {
        long start = 1_700_000_000_000_000_000L + random.nextInt(1_000_000_000);
        int product = random.nextInt(10_000);
        scope.addSpans(
            Span.newBuilder()
                .setTraceId(ByteString.copyFrom(bytes(random, 16)))
                .setSpanId(ByteString.copyFrom(bytes(random, 8)))
                .setParentSpanId(ByteString.copyFrom(bytes(random, 8)))
                .setName("GET /product/{id}")
                .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .setStartTimeUnixNano(start)
                .setEndTimeUnixNano(start + random.nextInt(50_000_000))
                .addAttributes(OtlpSamples.attribute("http.request.method", "GET"))
                .addAttributes(OtlpSamples.attribute("http.route", "/product/{id}"))
                .addAttributes(OtlpSamples.attribute("url.path", "/product/" + product))
                .addAttributes(OtlpSamples.attribute("url.scheme", "https"))
                .addAttributes(OtlpSamples.attribute("server.address", service + ".shop.local"))
                .addAttributes(OtlpSamples.attribute("network.protocol.version", "1.1"))
                .addAttributes(
                    OtlpSamples.attribute(
                        "user_agent.original", "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0"))
                .addAttributes(OtlpSamples.attribute("client.address", "10.0.3." + (i % 250)))
                .addAttributes(OtlpSamples.attribute("http.response.status_code", "200"))
                .addAttributes(
                    OtlpSamples.attribute("thread.name", "http-nio-8080-exec-" + i % 20)));
      }
      request.addResourceSpans(
          ResourceSpans.newBuilder()
              .setResource(
                  OtlpSamples.resource(service).toBuilder()
                      .addAttributes(OtlpSamples.attribute("telemetry.sdk.language", "java"))
                      .addAttributes(OtlpSamples.attribute("telemetry.sdk.version", "1.67.0"))
                      .addAttributes(OtlpSamples.attribute("k8s.pod.name", service + "-7d9f-x2")))
              .addScopeSpans(scope));
    }
    return request.build();
  }

  private static byte[] bytes(Random random, int length) {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    for (int i = 0; i < length; i += 8) {
      buffer.putLong(random.nextLong());
    }
    return buffer.array();
  }
}
