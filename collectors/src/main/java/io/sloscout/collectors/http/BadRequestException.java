package io.sloscout.collectors.http;

/**
 * A request body the receiver cannot take, with the HTTP status to answer: 400 (malformed), 413
 * (too large) or 415 (unsupported content type or encoding); none of them is worth retrying.
 */
public final class BadRequestException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Malformed body: protobuf, JSON or compression that does not decode. */
  public static final int BAD_REQUEST = 400;

  /** Body larger than the receiver's limit, before or after decompression. */
  public static final int PAYLOAD_TOO_LARGE = 413;

  /** Content type or content encoding the endpoint does not take. */
  public static final int UNSUPPORTED_MEDIA_TYPE = 415;

  private final int status;

  private BadRequestException(int status, String message) {
    // no stack trace: this is an answer to a client, thrown per bad request, never a bug
    super(message, null, false, false);
    this.status = status;
  }

  /** A malformed body (400); {@code message} names what is wrong and where. */
  public static BadRequestException malformed(String message) {
    return new BadRequestException(BAD_REQUEST, message);
  }

  /** A body over the size limit (413). */
  public static BadRequestException tooLarge(String message) {
    return new BadRequestException(PAYLOAD_TOO_LARGE, message);
  }

  /** An unsupported content type or encoding (415). */
  public static BadRequestException unsupportedMediaType(String message) {
    return new BadRequestException(UNSUPPORTED_MEDIA_TYPE, message);
  }

  /** The HTTP status to answer: 400, 413 or 415. */
  public int status() {
    return status;
  }

  /** The metric reason label for this refusal. */
  String reason() {
    return switch (status) {
      case PAYLOAD_TOO_LARGE -> "too_large";
      case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
      default -> "invalid";
    };
  }
}
