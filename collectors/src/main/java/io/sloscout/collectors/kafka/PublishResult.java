package io.sloscout.collectors.kafka;

import java.util.concurrent.CompletableFuture;

/** What {@link KafkaPublisher#tryPublish} did with one record; it never blocks to decide. */
public sealed interface PublishResult {

  /**
   * Handed to the producer; {@code acknowledged} completes only once Kafka acknowledged the record
   * (acks=all), or fails with a {@link PublishException}.
   */
  record Submitted(CompletableFuture<Acknowledgement> acknowledged) implements PublishResult {
    public Submitted {
      if (acknowledged == null) {
        throw new IllegalArgumentException("acknowledged is required");
      }
    }
  }

  /**
   * Refused now because the in-flight byte budget is spent: the caller answers "try later" (gRPC
   * UNAVAILABLE, HTTP 503) instead of queueing without bound.
   */
  record WouldBlock(long inFlightBytes, long maxInFlightBytes) implements PublishResult {}

  /** Refused for good: the record alone is larger than the publisher accepts (HTTP 413). */
  record TooLarge(long recordBytes, long maxRecordBytes) implements PublishResult {}

  /** Refused because the publisher is closing or closed. */
  record Closed() implements PublishResult {}

  /** Where Kafka stored an acknowledged record. */
  record Acknowledgement(String topic, int partition, long offset) {}
}
