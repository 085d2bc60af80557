package io.sloscout.cli.check;

import io.grpc.CallOptions;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Readiness probes for a gRPC target, over the load client's own channel. */
public final class GrpcReadiness {

  /** The {@code --ready} form that asks the standard health service. */
  public static final String HEALTH = "grpc-health";

  private GrpcReadiness() {}

  /** Ready once the channel has connected (TCP, TLS when asked for, and the HTTP/2 handshake). */
  public static ReadinessProbe connected(GrpcLoadClient client) {
    return new ReadinessProbe() {
      @Override
      public String target() {
        return client.target().toString();
      }

      @Override
      public String expectation() {
        return "accept a gRPC connection";
      }

      @Override
      public Optional<String> notReady(Duration timeLeft) throws InterruptedException {
        ManagedChannel channel = client.managedChannel();
        ConnectivityState state = retryNow(channel);
        if (state != ConnectivityState.READY) {
          CountDownLatch changed = new CountDownLatch(1);
          channel.notifyWhenStateChanged(state, changed::countDown);
          changed.await(timeLeft.toNanos(), TimeUnit.NANOSECONDS);
          state = channel.getState(false);
        }
        return state == ConnectivityState.READY
            ? Optional.empty()
            : Optional.of("channel " + state);
      }
    };
  }

  /**
   * Ready once {@code grpc.health.v1.Health/Check} answers SERVING.
   *
   * @param service the service to ask about; empty for the server as a whole
   */
  public static ReadinessProbe health(GrpcLoadClient client, String service) {
    MethodDescriptor<byte[], byte[]> check = GrpcLoadClient.unary(GrpcHealth.CHECK);
    byte[] request = GrpcHealth.request(service);
    return new ReadinessProbe() {
      @Override
      public String target() {
        return client.target() + "/" + GrpcHealth.CHECK + (service.isEmpty() ? "" : " " + service);
      }

      @Override
      public String expectation() {
        return "report SERVING";
      }

      @Override
      public Optional<String> notReady(Duration timeLeft) {
        retryNow(client.managedChannel());
        try {
          byte[] response =
              ClientCalls.blockingUnaryCall(
                  client.channel(),
                  check,
                  CallOptions.DEFAULT.withDeadlineAfter(timeLeft.toNanos(), TimeUnit.NANOSECONDS),
                  request);
          int status = GrpcHealth.status(response);
          return status == GrpcHealth.SERVING
              ? Optional.empty()
              : Optional.of("last answer " + GrpcHealth.name(status));
        } catch (StatusRuntimeException e) {
          String description = e.getStatus().getDescription();
          return Optional.of(
              "last answer "
                  + e.getStatus().getCode()
                  + (description == null ? "" : ": " + description));
        } catch (IllegalArgumentException e) {
          return Optional.of("last answer malformed: " + e.getMessage());
        }
      }
    };
  }

  /**
   * Connects an idle channel and skips the reconnect backoff of a failed one: while waiting for a
   * service that starts later, backoff would otherwise add up to minutes after it is up.
   */
  private static ConnectivityState retryNow(ManagedChannel channel) {
    ConnectivityState state = channel.getState(true);
    if (state == ConnectivityState.TRANSIENT_FAILURE) {
      channel.resetConnectBackoff();
    }
    return state;
  }
}
