package io.sloscout.collectors.otlp;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.grpc.InsecureServerCredentials;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.util.ResourceLeakDetector;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.sloscout.collectors.ingest.CollectorMetrics;
import io.sloscout.collectors.ingest.IngestResult;
import io.sloscout.collectors.ingest.OtlpIngest;
import io.sloscout.collectors.ingest.OtlpWireScan;
import io.sloscout.collectors.ingest.Signal;
import io.sloscout.collectors.ingest.TlsFiles;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The OTLP/gRPC receiver: the trace, metrics and logs services of OTLP 1.x over grpc-java (Netty),
 * storing each request through {@link OtlpIngest} and answering only once Kafka acknowledged it.
 *
 * <p>Answers follow the OTLP spec: OK (with {@code partial_success} when items were dropped);
 * UNAVAILABLE with a {@code google.rpc.RetryInfo} when throttled or Kafka is unreachable (clients
 * retry); INVALID_ARGUMENT for requests that cannot be stored; RESOURCE_EXHAUSTED without
 * RetryInfo, from grpc itself, for messages over the size limit (not retried); UNAUTHENTICATED
 * without the bearer token, when one is configured. gzip-compressed requests are accepted.
 *
 * <p>Request bytes are kept as they arrive (a marshaller of our own) and scanned rather than parsed
 * ({@link OtlpWireScan}), so that a request of one service goes to Kafka unchanged, without
 * building its messages or serializing it again. That common path (read, scan, hand to the Kafka
 * producer, which never blocks) runs on Netty's event loop, where the bytes arrived: it costs about
 * as much as reading them, and each hand-over to another thread would cost more than the work. A
 * request that must be parsed (several services, or edge redaction) goes to the receiver's own
 * executor. The answer is sent from where Kafka's acknowledgement completes it: a few bytes queued
 * on the connection.
 */
public final class OtlpGrpcReceiver implements AutoCloseable {

  /** gRPC's and the OTLP spec's usual limit on one request message: 4 MiB. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

  /** OTLP's gRPC port. */
  public static final int DEFAULT_PORT = 4317;

  /**
   * Where and how the receiver listens.
   *
   * @param host the address to bind, {@code 0.0.0.0} for all interfaces
   * @param port the port, 0 for a free one
   * @param maxMessageBytes the largest request message accepted, after decompression
   * @param bearerToken when present, every call needs {@code authorization: Bearer <token>}
   * @param tls when present, TLS with this certificate and key; plaintext otherwise
   */
  public record Settings(
      String host,
      int port,
      int maxMessageBytes,
      Optional<String> bearerToken,
      Optional<TlsFiles> tls) {

    public Settings {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("host is required");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in [0, 65535]: " + port);
      }
      if (maxMessageBytes <= 0) {
        throw new IllegalArgumentException("maxMessageBytes must be positive: " + maxMessageBytes);
      }
      Objects.requireNonNull(bearerToken, "bearerToken");
      Objects.requireNonNull(tls, "tls");
      if (bearerToken.isPresent() && bearerToken.get().isBlank()) {
        throw new IllegalArgumentException("the bearer token must not be blank");
      }
    }

    /** The settings without the token's value: they end up in logs. */
    @Override
    public String toString() {
      return "Settings[host="
          + host
          + ", port="
          + port
          + ", maxMessageBytes="
          + maxMessageBytes
          + ", bearerToken="
          + (bearerToken.isPresent() ? "<set>" : "<none>")
          + ", tls="
          + tls
          + "]";
    }

    /** All interfaces, port 4317, 4 MiB messages, no token, no TLS. */
    public static Settings defaults() {
      return new Settings(
          "0.0.0.0", DEFAULT_PORT, DEFAULT_MAX_MESSAGE_BYTES, Optional.empty(), Optional.empty());
    }

    /** These settings on another address. */
    public Settings withAddress(String host, int port) {
      return new Settings(host, port, maxMessageBytes, bearerToken, tls);
    }

    /** These settings with another message size limit. */
    public Settings withMaxMessageBytes(int maxMessageBytes) {
      return new Settings(host, port, maxMessageBytes, bearerToken, tls);
    }

    /** These settings requiring {@code token}. */
    public Settings withBearerToken(String token) {
      return new Settings(host, port, maxMessageBytes, Optional.of(token), tls);
    }

    /** These settings serving TLS with {@code files}. */
    public Settings withTls(TlsFiles files) {
      return new Settings(host, port, maxMessageBytes, bearerToken, Optional.of(files));
    }
  }

  private final Server server;
  private final ExecutorService executor;

  private OtlpGrpcReceiver(Server server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** The system property that sets the leak tracking level of grpc's (shaded) Netty. */
  static final String LEAK_DETECTION_PROPERTY = "io.grpc.netty.shaded.io.netty.leakDetection.level";

  /**
   * Netty's leak tracking of buffers is a debugging aid that records a stack trace for a sample of
   * buffers: about 3% of the receiver's CPU at full load. The collector turns it off unless {@value
   * #LEAK_DETECTION_PROPERTY} asks for a level (the build's tests keep it on that way).
   */
  private static void leakTrackingOffUnlessAsked() {
    if (System.getProperty(LEAK_DETECTION_PROPERTY) == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
  }

  /** Starts a receiver storing through {@code ingest}; throws if the port cannot be bound. */
  public static OtlpGrpcReceiver start(Settings settings, OtlpIngest ingest) throws IOException {
    return start(settings, ingest, UnaryOperator.identity());
  }

  /**
   * Like {@link #start(Settings, OtlpIngest)}, each service first passed through {@code decorate}
   * (tests add interceptors that see the raw request bytes).
   */
  static OtlpGrpcReceiver start(
      Settings settings, OtlpIngest ingest, UnaryOperator<ServerServiceDefinition> decorate)
      throws IOException {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(ingest, "ingest");
    ServerCredentials credentials =
        settings.tls().isPresent()
            ? TlsServerCredentials.create(
                settings.tls().get().certChain().toFile(),
                settings.tls().get().privateKey().toFile())
            : InsecureServerCredentials.create();
    leakTrackingOffUnlessAsked();
    ExecutorService executor = newExecutor();
    List<ServerInterceptor> interceptors = new ArrayList<>();
    settings
        .bearerToken()
        .ifPresent(token -> interceptors.add(new BearerTokenInterceptor(token, ingest.metrics())));
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(
                new InetSocketAddress(settings.host(), settings.port()), credentials)
            .directExecutor()
            .maxInboundMessageSize(settings.maxMessageBytes());
    for (Signal signal : Signal.values()) {
      ServerServiceDefinition service = decorate.apply(service(signal, ingest, executor));
      builder.addService(ServerInterceptors.intercept(service, interceptors));
    }
    Server server = builder.build();
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      executor.shutdownNow();
      throw e;
    }
    return new OtlpGrpcReceiver(server, executor);
  }

  /** The port the receiver listens on (the real one when started with port 0). */
  public int port() {
    return server.getPort();
  }

  /**
   * Stops accepting calls (new ones get UNAVAILABLE, which clients retry elsewhere), waits up to
   * {@code timeout} for calls in progress to be answered, then cancels what is left.
   */
  public void drainAndStop(Duration timeout) {
    server.shutdown();
    try {
      if (!server.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      executor.shutdown();
    }
  }

  /** Stops at once: calls in progress are cancelled (clients retry them). */
  @Override
  public void close() {
    if (!server.isTerminated()) {
      drainAndStop(Duration.ZERO);
    }
    executor.shutdownNow();
  }

  /** The signal of an OTLP gRPC service name, or null for another service. */
  static Signal signalOf(String serviceName) {
    if (TraceServiceGrpc.SERVICE_NAME.equals(serviceName)) {
      return Signal.TRACES;
    }
    if (MetricsServiceGrpc.SERVICE_NAME.equals(serviceName)) {
      return Signal.METRICS;
    }
    if (LogsServiceGrpc.SERVICE_NAME.equals(serviceName)) {
      return Signal.LOGS;
    }
    return null;
  }

  /**
   * Requests that must be parsed (split by service, or redacted) are stored from here, off the
   * event loop; a pool of two threads per core.
   */
  private static ExecutorService newExecutor() {
    int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "otlp-grpc-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  private static ServerServiceDefinition service(
      Signal signal, OtlpIngest ingest, ExecutorService executor) {
    return switch (signal) {
      case TRACES ->
          service(
              TraceServiceGrpc.getExportMethod(),
              ExportTraceServiceResponse.getDefaultInstance(),
              new Handler<>(
                  signal,
                  ingest,
                  executor,
                  ExportTraceServiceResponse.getDefaultInstance(),
                  (rejected, message) ->
                      ExportTraceServiceResponse.newBuilder()
                          .setPartialSuccess(
                              ExportTracePartialSuccess.newBuilder()
                                  .setRejectedSpans(rejected)
                                  .setErrorMessage(message))
                          .build()));
      case METRICS ->
          service(
              MetricsServiceGrpc.getExportMethod(),
              ExportMetricsServiceResponse.getDefaultInstance(),
              new Handler<>(
                  signal,
                  ingest,
                  executor,
                  ExportMetricsServiceResponse.getDefaultInstance(),
                  (rejected, message) ->
                      ExportMetricsServiceResponse.newBuilder()
                          .setPartialSuccess(
                              ExportMetricsPartialSuccess.newBuilder()
                                  .setRejectedDataPoints(rejected)
                                  .setErrorMessage(message))
                          .build()));
      case LOGS ->
          service(
              LogsServiceGrpc.getExportMethod(),
              ExportLogsServiceResponse.getDefaultInstance(),
              new Handler<>(
                  signal,
                  ingest,
                  executor,
                  ExportLogsServiceResponse.getDefaultInstance(),
                  (rejected, message) ->
                      ExportLogsServiceResponse.newBuilder()
                          .setPartialSuccess(
                              ExportLogsPartialSuccess.newBuilder()
                                  .setRejectedLogRecords(rejected)
                                  .setErrorMessage(message))
                          .build()));
    };
  }

  /** One unary Export method whose requests keep their bytes. */
  private static <R extends Message> ServerServiceDefinition service(
      MethodDescriptor<?, R> generated, R responsePrototype, Handler<R> handler) {
    MethodDescriptor<ReceivedRequest, R> method =
        MethodDescriptor.<ReceivedRequest, R>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(generated.getFullMethodName())
            .setRequestMarshaller(ReceivedRequest.Marshaller.INSTANCE)
            .setResponseMarshaller(ProtoUtils.marshaller(responsePrototype))
            .setSampledToLocalTracing(false)
            .build();
    return ServerServiceDefinition.builder(generated.getServiceName())
        .addMethod(method, ServerCalls.asyncUnaryCall(handler))
        .build();
  }

  /** Builds the response for items rejected with a message. */
  private interface PartialSuccess<R> {
    R build(long rejected, String message);
  }

  /** Scans a request, hands it to the ingest and answers from its result. */
  private static final class Handler<R extends Message>
      implements ServerCalls.UnaryMethod<ReceivedRequest, R> {

    private final Signal signal;
    private final OtlpIngest ingest;
    private final ExecutorService executor;
    private final R ok;
    private final PartialSuccess<R> partial;

    Handler(
        Signal signal,
        OtlpIngest ingest,
        ExecutorService executor,
        R ok,
        PartialSuccess<R> partial) {
      this.signal = signal;
      this.ingest = ingest;
      this.executor = executor;
      this.ok = ok;
      this.partial = partial;
    }

    @Override
    public void invoke(ReceivedRequest request, StreamObserver<R> observer) {
      ServerCallStreamObserver<R> call = (ServerCallStreamObserver<R>) observer;
      // a client that went away must not make the late answer throw
      call.setOnCancelHandler(() -> {});
      if (request.error() != null) {
        String reason =
            request.error().getCode() == Status.Code.RESOURCE_EXHAUSTED ? "too_large" : "invalid";
        ingest.metrics().refusedRequest(signal, CollectorMetrics.OTLP_GRPC, reason);
        call.onError(request.error().asRuntimeException());
        return;
      }
      OtlpWireScan.Request scanned;
      try {
        // validated without building messages; parsed only if it must be split or redacted
        scanned = OtlpWireScan.scan(signal, request.bytes());
      } catch (InvalidProtocolBufferException e) {
        ingest.metrics().refusedRequest(signal, CollectorMetrics.OTLP_GRPC, "invalid");
        call.onError(
            Status.INVALID_ARGUMENT
                .withDescription(
                    "the request is not a valid OTLP protobuf message: " + e.getMessage())
                .asRuntimeException());
        return;
      }
      if (ingest.forwardsUnchanged(scanned)) {
        // the bytes go to the producer as they are: no reason to leave the event loop
        submit(call, scanned);
      } else {
        execute(() -> submit(call, scanned));
      }
    }

    private void submit(ServerCallStreamObserver<R> call, OtlpWireScan.Request scanned) {
      ingest
          .submitBytes(scanned, CollectorMetrics.OTLP_GRPC)
          .whenComplete((result, error) -> answer(call, result, error));
    }

    /**
     * Runs {@code task} on the receiver's executor; inline once that is shut down (the call is
     * cancelled by then, so the answer is a no-op).
     */
    private void execute(Runnable task) {
      try {
        executor.execute(task);
      } catch (RejectedExecutionException e) {
        task.run();
      }
    }

    private void answer(ServerCallStreamObserver<R> call, IngestResult result, Throwable error) {
      if (call.isCancelled()) {
        return;
      }
      try {
        if (error != null) {
          call.onError(
              Status.INTERNAL
                  .withDescription("the collector failed: " + error)
                  .asRuntimeException());
        } else if (result instanceof IngestResult.Accepted accepted) {
          call.onNext(
              accepted.rejectedItems() == 0 && accepted.errorMessage().isEmpty()
                  ? ok
                  : partial.build(accepted.rejectedItems(), accepted.errorMessage()));
          call.onCompleted();
        } else if (result instanceof IngestResult.Throttled throttled) {
          call.onError(unavailable(throttled));
        } else if (result instanceof IngestResult.Refused refused) {
          call.onError(
              Status.INVALID_ARGUMENT.withDescription(refused.reason()).asRuntimeException());
        }
      } catch (RuntimeException e) {
        // the call was cancelled between the check and the answer: nobody is listening
      }
    }
  }

  /** UNAVAILABLE with a {@code google.rpc.RetryInfo} detail: OTLP clients wait that long. */
  static RuntimeException unavailable(IngestResult.Throttled throttled) {
    Duration delay = throttled.retryAfter();
    com.google.rpc.Status status =
        com.google.rpc.Status.newBuilder()
            .setCode(Code.UNAVAILABLE_VALUE)
            .setMessage(throttled.reason())
            .addDetails(
                Any.pack(
                    RetryInfo.newBuilder()
                        .setRetryDelay(
                            com.google.protobuf.Duration.newBuilder()
                                .setSeconds(delay.getSeconds())
                                .setNanos(delay.getNano()))
                        .build()))
            .build();
    return StatusProto.toStatusRuntimeException(status);
  }
}
