package io.sloscout.collectors.http;

import java.util.Locale;
import java.util.Optional;

/** The two OTLP/HTTP encodings; an answer goes out in the encoding its request came in. */
public enum WireFormat {
  /** Binary protobuf, {@code application/x-protobuf}. */
  PROTOBUF("application/x-protobuf"),
  /** The OTLP JSON mapping of protobuf (hex ids), {@code application/json}. */
  JSON("application/json");

  private final String mediaType;

  WireFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The media type, as sent in {@code Content-Type}. */
  public String mediaType() {
    return mediaType;
  }

  /** The format a {@code Content-Type} header names, ignoring parameters and case. */
  public static Optional<WireFormat> of(String contentType) {
    String type = mediaType(contentType);
    for (WireFormat f : values()) {
      if (f.mediaType.equals(type)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * The bare media type of a {@code Content-Type} header: lower case, parameters dropped; empty
   * when absent.
   */
  static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.trim().toLowerCase(Locale.ROOT);
  }
}
