package io.sloscout.collectors.service;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import io.grpc.CallOptions;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.sloscout.collectors.kafka.EmbeddedKafka;
import io.sloscout.collectors.kafka.KafkaPublisher;
import io.sloscout.collectors.kafka.TopicNames;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Prints spans/s through the collector's OTLP/gRPC receiver into Kafka, next to what a raw {@link
 * KafkaProducer} with the publisher's settings sends to the same broker in the same run, for
 * records of the same bytes, and the CPU each costs.
 *
 * <p>The load generator runs in the same JVM as the collector and the broker: {@code clients}
 * exporters, each on its own connection with one export in flight as OTLP exporters have, send
 * {@code ExportTraceServiceRequest}s of 512 spans serialized once up front (one service each, so
 * the collector forwards the exact bytes) as asynchronous calls answered on the event loop; {@code
 * UNAVAILABLE} and {@code RESOURCE_EXHAUSTED} with {@code RetryInfo} are retried after the delay
 * asked for. Spans count once acknowledged (minus any {@code partial_success.rejected_spans}),
 * within the measured window. The raw producer keeps as many bytes in flight as the publisher's
 * budget allows.
 *
 * <p>Round 0 warms both paths up and is not counted (the JIT keeps compiling for a minute or more);
 * then each round measures both, in alternating order, because the broker's writes leave the page
 * cache dirty for whichever runs next. The median ratio over the rounds is printed last.
 *
 * <p>A harness, not a test (no assertions on speed). From the repository root:
 *
 * <pre>
 * mvn -B -q -pl collectors -am install -DskipTests
 * mvn -B -q -pl collectors test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -Xmx2g -cp collectors/target/test-classes:collectors/target/classes:$(cat collectors/target/test.classpath) \
 *     io.sloscout.collectors.service.OtlpGrpcThroughputHarness [clients=8] [seconds=20] [rounds=2]
 * </pre>
 *
 * <p>System properties: {@code -Dspans=N} spans per request (512), {@code -Dconnections=N} shares N
 * connections among the clients, {@code -Dlinger.ms=N} overrides the publisher's linger, {@code
 * -Dwarmup.s=N} the warm-up before each measured window (5), {@code -Draw=false} skips the raw
 * producer.
 */
public final class OtlpGrpcThroughputHarness {

  private static final int SPANS_PER_REQUEST = Integer.getInteger("spans", 512);
  private static final int DISTINCT_REQUESTS = 64;
  private static final String RAW_TOPIC = "bench.raw";
  private static final List<String> SERVICES =
      List.of("checkout", "cart", "payments", "catalog", "shipping", "users", "search", "ads");
  private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("warmup.s", 5));

  private OtlpGrpcThroughputHarness() {}

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    Duration window = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 20);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;

    List<ExportTraceServiceRequest> requests = new ArrayList<>();
    Random random = new Random(42);
    for (int i = 0; i < DISTINCT_REQUESTS; i++) {
      requests.add(request(SERVICES.get(i % SERVICES.size()), random));
    }
    List<byte[]> values = requests.stream().map(ExportTraceServiceRequest::toByteArray).toList();
    double meanBytes = values.stream().mapToInt(v -> v.length).average().orElseThrow();

    try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
      kafka.createTopics(TopicNames.RAW, 3);
      kafka.createTopics(List.of(RAW_TOPIC), 3);
      CollectorConfig config =
          CollectorConfig.defaults()
              .withKafka(CollectorConfig.Kafka.external(kafka.bootstrapServers()))
              .withOtlp(
                  new CollectorConfig.Otlp(
                      CollectorConfig.Grpc.on("127.0.0.1", 0), CollectorConfig.Http.disabled()))
              .withMetrics(new CollectorConfig.Metrics("127.0.0.1", 0));
      String lingerMs = System.getProperty("linger.ms");
      if (lingerMs != null) {
        config =
            config.withPublisher(
                new CollectorConfig.Publisher(
                    null, null, null, Duration.ofMillis(Long.parseLong(lingerMs)), null, null));
      }
      KafkaPublisher.Config publisherConfig =
          new KafkaPublisher.Config(
              kafka.bootstrapServers(),
              config.publisher().maxInFlightBytes(),
              config.publisher().maxRecordBytes().intValue(),
              config.publisher().compression(),
              config.publisher().linger(),
              config.publisher().requestTimeout(),
              config.publisher().deliveryTimeout(),
              Duration.ofSeconds(30),
              Map.of());
      System.out.printf(
          Locale.ROOT,
          "%d clients, requests of %d spans (%,.0f B protobuf), %d s measured after %d s warm-up;"
              + " %d cores, Java %s; embedded broker, 3 partitions, lz4, acks=all, idempotent%n",
          clients,
          SPANS_PER_REQUEST,
          meanBytes,
          window.toSeconds(),
          WARM_UP.toSeconds(),
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
      boolean withRaw = Boolean.parseBoolean(System.getProperty("raw", "true"));
      // round 0 warms both paths up (the JIT compiles for a good minute) and is not counted;
      // the order alternates so that neither path always follows the other's disk writes
      List<Double> ratios = new ArrayList<>();
      for (int round = 0; round <= rounds; round++) {
        boolean rawFirst = round % 2 == 0;
        RawResult raw = new RawResult(Double.NaN, Double.NaN);
        if (withRaw && rawFirst) {
          raw = rawProducer(publisherConfig, values, window);
        }
        GrpcResult grpc;
        try (CollectorService service = CollectorService.start(config)) {
          int port = service.endpoints().otlpGrpc().orElseThrow().getPort();
          grpc = grpc(port, clients, values, window);
        }
        if (withRaw && !rawFirst) {
          raw = rawProducer(publisherConfig, values, window);
        }
        double grpcRequests = grpc.spansPerSecond() / SPANS_PER_REQUEST;
        double rawSpans = raw.recordsPerSecond() * SPANS_PER_REQUEST;
        double ratio = grpc.spansPerSecond() / rawSpans;
        if (round > 0) {
          ratios.add(ratio);
        }
        System.out.printf(
            Locale.ROOT,
            "%s: OTLP/gRPC -> Kafka %,.0f spans/s (%,.0f requests/s, %,.1f MB/s, %,d retries"
                + " after UNAVAILABLE; %.2f cores, %,.0f us CPU per request) | raw KafkaProducer"
                + " %,.0f records/s = %,.0f spans/s (%,.1f MB/s; %.2f cores, %,.0f us CPU per"
                + " record) | ratio %.2f%n",
            round == 0 ? "warm-up (not counted)" : "round " + round,
            grpc.spansPerSecond(),
            grpcRequests,
            grpcRequests * meanBytes / 1e6,
            grpc.retries(),
            grpc.cores(),
            grpc.cores() / grpcRequests * 1e6,
            raw.recordsPerSecond(),
            rawSpans,
            raw.recordsPerSecond() * meanBytes / 1e6,
            raw.cores(),
            raw.cores() / raw.recordsPerSecond() * 1e6,
            ratio);
      }
      if (withRaw && !ratios.isEmpty()) {
        List<Double> sorted = ratios.stream().sorted().toList();
        int n = sorted.size();
        double median =
            n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        System.out.printf(
            Locale.ROOT,
            "ratio over %d rounds: median %.2f, min %.2f, max %.2f%n",
            n,
            median,
            sorted.get(0),
            sorted.get(n - 1));
      }
    }
  }

  private record GrpcResult(double spansPerSecond, long retries, double cores) {}

  /**
   * The JVM's CPU time between two instants of {@link System#nanoTime()}: cores busy on average.
   */
  private static final class CpuWindow {
    private final Thread thread;
    private volatile double cores = Double.NaN;

    CpuWindow(long from, long to) {
      var os =
          (com.sun.management.OperatingSystemMXBean)
              java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      thread =
          new Thread(
              () -> {
                try {
                  sleepUntil(from);
                  long cpu = os.getProcessCpuTime();
                  long at = System.nanoTime();
                  sleepUntil(to);
                  cores = (os.getProcessCpuTime() - cpu) / (double) (System.nanoTime() - at);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "cpu-window");
      thread.setDaemon(true);
      thread.start();
    }

    private static void sleepUntil(long instant) throws InterruptedException {
      long left;
      while ((left = instant - System.nanoTime()) > 0) {
        Thread.sleep(Math.max(1, left / 1_000_000));
      }
    }

    double cores() throws InterruptedException {
      thread.join();
      return cores;
    }
  }

  private static GrpcResult grpc(int port, int clients, List<byte[]> requests, Duration window)
      throws Exception {
    // a connection per client, as separate SDKs or agents have (-Dconnections=N shares fewer);
    // answers are handled on the event loop that read them (no thread per client to wake)
    List<ManagedChannel> channels = new ArrayList<>();
    int connections = Math.min(clients, Integer.getInteger("connections", clients));
    for (int i = 0; i < connections; i++) {
      channels.add(
          ManagedChannelBuilder.forAddress("127.0.0.1", port)
              .usePlaintext()
              .directExecutor()
              .maxInboundMessageSize(4 * 1024 * 1024)
              .build());
    }
    LongAdder acknowledged = new LongAdder();
    LongAdder retries = new LongAdder();
    long start = System.nanoTime();
    long measureFrom = start + WARM_UP.toNanos();
    long measureTo = measureFrom + window.toNanos();
    CpuWindow cpu = new CpuWindow(measureFrom, measureTo);
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    CountDownLatch finished = new CountDownLatch(clients);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try {
      for (int c = 0; c < clients; c++) {
        Exporter exporter =
            new Exporter(
                channels.get(c % channels.size()),
                requests,
                c,
                clients,
                measureFrom,
                measureTo,
                acknowledged,
                retries,
                timer,
                finished,
                failure);
        exporter.exportNext();
      }
      if (!finished.await(window.toSeconds() + 120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("exports did not finish");
      }
      if (failure.get() != null) {
        throw new IllegalStateException("an export failed", failure.get());
      }
    } finally {
      timer.shutdownNow();
      for (ManagedChannel channel : channels) {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      }
    }
    return new GrpcResult(
        acknowledged.sum() / (window.toNanos() / 1e9), retries.sum(), cpu.cores());
  }

  /**
   * One client as an OTLP exporter behaves: one export in flight, the next sent when the answer
   * came, {@code UNAVAILABLE} and {@code RESOURCE_EXHAUSTED} with {@code RetryInfo} retried after
   * the delay asked for. Spans count once acknowledged (minus any {@code
   * partial_success.rejected_spans}), within the measured window.
   */
  private static final class Exporter implements StreamObserver<byte[]> {
    private final ManagedChannel channel;
    private final List<byte[]> requests;
    private final int stride;
    private final long measureFrom;
    private final long measureTo;
    private final LongAdder acknowledged;
    private final LongAdder retries;
    private final ScheduledExecutorService timer;
    private final CountDownLatch finished;
    private final AtomicReference<Throwable> failure;
    private int next;
    private byte[] current;
    private long stored;

    Exporter(
        ManagedChannel channel,
        List<byte[]> requests,
        int first,
        int stride,
        long measureFrom,
        long measureTo,
        LongAdder acknowledged,
        LongAdder retries,
        ScheduledExecutorService timer,
        CountDownLatch finished,
        AtomicReference<Throwable> failure) {
      this.channel = channel;
      this.requests = requests;
      this.next = first;
      this.stride = stride;
      this.measureFrom = measureFrom;
      this.measureTo = measureTo;
      this.acknowledged = acknowledged;
      this.retries = retries;
      this.timer = timer;
      this.finished = finished;
      this.failure = failure;
    }

    void exportNext() {
      if (System.nanoTime() >= measureTo || failure.get() != null) {
        finished.countDown();
        return;
      }
      current = requests.get(next % requests.size());
      next += stride;
      send();
    }

    private void send() {
      stored = -1;
      ClientCalls.asyncUnaryCall(
          channel.newCall(
              EXPORT_BYTES, CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS)),
          current,
          this);
    }

    @Override
    public void onNext(byte[] answer) {
      try {
        ExportTraceServiceResponse response = ExportTraceServiceResponse.parseFrom(answer);
        stored = SPANS_PER_REQUEST - response.getPartialSuccess().getRejectedSpans();
      } catch (InvalidProtocolBufferException e) {
        failure.compareAndSet(null, new IllegalStateException("the collector answered garbage", e));
      }
    }

    @Override
    public void onCompleted() {
      long now = System.nanoTime();
      if (stored > 0 && now >= measureFrom && now < measureTo) {
        acknowledged.add(stored);
      }
      exportNext();
    }

    @Override
    public void onError(Throwable t) {
      Status.Code code = Status.fromThrowable(t).getCode();
      Duration delay = t instanceof StatusRuntimeException e ? retryDelay(e) : null;
      if ((code != Status.Code.UNAVAILABLE && code != Status.Code.RESOURCE_EXHAUSTED)
          || delay == null) {
        failure.compareAndSet(null, t);
        finished.countDown();
        return;
      }
      retries.increment();
      timer.schedule(this::send, Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * The trace service's Export method with requests as ready bytes: the load generator serializes
   * each request once, up front, so that its cost per call is little more than a copy.
   */
  private static final MethodDescriptor<byte[], byte[]> EXPORT_BYTES =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(TraceServiceGrpc.getExportMethod().getFullMethodName())
          .setRequestMarshaller(new BytesMarshaller())
          .setResponseMarshaller(new BytesMarshaller())
          .build();

  private static final class BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new DrainableBytes(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try (stream) {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * A request's bytes as grpc likes them: of known length and drained into its frame buffer with
   * one write, rather than copied through a small intermediate buffer.
   */
  private static final class DrainableBytes extends ByteArrayInputStream
      implements Drainable, KnownLength {
    DrainableBytes(byte[] bytes) {
      super(bytes);
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
      int length = count - pos;
      target.write(buf, pos, length);
      pos = count;
      return length;
    }
  }

  private static Duration retryDelay(StatusRuntimeException e) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    if (status == null) {
      // UNAVAILABLE without details: a connection problem, retry soon as OTLP clients do
      return e.getStatus().getCode() == Status.Code.UNAVAILABLE ? Duration.ofMillis(100) : null;
    }
    for (Any detail : status.getDetailsList()) {
      if (detail.is(RetryInfo.class)) {
        try {
          com.google.protobuf.Duration d = detail.unpack(RetryInfo.class).getRetryDelay();
          return Duration.ofSeconds(d.getSeconds(), d.getNanos());
        } catch (InvalidProtocolBufferException ex) {
          return null;
        }
      }
    }
    return null;
  }

  private record RawResult(double recordsPerSecond, double cores) {}

  private static RawResult rawProducer(
      KafkaPublisher.Config config, List<byte[]> values, Duration window)
      throws InterruptedException {
    Map<String, Object> props = new HashMap<>(KafkaPublisher.producerProperties(config));
    // a plain producer may block in send(); the in-flight bytes are bounded below instead
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
    LongAdder acknowledged = new LongAdder();
    AtomicLong failed = new AtomicLong();
    // the same budget as the publisher: its permits are KiB of records in flight
    Semaphore budget = new Semaphore((int) (config.maxInFlightBytes() / 1024));
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      awaitMetadata(producer);
      long start = System.nanoTime();
      long measureFrom = start + WARM_UP.toNanos();
      long measureTo = measureFrom + window.toNanos();
      CpuWindow cpu = new CpuWindow(measureFrom, measureTo);
      int i = 0;
      while (System.nanoTime() < measureTo) {
        byte[] value = values.get(i % values.size());
        int permits = Math.max(1, value.length / 1024);
        budget.acquire(permits);
        producer.send(
            new ProducerRecord<>(RAW_TOPIC, SERVICES.get(i % SERVICES.size()), value),
            (metadata, exception) -> {
              budget.release(permits);
              if (exception != null) {
                failed.incrementAndGet();
                return;
              }
              long now = System.nanoTime();
              if (now >= measureFrom && now < measureTo) {
                acknowledged.increment();
              }
            });
        i++;
      }
      producer.flush();
      if (failed.get() > 0) {
        throw new IllegalStateException(failed.get() + " raw records failed");
      }
      return new RawResult(acknowledged.sum() / (window.toNanos() / 1e9), cpu.cores());
    }
  }

  private static void awaitMetadata(KafkaProducer<String, byte[]> producer)
      throws InterruptedException {
    for (int attempt = 0; ; attempt++) {
      try {
        producer.partitionsFor(RAW_TOPIC);
        return;
      } catch (TimeoutException e) {
        if (attempt > 500) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }

  /** One service's request of 512 server spans with HTTP attributes, as an SDK would batch them. */
  static ExportTraceServiceRequest request(String service, Random random) {
    ScopeSpans.Builder scope =
        ScopeSpans.newBuilder()
            .setScope(
                InstrumentationScope.newBuilder()
                    .setName("io.opentelemetry.tomcat-10.0")
                    .setVersion("2.10.0-alpha"));
    long base = 1_718_000_000_000_000_000L;
    for (int i = 0; i < SPANS_PER_REQUEST; i++) {
      byte[] traceId = new byte[16];
      byte[] spanId = new byte[8];
      random.nextBytes(traceId);
      random.nextBytes(spanId);
      String route = List.of("/cart/{id}", "/product/{id}", "/checkout", "/search").get(i % 4);
      long startNanos = base + i * 1_000_000L;
      int status = random.nextInt(100) < 2 ? 500 : 200;
      scope.addSpans(
          Span.newBuilder()
              .setTraceId(ByteString.copyFrom(traceId))
              .setSpanId(ByteString.copyFrom(spanId))
              .setName("GET " + route)
              .setKind(Span.SpanKind.SPAN_KIND_SERVER)
              .setStartTimeUnixNano(startNanos)
              .setEndTimeUnixNano(startNanos + 1_000_000L + random.nextInt(50_000_000))
              .addAttributes(kv("http.request.method", "GET"))
              .addAttributes(kv("http.route", route))
              .addAttributes(
                  kv("url.path", route.replace("{id}", Integer.toString(random.nextInt(100_000)))))
              .addAttributes(
                  KeyValue.newBuilder()
                      .setKey("http.response.status_code")
                      .setValue(AnyValue.newBuilder().setIntValue(status)))
              .addAttributes(kv("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64)"))
              .addAttributes(kv("server.address", service + ".shop.svc.cluster.local")));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(kv("service.name", service))
                        .addAttributes(kv("service.version", "1.4.2"))
                        .addAttributes(kv("k8s.pod.name", service + "-7d9f8b6c5-x2x9q"))
                        .addAttributes(kv("telemetry.sdk.language", "java")))
                .addScopeSpans(scope))
        .build();
  }

  private static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }
}
