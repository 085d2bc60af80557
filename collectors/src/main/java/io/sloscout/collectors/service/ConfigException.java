package io.sloscout.collectors.service;

/**
 * The collector's configuration is wrong: the message names where (file, line and field, the
 * environment variable or the flag) and what is expected. A usage error (exit code 2).
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A configuration error with a message fit for a person. */
  public ConfigException(String message) {
    super(message);
  }

  /** A configuration error caused by {@code cause}. */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
