package io.sloscout.collectors.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.sloscout.collectors.ingest.OtlpIngest;
import io.sloscout.collectors.ingest.OtlpWireScan;
import io.sloscout.collectors.ingest.Signal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Turns OTLP/HTTP request bodies into export requests: content encoding first (gzip, deflate,
 * identity; bounded, so a compression bomb stops at the limit), then protobuf (validated by a scan,
 * parsed only when needed) or OTLP/JSON by {@code Content-Type}. Pure: no I/O but the given bytes;
 * every bad input is a {@link BadRequestException} naming what is wrong.
 */
public final class HttpBodyDecoder {

  private static final int CHUNK = 16 * 1024;

  private HttpBodyDecoder() {}

  /**
   * A decoded OTLP export request: protobuf bodies are scanned ({@link OtlpWireScan}), not parsed,
   * until {@link #message()} asks for the message; JSON bodies are parsed.
   */
  public static final class OtlpRequest {
    private final Signal signal;
    private final WireFormat format;
    private final Message json;
    private final OtlpWireScan.Request scanned;

    private OtlpRequest(
        Signal signal, WireFormat format, Message json, OtlpWireScan.Request scanned) {
      this.signal = Objects.requireNonNull(signal, "signal");
      this.format = Objects.requireNonNull(format, "format");
      this.json = json;
      this.scanned = scanned;
    }

    /** A request parsed from OTLP/JSON. */
    static OtlpRequest json(Signal signal, Message message) {
      return new OtlpRequest(signal, WireFormat.JSON, Objects.requireNonNull(message), null);
    }

    /** A protobuf request, scanned. */
    static OtlpRequest protobuf(OtlpWireScan.Request scanned) {
      return new OtlpRequest(scanned.signal(), WireFormat.PROTOBUF, null, scanned);
    }

    public Signal signal() {
      return signal;
    }

    public WireFormat format() {
      return format;
    }

    /** The export request; a protobuf one is parsed on first use. */
    public Message message() {
      return scanned != null ? scanned.message() : json;
    }

    /** The exact protobuf bytes of the request; null for JSON. */
    public byte[] wireBytes() {
      return scanned != null ? scanned.bytes() : null;
    }

    /** The scanned protobuf request, for {@link OtlpIngest#submitBytes}; null for JSON. */
    public OtlpWireScan.Request scanned() {
      return scanned;
    }
  }

  /**
   * Decodes an OTLP/HTTP body for {@code signal}.
   *
   * @param contentType the {@code Content-Type} header (parameters such as charset are ignored)
   * @param contentEncoding the {@code Content-Encoding} header, or null
   * @param body the body as received (still compressed), at most {@code maxBytes} long
   * @param maxBytes the largest body accepted after decompression
   */
  public static OtlpRequest decodeOtlp(
      Signal signal, String contentType, String contentEncoding, byte[] body, long maxBytes)
      throws BadRequestException {
    WireFormat format =
        WireFormat.of(contentType)
            .orElseThrow(
                () ->
                    BadRequestException.unsupportedMediaType(
                        "unsupported Content-Type '"
                            + printable(contentType)
                            + "': OTLP/HTTP takes application/x-protobuf or application/json"));
    byte[] decoded = decompress(contentEncoding, body, maxBytes);
    return switch (format) {
      case PROTOBUF -> OtlpRequest.protobuf(scanProtobuf(signal, decoded));
      case JSON -> OtlpRequest.json(signal, OtlpJson.parse(signal, decoded));
    };
  }

  /**
   * {@code body} with its content coding removed, refusing more than {@code maxBytes} of output
   * (413) before it is all held in memory.
   */
  public static byte[] decompress(String contentEncoding, byte[] body, long maxBytes)
      throws BadRequestException {
    if (body.length > maxBytes) {
      throw tooLarge(maxBytes, "");
    }
    if (contentEncoding == null || contentEncoding.isBlank()) {
      return body;
    }
    // codings are listed in the order they were applied: undo them from the last
    String[] codings = contentEncoding.split(",");
    byte[] out = body;
    for (int i = codings.length - 1; i >= 0; i--) {
      String coding = codings[i].trim().toLowerCase(Locale.ROOT);
      switch (coding) {
        case "", "identity" -> {
          // nothing to undo
        }
        case "gzip", "x-gzip" -> out = inflate(out, coding, maxBytes);
        case "deflate" -> out = inflate(out, coding, maxBytes);
        default ->
            throw BadRequestException.unsupportedMediaType(
                "unsupported Content-Encoding '"
                    + printable(coding)
                    + "': this receiver takes gzip, deflate or identity");
      }
    }
    return out;
  }

  private static byte[] inflate(byte[] compressed, String coding, long maxBytes)
      throws BadRequestException {
    ByteArrayOutputStream out =
        new ByteArrayOutputStream((int) Math.min(maxBytes, 4L * compressed.length + CHUNK));
    try (InputStream in = open(compressed, coding)) {
      byte[] buffer = new byte[CHUNK];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) != -1) {
        total += n;
        if (total > maxBytes) {
          throw tooLarge(maxBytes, " after " + coding + " decompression");
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // ZipException, EOFException: corrupt or truncated compressed data
      throw BadRequestException.malformed(
          "malformed "
              + coding
              + " body: "
              + Objects.requireNonNullElse(e.getMessage(), e.toString()));
    }
    return out.toByteArray();
  }

  private static InputStream open(byte[] compressed, String coding) throws IOException {
    InputStream raw = new ByteArrayInputStream(compressed);
    return "deflate".equals(coding)
        ? new InflaterInputStream(raw)
        : new GZIPInputStream(raw, CHUNK);
  }

  /** {@code bytes} scanned as {@code signal}'s request; refused as {@link #parseProtobuf} would. */
  static OtlpWireScan.Request scanProtobuf(Signal signal, byte[] bytes) throws BadRequestException {
    try {
      return OtlpWireScan.scan(signal, bytes);
    } catch (InvalidProtocolBufferException e) {
      throw malformedProtobuf(signal, e);
    }
  }

  private static BadRequestException malformedProtobuf(
      Signal signal, InvalidProtocolBufferException e) {
    return BadRequestException.malformed(
        "malformed OTLP protobuf " + requestType(signal) + ": " + e.getMessage());
  }

  static Message parseProtobuf(Signal signal, byte[] bytes) throws BadRequestException {
    try {
      return parser(signal).parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw malformedProtobuf(signal, e);
    }
  }

  /** The protobuf parser of {@code signal}'s export request. */
  static Parser<? extends Message> parser(Signal signal) {
    return switch (signal) {
      case TRACES -> ExportTraceServiceRequest.parser();
      case METRICS -> ExportMetricsServiceRequest.parser();
      case LOGS -> ExportLogsServiceRequest.parser();
    };
  }

  /** A builder of {@code signal}'s export request. */
  static Message.Builder builder(Signal signal) {
    return switch (signal) {
      case TRACES -> ExportTraceServiceRequest.newBuilder();
      case METRICS -> ExportMetricsServiceRequest.newBuilder();
      case LOGS -> ExportLogsServiceRequest.newBuilder();
    };
  }

  /** The export request's message name, for error messages. */
  static String requestType(Signal signal) {
    return switch (signal) {
      case TRACES -> "ExportTraceServiceRequest";
      case METRICS -> "ExportMetricsServiceRequest";
      case LOGS -> "ExportLogsServiceRequest";
    };
  }

  static BadRequestException tooLarge(long maxBytes, String where) {
    return BadRequestException.tooLarge(
        "request body is larger than " + maxBytes + " bytes" + where);
  }

  /** A Jackson error without its source excerpt, with where it happened. */
  static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    var location = e.getLocation();
    if (message == null) {
      message = e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline);
    }
    if (location != null && location.getLineNr() > 0) {
      message += " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
    return message;
  }

  /** A header value safe to echo: at most 64 printable ASCII characters. */
  static String printable(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length() && out.length() < 64; i++) {
      char c = value.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }
}
