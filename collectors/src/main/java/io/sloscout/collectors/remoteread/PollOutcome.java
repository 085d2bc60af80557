package io.sloscout.collectors.remoteread;

import java.util.Locale;
import java.util.Optional;

/**
 * What one poll of a target did: the position before ({@code fromExclusiveMs}) and after ({@code
 * toInclusiveMs}, equal to it where nothing was stored), what was published, and why it stopped
 * where it failed.
 *
 * @param series distinct series published
 * @param samples samples published (Kafka acknowledged)
 * @param records Kafka records published
 * @param format the response type the server answered with last, empty where none answered
 * @param error what went wrong, naming the target, for failed outcomes
 */
public record PollOutcome(
    String target,
    Status status,
    long fromExclusiveMs,
    long toInclusiveMs,
    int series,
    long samples,
    int records,
    Optional<ResponseFormat> format,
    Optional<String> error) {

  /** How a poll ended; {@link #label()} is the {@code outcome} label of the polls metric. */
  public enum Status {
    /** Everything up to {@code now - safetyLag} is in Kafka and the position is stored. */
    SUCCESS,
    /** The position was already at {@code now - safetyLag}: nothing to read. */
    UP_TO_DATE,
    /** No HTTP answer: connection refused, reset, timed out. */
    CONNECTION_FAILED,
    /** The target answered with an error status (after the SAMPLES fallback, where it applies). */
    HTTP_ERROR,
    /** The answer could not be decoded (content type, snappy, frames, CRC32C, chunks). */
    BAD_RESPONSE,
    /** Kafka did not acknowledge every record; the position stays. */
    PUBLISH_FAILED,
    /** The position file could not be read or written. */
    STATE_FAILED;

    /** The lower-case name used as a metric label. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public PollOutcome {
    if (target == null || status == null || format == null || error == null) {
      throw new IllegalArgumentException("target, status, format and error are required");
    }
  }

  /** Whether the poll left nothing behind: {@link Status#SUCCESS} or {@link Status#UP_TO_DATE}. */
  public boolean succeeded() {
    return status == Status.SUCCESS || status == Status.UP_TO_DATE;
  }
}
