package io.sloscout.flink.otlp;

/** A Kafka record whose value is not what its topic promises; the message says why. */
public final class MalformedRecordException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public MalformedRecordException(String message) {
    super(message);
  }
}
