package io.sloscout.collectors.otlp;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.sloscout.collectors.ingest.CollectorMetrics;
import io.sloscout.collectors.ingest.Signal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Lets a call through only with the header {@code authorization: Bearer <token>}. */
final class BearerTokenInterceptor implements ServerInterceptor {

  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private static final String SCHEME = "bearer ";

  private final byte[] token;
  private final CollectorMetrics metrics;

  BearerTokenInterceptor(String token, CollectorMetrics metrics) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the bearer token must not be blank");
    }
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.metrics = metrics;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (authorized(headers.get(AUTHORIZATION))) {
      return next.startCall(call, headers);
    }
    Signal signal = OtlpGrpcReceiver.signalOf(call.getMethodDescriptor().getServiceName());
    if (signal != null) {
      metrics.refusedRequest(signal, CollectorMetrics.OTLP_GRPC, "unauthenticated");
    }
    call.close(
        Status.UNAUTHENTICATED.withDescription("missing or wrong bearer token"), new Metadata());
    return new ServerCall.Listener<>() {};
  }

  private boolean authorized(String header) {
    if (header == null
        || header.length() <= SCHEME.length()
        || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return false;
    }
    byte[] given = header.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
    // constant time: the comparison must not tell how much of a guessed token was right
    return MessageDigest.isEqual(given, token);
  }
}
