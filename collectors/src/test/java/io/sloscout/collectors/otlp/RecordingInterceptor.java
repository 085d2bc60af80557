package io.sloscout.collectors.otlp;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records the bytes of every request message exactly as the receiver got them off the wire
 * (decompressed), before the receiver reads them: what a test compares Kafka's records with.
 */
final class RecordingInterceptor implements ServerInterceptor {

  /** One request message: its method and bytes. */
  record Received(String method, byte[] bytes) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();

  /** {@code service} seeing its messages as streams, recorded on their way through. */
  ServerServiceDefinition decorate(ServerServiceDefinition service) {
    return ServerInterceptors.intercept(ServerInterceptors.useInputStreamMessages(service), this);
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
        next.startCall(call, headers)) {
      @Override
      @SuppressWarnings("unchecked")
      public void onMessage(Q message) {
        byte[] bytes;
        try (InputStream in = (InputStream) message) {
          bytes = in.readAllBytes();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (StatusRuntimeException e) {
          // over the size limit while inflating: answer as grpc would
          call.close(e.getStatus(), new Metadata());
          return;
        }
        received.add(new Received(method, bytes));
        super.onMessage((Q) new ByteArrayInputStream(bytes));
      }
    };
  }
}
