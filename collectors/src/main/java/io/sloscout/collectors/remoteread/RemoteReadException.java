package io.sloscout.collectors.remoteread;

/** A remote-read call failed; {@link #kind()} says whether the server, the network or the bytes. */
final class RemoteReadException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Where the failure lies; it decides whether falling back to SAMPLES can help. */
  enum Kind {
    /** No HTTP answer: connection refused, reset, timed out. */
    CONNECTION,
    /** The server answered with a non-2xx status. */
    HTTP_STATUS,
    /** The answer could not be decoded: content type, snappy, frames, CRC, protobuf, chunks. */
    BAD_RESPONSE
  }

  private final Kind kind;
  private final int status;

  RemoteReadException(Kind kind, String message) {
    this(kind, 0, message, null);
  }

  RemoteReadException(Kind kind, String message, Throwable cause) {
    this(kind, 0, message, cause);
  }

  RemoteReadException(Kind kind, int status, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
  }

  Kind kind() {
    return kind;
  }

  /** The HTTP status for {@link Kind#HTTP_STATUS}, else 0. */
  int status() {
    return status;
  }
}
