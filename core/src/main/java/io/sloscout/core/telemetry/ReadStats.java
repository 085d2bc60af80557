package io.sloscout.core.telemetry;

/**
 * What one read of OTLP/JSON input saw.
 *
 * @param lines lines read
 * @param bytes characters read, newlines included (bytes for ASCII input)
 * @param requests export requests parsed
 * @param spans spans delivered
 * @param logs log records delivered
 * @param problems bad lines and bad records skipped
 */
public record ReadStats(
    long lines, long bytes, long requests, long spans, long logs, long problems) {

  /** Nothing read. */
  public static final ReadStats EMPTY = new ReadStats(0, 0, 0, 0, 0, 0);

  /** The sum of two reads. */
  public ReadStats plus(ReadStats o) {
    return new ReadStats(
        lines + o.lines,
        bytes + o.bytes,
        requests + o.requests,
        spans + o.spans,
        logs + o.logs,
        problems + o.problems);
  }
}
