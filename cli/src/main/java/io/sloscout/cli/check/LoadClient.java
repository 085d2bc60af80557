package io.sloscout.cli.check;

import java.time.Duration;

/**
 * Sends the one request of a load run; the seam between the open-loop {@link LoadDriver} and a
 * protocol (HTTP, gRPC).
 */
public interface LoadClient {

  /**
   * Starts one request without waiting for it; {@code outcome} is told exactly once how it ended,
   * on any thread.
   */
  void send(Outcome outcome);

  /** The per-request timeout; the driver waits that long (plus a grace) for the last answers. */
  Duration timeout();

  /** How one request ended. */
  interface Outcome {

    /**
     * The target answered with {@code status}.
     *
     * @param errorKind what kind of error the answer is, such as {@code http-5xx}; null when it is
     *     a success
     */
    void answered(int status, String errorKind);

    /** No answer came, for the reason {@code kind}, such as {@code timeout}. */
    void failed(String kind);
  }
}
