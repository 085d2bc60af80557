package io.sloscout.cli.check;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Calls one unary gRPC method over and over with the same serialized request.
 *
 * <p>Requests and responses stay bytes (a byte-array marshaller), so any unary method can be loaded
 * from a {@code --body-file} without generated stubs. How a call ends:
 *
 * <ul>
 *   <li>{@code OK}: an answer, status 0.
 *   <li>{@code DEADLINE_EXCEEDED}, {@code UNAVAILABLE}, {@code CANCELLED}: no usable answer (like
 *       an HTTP timeout or connection failure): an error of that kind, no latency recorded.
 *   <li>any other status: an answer from the server, recorded under its code number with its
 *       latency, and an error of the kind named by the code, such as {@code UNIMPLEMENTED}.
 * </ul>
 */
public final class GrpcLoadClient implements LoadClient, AutoCloseable {

  /** Bytes in, bytes out: the request is already serialized, the response is discarded. */
  static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try (stream) {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  private final GrpcTarget target;
  private final ManagedChannel channel;
  private final Channel withHeaders;
  private final MethodDescriptor<byte[], byte[]> method;
  private final byte[] body;
  private final Duration timeout;

  /**
   * A client for {@code method} on {@code target}; no connection is made before the first call.
   *
   * @param headers sent with every call (and with health checks)
   * @param body the serialized request message
   * @param timeout the deadline of each call
   */
  public GrpcLoadClient(
      GrpcTarget target, GrpcMethod method, Metadata headers, byte[] body, Duration timeout) {
    this.target = Objects.requireNonNull(target, "target");
    this.method = unary(method);
    this.body = body.clone();
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    ChannelCredentials credentials =
        target.tls() ? TlsChannelCredentials.create() : InsecureChannelCredentials.create();
    channel =
        Grpc.newChannelBuilderForAddress(target.host(), target.port(), credentials)
            // completions only update counters; running them on the transport thread keeps a
            // thread hand-off out of every measured latency
            .directExecutor()
            .userAgent("slo-scout-check")
            .build();
    Metadata copy = new Metadata();
    copy.merge(headers);
    withHeaders =
        ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(copy));
  }

  /**
   * Metadata from {@code --header NAME:VALUE} pairs; names ending in {@code -bin} take base64
   * values.
   *
   * @throws IllegalArgumentException naming the header gRPC would refuse
   */
  public static Metadata metadata(List<LoadRequest.Header> headers) {
    Metadata md = new Metadata();
    for (LoadRequest.Header h : headers) {
      String name = h.name().toLowerCase(Locale.ROOT);
      try {
        if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
          md.put(
              Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER),
              Base64.getDecoder().decode(h.value()));
        } else {
          for (int i = 0; i < h.value().length(); i++) {
            char c = h.value().charAt(i);
            if (c < 0x20 || c > 0x7E) {
              throw new IllegalArgumentException(
                  "value must be printable ASCII (use a -bin header for binary values)");
            }
          }
          md.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), h.value());
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--header '" + h.name() + "': " + e.getMessage(), e);
      }
    }
    return md;
  }

  public GrpcTarget target() {
    return target;
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  @Override
  public void send(Outcome outcome) {
    // exactly once, even if the call fails while starting and then reports its close as well
    AtomicBoolean done = new AtomicBoolean();
    StreamObserver<byte[]> observer =
        new StreamObserver<>() {
          @Override
          public void onNext(byte[] value) {
            // the response body is not checked, only the status
          }

          @Override
          public void onError(Throwable t) {
            if (done.compareAndSet(false, true)) {
              report(Status.fromThrowable(t), outcome);
            }
          }

          @Override
          public void onCompleted() {
            if (done.compareAndSet(false, true)) {
              outcome.answered(Status.Code.OK.value(), null);
            }
          }
        };
    try {
      ClientCalls.asyncUnaryCall(
          withHeaders.newCall(
              method,
              CallOptions.DEFAULT.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)),
          body,
          observer);
    } catch (RuntimeException e) {
      observer.onError(e);
    }
  }

  /** Sorts a final status into an answer or a failure, as described on the class. */
  static void report(Status status, Outcome outcome) {
    Status.Code code = status.getCode();
    switch (code) {
      case OK -> outcome.answered(code.value(), null);
      case DEADLINE_EXCEEDED, UNAVAILABLE, CANCELLED -> outcome.failed(code.name());
      default -> outcome.answered(code.value(), code.name());
    }
  }

  /** The channel with the headers attached, for health checks. */
  Channel channel() {
    return withHeaders;
  }

  /** The channel itself, for its connectivity state. */
  ManagedChannel managedChannel() {
    return channel;
  }

  /** A unary method descriptor with byte-array marshallers. */
  static MethodDescriptor<byte[], byte[]> unary(GrpcMethod method) {
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(method.fullName())
        .setRequestMarshaller(BYTES)
        .setResponseMarshaller(BYTES)
        .build();
  }

  /** Closes the channel; calls still in flight are cancelled. */
  @Override
  public void close() {
    channel.shutdownNow();
    try {
      // bounded: the transport threads are daemons, so a slow shutdown cannot hold the JVM up
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
