package io.sloscout.collectors.kafka;

/** Kafka did not acknowledge a record; {@link #retryable()} says whether sending again may work. */
public final class PublishException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  /** A failure of one record, caused by the producer's {@code cause}. */
  public PublishException(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  /**
   * True when the record was not stored for a reason outside the record (broker down, timeout,
   * publisher closed): an OTLP client may retry; false when the record itself is refused.
   */
  public boolean retryable() {
    return retryable;
  }
}
