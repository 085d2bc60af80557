package io.sloscout.collectors.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import io.sloscout.collectors.http.HttpReceiver.LogIntake;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.TemporalAccessor;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns JSON log records (Fluent Bit's {@code http} output in {@code json}, {@code json_lines} or
 * {@code json_stream} format, or any NDJSON shipper) into one {@code ExportLogsServiceRequest}: a
 * {@code ResourceLogs} per service (resource attribute {@code service.name}), the body, time and
 * severity from the fields {@link LogIntake} names, trace context from {@code trace_id}/{@code
 * span_id} when they are valid hex, every other field an attribute (objects and arrays as OTLP
 * key-value lists and arrays).
 *
 * <p>A bad record does not sink the request: it is counted and the first problem is reported with
 * its line (or, in a JSON array, record) number. Pure and thread-safe.
 */
public final class LogIntakeConverter {

  /** The OTLP semantic-convention key of the service's name. */
  public static final String SERVICE_NAME = "service.name";

  /** The service of records that name none, as OTLP SDKs call it. */
  public static final String UNKNOWN_SERVICE = "unknown_service";

  /** How records are laid out in a body. */
  public enum Framing {
    /** One JSON array of record objects (Fluent Bit {@code format json}); a lone object too. */
    ARRAY,
    /**
     * JSON objects one per line (NDJSON, Fluent Bit {@code json_lines}), or several back to back on
     * a line (Fluent Bit {@code json_stream}).
     */
    LINES;

    /** ARRAY when the first significant character is {@code [}, else LINES. */
    public static Framing sniff(byte[] body) {
      for (int i = 0; i < body.length; i++) {
        int b = body[i] & 0xff;
        if (b == '[') {
          return ARRAY;
        }
        boolean bom = b == 0xef || b == 0xbb || b == 0xbf;
        if (b > ' ' && !bom) {
          return LINES;
        }
      }
      return LINES;
    }
  }

  /**
   * The request made of the good records.
   *
   * @param records the records in {@code request}
   * @param rejected the records (or unreadable line tails) left out
   * @param firstError the first rejection's reason with its line or record number; empty if none
   */
  public record Result(
      ExportLogsServiceRequest request, int records, int rejected, String firstError) {
    public Result {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(firstError, "firstError");
    }
  }

  // Below 1e11 a number is epoch seconds (up to year 5138), then milli-, micro-, nanoseconds:
  // shippers differ, and the magnitudes do not overlap for any date this software will see.
  private static final BigDecimal SECONDS_BELOW = new BigDecimal("1e11");
  private static final BigDecimal MILLIS_BELOW = new BigDecimal("1e14");
  private static final BigDecimal MICROS_BELOW = new BigDecimal("1e17");
  private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);
  private static final Pattern NUMBER = Pattern.compile("[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  // ISO-8601 and its usual variants: 'T' or a space between date and time, offset with or
  // without colon, 'Z', or none (then UTC)
  private static final DateTimeFormatter DATE_TIME =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalStart()
          .appendOffset("+HH:MM:ss", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHmm", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  /**
   * Values nested deeper than this become their JSON text: every level costs three protobuf message
   * levels, and readers of the Kafka topic parse with protobuf's limit of 100.
   */
  private static final int MAX_VALUE_DEPTH = 16;

  private static final List<String> TRACE_ID_FIELDS = List.of("trace_id", "traceId");
  private static final List<String> SPAN_ID_FIELDS = List.of("span_id", "spanId");

  private static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(256).build())
                  .build())
          // exact decimals: Fluent Bit's "date" is epoch seconds with microseconds
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final ObjectReader READER = MAPPER.readerFor(JsonNode.class);

  private final LogIntake intake;
  private final List<String> serviceFields;
  private final List<String> bodyFields;
  private final List<String> timeFields;
  private final List<String> severityFields;

  /** A converter reading the fields {@code intake} names. */
  public LogIntakeConverter(LogIntake intake) {
    this.intake = Objects.requireNonNull(intake, "intake");
    this.serviceFields = LogIntake.names(intake.serviceField());
    this.bodyFields = LogIntake.names(intake.bodyField());
    this.timeFields = LogIntake.names(intake.timeField());
    this.severityFields = LogIntake.names(intake.severityField());
  }

  /** The field names this converter reads. */
  public LogIntake intake() {
    return intake;
  }

  /**
   * Converts a body of JSON records.
   *
   * @param defaultService the service of records without a service field (from a header or query
   *     parameter, else {@link #UNKNOWN_SERVICE})
   * @param observedTimeUnixNano when the collector received the records
   * @throws BadRequestException when the body holds records but none is usable (400, naming the
   *     first problem), or a JSON array that does not parse
   */
  public Result convert(
      byte[] body, Framing framing, String defaultService, long observedTimeUnixNano)
      throws BadRequestException {
    Batch batch = new Batch(defaultService, observedTimeUnixNano);
    if (framing == Framing.ARRAY) {
      readArray(body, batch);
    } else {
      readLines(body, batch);
    }
    if (batch.records == 0 && batch.rejected > 0) {
      throw BadRequestException.malformed(
          "no usable log record (" + batch.rejected + " rejected); first: " + batch.firstError);
    }
    return new Result(batch.build(), batch.records, batch.rejected, batch.firstError);
  }

  private void readArray(byte[] body, Batch batch) throws BadRequestException {
    JsonNode root;
    try {
      root = READER.readTree(body);
    } catch (JsonProcessingException e) {
      throw BadRequestException.malformed("malformed JSON array: " + HttpBodyDecoder.describe(e));
    } catch (IOException e) {
      throw BadRequestException.malformed("malformed JSON array: " + e.getMessage());
    } catch (NumberFormatException e) {
      // Jackson's exact decimals refuse exponents like 1e17000000001 with this, not an IOException
      throw BadRequestException.malformed("malformed JSON array: number out of range");
    }
    if (root == null || root.isMissingNode()) {
      return; // empty body: nothing to store
    }
    if (root.isObject()) {
      batch.add((ObjectNode) root);
      return;
    }
    if (!root.isArray()) {
      throw BadRequestException.malformed(
          "expected a JSON array of log records, got " + kind(root));
    }
    for (int i = 0; i < root.size(); i++) {
      JsonNode record = root.get(i);
      if (record.isObject()) {
        batch.add((ObjectNode) record);
      } else {
        batch.reject("record " + (i + 1) + ": expected a JSON object, got " + kind(record));
      }
    }
  }

  private void readLines(byte[] body, Batch batch) {
    int line = 0;
    int start = 0;
    while (start <= body.length) {
      int end = start;
      while (end < body.length && body[end] != '\n') {
        end++;
      }
      line++;
      readLine(body, start, end, line, batch);
      start = end + 1;
    }
  }

  private void readLine(byte[] body, int start, int end, int line, Batch batch) {
    int from = start;
    int to = end;
    while (from < to && isBlank(body[from])) {
      from++;
    }
    while (to > from && isBlank(body[to - 1])) {
      to--;
    }
    if (from == to) {
      return; // blank lines separate nothing and are no records
    }
    // a parser, not readValues: that would unwrap a top-level array into its elements
    try (JsonParser parser = MAPPER.createParser(body, from, to - from)) {
      while (parser.nextToken() != null) {
        JsonNode record = MAPPER.readTree(parser);
        if (record.isObject()) {
          batch.add((ObjectNode) record);
        } else {
          batch.reject("line " + line + ": expected a JSON object, got " + kind(record));
        }
      }
    } catch (JsonProcessingException e) {
      batch.reject("line " + line + ": malformed JSON: " + HttpBodyDecoder.describe(e));
    } catch (IOException e) {
      batch.reject("line " + line + ": malformed JSON: " + e.getMessage());
    } catch (NumberFormatException e) {
      // Jackson's exact decimals refuse exponents like 1e17000000001 with this, not an IOException
      batch.reject("line " + line + ": malformed JSON: number out of range");
    }
  }

  private static boolean isBlank(byte b) {
    int c = b & 0xff;
    // ASCII whitespace and a UTF-8 byte order mark
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xef || c == 0xbb || c == 0xbf;
  }

  /** "an object", "a number", ...: what a JSON value is, for messages. */
  static String kind(JsonNode node) {
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isNull()) {
      return "null";
    }
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  /** The records of one body, grouped by service in order of first appearance. */
  private final class Batch {
    final String defaultService;
    final long observed;
    final Map<String, ScopeLogs.Builder> byService = new LinkedHashMap<>();
    int records;
    int rejected;
    String firstError = "";

    Batch(String defaultService, long observed) {
      this.defaultService = defaultService;
      this.observed = observed;
    }

    void reject(String error) {
      if (rejected == 0) {
        firstError = error;
      }
      rejected++;
    }

    void add(ObjectNode record) {
      Set<String> used = new HashSet<>();
      String service = defaultService;
      String named = firstText(record, serviceFields, used);
      if (named != null) {
        service = named;
      }
      LogRecord.Builder log = LogRecord.newBuilder().setObservedTimeUnixNano(observed);
      for (String field : bodyFields) {
        JsonNode value = record.get(field);
        if (value != null && !value.isNull()) {
          log.setBody(toAnyValue(value, 0));
          used.add(field);
          break;
        }
      }
      for (String field : timeFields) {
        JsonNode value = record.get(field);
        if (value != null) {
          OptionalLong nanos = timeUnixNano(value);
          if (nanos.isPresent()) {
            log.setTimeUnixNano(nanos.getAsLong());
            used.add(field);
            break;
          }
        }
      }
      for (String field : severityFields) {
        JsonNode value = record.get(field);
        if (value != null && value.isValueNode() && !value.isNull()) {
          String text = value.asText();
          log.setSeverityText(text);
          log.setSeverityNumber(severity(value));
          used.add(field);
          break;
        }
      }
      ByteString traceId = id(record, TRACE_ID_FIELDS, 16, used);
      ByteString spanId = id(record, SPAN_ID_FIELDS, 8, used);
      if (traceId != null) {
        log.setTraceId(traceId);
        if (spanId != null) {
          log.setSpanId(spanId);
        }
      } else if (spanId != null) {
        used.removeAll(SPAN_ID_FIELDS); // a span id alone means nothing: keep it as an attribute
      }
      for (Map.Entry<String, JsonNode> field : record.properties()) {
        if (!used.contains(field.getKey()) && !field.getValue().isNull()) {
          log.addAttributes(
              KeyValue.newBuilder()
                  .setKey(field.getKey())
                  .setValue(toAnyValue(field.getValue(), 0)));
        }
      }
      byService.computeIfAbsent(service, s -> ScopeLogs.newBuilder()).addLogRecords(log);
      records++;
    }

    ExportLogsServiceRequest build() {
      ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
      for (Map.Entry<String, ScopeLogs.Builder> entry : byService.entrySet()) {
        request.addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(
                            KeyValue.newBuilder()
                                .setKey(SERVICE_NAME)
                                .setValue(AnyValue.newBuilder().setStringValue(entry.getKey()))))
                .addScopeLogs(entry.getValue()));
      }
      return request.build();
    }
  }

  private static String firstText(ObjectNode record, List<String> fields, Set<String> used) {
    for (String field : fields) {
      JsonNode value = record.get(field);
      if (value != null && value.isValueNode() && !value.isNull() && !value.asText().isBlank()) {
        used.add(field);
        return value.asText().trim();
      }
    }
    return null;
  }

  private static ByteString id(
      ObjectNode record, List<String> fields, int bytes, Set<String> used) {
    for (String field : fields) {
      JsonNode value = record.get(field);
      if (value != null && value.isTextual()) {
        String hex = value.asText();
        if (hex.length() == 2 * bytes && OtlpJson.isHex(hex)) {
          used.add(field);
          return ByteString.copyFrom(HexFormat.of().parseHex(hex));
        }
      }
    }
    return null;
  }

  /** A JSON value as an OTLP AnyValue; nulls inside arrays become empty values. */
  static AnyValue toAnyValue(JsonNode node, int depth) {
    AnyValue.Builder value = AnyValue.newBuilder();
    if (node.isTextual()) {
      value.setStringValue(node.asText());
    } else if (node.isBoolean()) {
      value.setBoolValue(node.booleanValue());
    } else if (node.isIntegralNumber()) {
      if (node.canConvertToLong()) {
        value.setIntValue(node.longValue());
      } else {
        value.setStringValue(node.asText()); // beyond int64: keep every digit
      }
    } else if (node.isNumber()) {
      value.setDoubleValue(node.doubleValue());
    } else if (node.isContainerNode() && depth >= MAX_VALUE_DEPTH) {
      value.setStringValue(node.toString());
    } else if (node.isArray()) {
      ArrayValue.Builder array = ArrayValue.newBuilder();
      for (JsonNode element : node) {
        array.addValues(toAnyValue(element, depth + 1));
      }
      value.setArrayValue(array);
    } else if (node.isObject()) {
      KeyValueList.Builder list = KeyValueList.newBuilder();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        list.addValues(
            KeyValue.newBuilder()
                .setKey(field.getKey())
                .setValue(toAnyValue(field.getValue(), depth + 1)));
      }
      value.setKvlistValue(list);
    }
    return value.build();
  }

  /**
   * A time field as Unix nanoseconds: a number (epoch seconds as Fluent Bit's {@code double} and
   * {@code epoch} date formats send, or milli-, micro-, nanoseconds by magnitude), a numeric
   * string, or an ISO-8601 date-time (UTC when it has no offset); empty when it is none of them.
   */
  static OptionalLong timeUnixNano(JsonNode value) {
    if (value.isNumber()) {
      return fromEpoch(value.decimalValue());
    }
    if (!value.isTextual()) {
      return OptionalLong.empty();
    }
    String text = value.asText().trim();
    if (text.length() > 64) {
      return OptionalLong.empty();
    }
    if (NUMBER.matcher(text).matches()) {
      try {
        return fromEpoch(new BigDecimal(text));
      } catch (NumberFormatException | ArithmeticException e) {
        return OptionalLong.empty();
      }
    }
    try {
      TemporalAccessor parsed =
          DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
      OffsetDateTime time =
          parsed instanceof OffsetDateTime offset
              ? offset
              : ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
      long seconds = time.toEpochSecond();
      if (seconds < 0) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(
          Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), time.getNano()));
    } catch (DateTimeException | ArithmeticException e) {
      return OptionalLong.empty();
    }
  }

  private static OptionalLong fromEpoch(BigDecimal number) {
    if (number.signum() < 0 || number.scale() < -30 || number.scale() > 40) {
      // negative, or absurd exponents (1e-999999) that would cost to expand
      return OptionalLong.empty();
    }
    int toNanos;
    if (number.compareTo(SECONDS_BELOW) < 0) {
      toNanos = 9;
    } else if (number.compareTo(MILLIS_BELOW) < 0) {
      toNanos = 6;
    } else if (number.compareTo(MICROS_BELOW) < 0) {
      toNanos = 3;
    } else {
      toNanos = 0;
    }
    BigInteger nanos = number.movePointRight(toNanos).toBigInteger();
    return nanos.compareTo(MAX_NANOS) > 0
        ? OptionalLong.empty()
        : OptionalLong.of(nanos.longValueExact());
  }

  /**
   * The OTLP severity of a level: names (trace … fatal, and syslog's, mapped as the OpenTelemetry
   * log data model's appendix does) or pino/bunyan numbers (10 … 60); unspecified otherwise.
   */
  static SeverityNumber severity(JsonNode level) {
    if (level.isNumber()) {
      return switch (level.asInt()) {
        case 10 -> SeverityNumber.SEVERITY_NUMBER_TRACE;
        case 20 -> SeverityNumber.SEVERITY_NUMBER_DEBUG;
        case 30 -> SeverityNumber.SEVERITY_NUMBER_INFO;
        case 40 -> SeverityNumber.SEVERITY_NUMBER_WARN;
        case 50 -> SeverityNumber.SEVERITY_NUMBER_ERROR;
        case 60 -> SeverityNumber.SEVERITY_NUMBER_FATAL;
        default -> SeverityNumber.SEVERITY_NUMBER_UNSPECIFIED;
      };
    }
    return switch (level.asText().trim().toLowerCase(Locale.ROOT)) {
      case "trace", "finest", "finer" -> SeverityNumber.SEVERITY_NUMBER_TRACE;
      case "debug", "dbg", "fine", "config" -> SeverityNumber.SEVERITY_NUMBER_DEBUG;
      case "info", "information", "informational" -> SeverityNumber.SEVERITY_NUMBER_INFO;
      case "notice" -> SeverityNumber.SEVERITY_NUMBER_INFO2;
      case "warn", "warning" -> SeverityNumber.SEVERITY_NUMBER_WARN;
      case "error", "err", "severe" -> SeverityNumber.SEVERITY_NUMBER_ERROR;
      case "crit", "critical" -> SeverityNumber.SEVERITY_NUMBER_ERROR2;
      case "alert" -> SeverityNumber.SEVERITY_NUMBER_ERROR3;
      case "fatal", "panic", "emerg", "emergency" -> SeverityNumber.SEVERITY_NUMBER_FATAL;
      default -> SeverityNumber.SEVERITY_NUMBER_UNSPECIFIED;
    };
  }
}
