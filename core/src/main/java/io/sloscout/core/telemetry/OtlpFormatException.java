package io.sloscout.core.telemetry;

/** Input that is not valid OTLP/JSON; the message names the source and the line. */
public final class OtlpFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;

  /**
   * @param source the file or stream name
   * @param line the 1-based line the problem starts on, 0 when unknown
   * @param detail what is wrong
   */
  public OtlpFormatException(String source, long line, String detail) {
    super(source + (line > 0 ? ":" + line : "") + ": " + detail);
    this.source = source;
    this.line = line;
  }

  /** The file or stream name. */
  public String source() {
    return source;
  }

  /** The 1-based line, 0 when unknown. */
  public long line() {
    return line;
  }
}
