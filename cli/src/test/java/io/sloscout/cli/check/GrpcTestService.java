package io.sloscout.cli.check;

import io.grpc.HandlerRegistry;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real gRPC server on 127.0.0.1 with byte-array methods, no generated code: {@code test.Echo/Ok}
 * answers at once, {@code test.Echo/Flaky} fails every tenth call (alternately UNAVAILABLE and
 * INTERNAL), {@code test.Echo/Slow} answers after 300 ms. {@code grpc.health.v1.Health/Check}
 * reports NOT_SERVING until {@code readyAfter} has passed, then SERVING. It counts what arrived and
 * when, so tests can check what the load generator really did.
 */
final class GrpcTestService implements AutoCloseable {

  static final Duration SLOW = Duration.ofMillis(300);

  private final Server server;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final long readyAt;
  private final AtomicLong healthChecks = new AtomicLong();
  private final AtomicLong firstServing = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong earliestLoad = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong loadCalls = new AtomicLong();
  private final AtomicLong flakyCalls = new AtomicLong();
  private final AtomicLong flakyErrors = new AtomicLong();
  private final AtomicLong unknownCalls = new AtomicLong();

  GrpcTestService(Duration readyAfter) throws IOException {
    readyAt = System.nanoTime() + readyAfter.toNanos();
    ServerServiceDefinition echo =
        ServerServiceDefinition.builder("test.Echo")
            .addMethod(method("test.Echo/Ok"), ServerCalls.asyncUnaryCall(this::ok))
            .addMethod(method("test.Echo/Flaky"), ServerCalls.asyncUnaryCall(this::flaky))
            .addMethod(method("test.Echo/Slow"), ServerCalls.asyncUnaryCall(this::slow))
            .build();
    ServerServiceDefinition health =
        ServerServiceDefinition.builder("grpc.health.v1.Health")
            .addMethod(
                method("grpc.health.v1.Health/Check"), ServerCalls.asyncUnaryCall(this::check))
            .build();
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .addService(echo)
            .addService(health)
            // asked only for methods the services above lack; the server then answers UNIMPLEMENTED
            .fallbackHandlerRegistry(
                new HandlerRegistry() {
                  @Override
                  public ServerMethodDefinition<?, ?> lookupMethod(
                      String methodName, String authority) {
                    unknownCalls.incrementAndGet();
                    return null;
                  }
                })
            .build()
            .start();
  }

  /** {@code host:port} of the server. */
  String target() {
    return "127.0.0.1:" + server.getPort();
  }

  long healthChecks() {
    return healthChecks.get();
  }

  /** Calls of the test.Echo methods, known or not. */
  long loadCalls() {
    return loadCalls.get();
  }

  /** True when a call of test.Echo arrived before health first reported SERVING. */
  boolean loadArrivedBeforeServing() {
    return earliestLoad.get() < firstServing.get();
  }

  /** The share of Flaky calls the server failed. */
  double flakyErrorShare() {
    long n = flakyCalls.get();
    return n == 0 ? 0 : flakyErrors.get() / (double) n;
  }

  /** Calls of methods the server does not have. */
  long unknownCalls() {
    return unknownCalls.get();
  }

  private void ok(byte[] request, StreamObserver<byte[]> out) {
    arrived();
    answer(request, out);
  }

  private void flaky(byte[] request, StreamObserver<byte[]> out) {
    arrived();
    long n = flakyCalls.incrementAndGet();
    if (n % 10 != 0) {
      answer(request, out);
      return;
    }
    flakyErrors.incrementAndGet();
    Status status = n % 20 == 0 ? Status.INTERNAL : Status.UNAVAILABLE;
    out.onError(status.withDescription("every tenth call fails").asRuntimeException());
  }

  private void slow(byte[] request, StreamObserver<byte[]> out) {
    arrived();
    // scheduled, not slept: a sleeping handler would make the server, not the target, the limit
    timer.schedule(() -> answer(request, out), SLOW.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void check(byte[] request, StreamObserver<byte[]> out) {
    healthChecks.incrementAndGet();
    long now = System.nanoTime();
    boolean serving = now >= readyAt;
    if (serving) {
      firstServing.accumulateAndGet(now, Math::min);
    }
    // HealthCheckResponse{status: field 1 varint}: SERVING = 1, NOT_SERVING = 2
    out.onNext(new byte[] {0x08, (byte) (serving ? 1 : 2)});
    out.onCompleted();
  }

  private void arrived() {
    loadCalls.incrementAndGet();
    earliestLoad.accumulateAndGet(System.nanoTime(), Math::min);
  }

  private static void answer(byte[] request, StreamObserver<byte[]> out) {
    out.onNext(request);
    out.onCompleted();
  }

  private static MethodDescriptor<byte[], byte[]> method(String fullName) {
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(fullName)
        .setRequestMarshaller(GrpcLoadClient.BYTES)
        .setResponseMarshaller(GrpcLoadClient.BYTES)
        .build();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      timer.shutdownNow();
    }
  }
}
