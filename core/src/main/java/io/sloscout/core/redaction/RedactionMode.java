package io.sloscout.core.redaction;

/** What a redacted value becomes. */
public enum RedactionMode {
  /** A typed placeholder such as {@code <EMAIL>}. */
  PLACEHOLDER,
  /**
   * A typed keyed pseudonym such as {@code <EMAIL:5f2c1a9e0b>}: the same value under the same key
   * gives the same pseudonym, so one user's events stay joinable without keeping the value.
   */
  HMAC
}
