package io.sloscout.collectors.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * What became of one OTLP export request; receivers map it onto their protocol's answer (OTLP spec,
 * "Failures" and "Partial success").
 */
public sealed interface IngestResult {

  /**
   * Kafka acknowledged every record of the request except the items counted in {@code
   * rejectedItems}, which were dropped for good (gRPC OK / HTTP 200 with {@code partial_success}).
   *
   * @param errorMessage why items were rejected; empty when none were
   */
  record Accepted(long acceptedItems, long rejectedItems, String errorMessage)
      implements IngestResult {
    public Accepted {
      if (acceptedItems < 0 || rejectedItems < 0) {
        throw new IllegalArgumentException("item counts must not be negative");
      }
      Objects.requireNonNull(errorMessage, "errorMessage");
    }
  }

  /**
   * Not stored now, worth sending again after {@code retryAfter}: backpressure, Kafka unreachable,
   * the collector draining (gRPC UNAVAILABLE with {@code RetryInfo}, HTTP 503 with {@code
   * Retry-After}).
   */
  record Throttled(Duration retryAfter, String reason) implements IngestResult {
    public Throttled {
      if (retryAfter == null || retryAfter.isNegative()) {
        throw new IllegalArgumentException("retryAfter must be zero or positive");
      }
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Refused for good: sending the same request again cannot succeed (gRPC INVALID_ARGUMENT, HTTP
   * 400, or 413 when {@link #tooLarge()}).
   */
  record Refused(String reason, boolean tooLarge) implements IngestResult {
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }

    /** A refusal for any reason but size. */
    public Refused(String reason) {
      this(reason, false);
    }
  }
}
