package io.sloscout.collectors.service;

/**
 * The collector could not start: a port in use, Kafka unreachable or without its topics, an
 * unreadable token or certificate. The message says which and what to change.
 */
public final class StartupException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A start failure with a message fit for a person. */
  public StartupException(String message) {
    super(message);
  }

  /** A start failure caused by {@code cause}. */
  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
