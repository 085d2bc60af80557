package io.sloscout.flink.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.sloscout.core.telemetry.LogRecord;
import io.sloscout.core.telemetry.Resource;
import io.sloscout.core.telemetry.Span;
import io.sloscout.core.telemetry.SpanEvent;
import io.sloscout.core.telemetry.SpanKind;
import io.sloscout.core.telemetry.StatusCode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns OTLP protobuf export requests ({@code ExportTraceServiceRequest}, {@code
 * ExportLogsServiceRequest}) into core telemetry, rendering values as {@link
 * io.sloscout.core.telemetry.OtlpJsonReader} does for OTLP/JSON, so both paths see the same text. A
 * bad item is reported with its path and the rest of the request is still converted.
 */
public final class OtlpProtoConverter {

  private static final SpanKind[] KINDS = SpanKind.values();
  private static final StatusCode[] CODES = StatusCode.values();

  private OtlpProtoConverter() {}

  /**
   * What one request held.
   *
   * @param items the items converted, in request order
   * @param problems one line per item that could not be converted
   */
  public record Decoded<T>(List<T> items, List<String> problems) {
    public Decoded {
      items = List.copyOf(items);
      problems = List.copyOf(problems);
    }

    /** Items converted plus items left out. */
    public int total() {
      return items.size() + problems.size();
    }
  }

  /**
   * The spans of an {@code ExportTraceServiceRequest}.
   *
   * @throws MalformedRecordException when the bytes are not such a request
   */
  public static Decoded<Span> spans(byte[] bytes) {
    ExportTraceServiceRequest request;
    try {
      request = ExportTraceServiceRequest.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedRecordException("not an OTLP ExportTraceServiceRequest: " + brief(e));
    }
    if (request.getResourceSpansCount() == 0 && !request.getUnknownFields().asMap().isEmpty()) {
      // protobuf parses many byte strings as a message of unknown fields only
      throw new MalformedRecordException(
          "not an OTLP ExportTraceServiceRequest: no resourceSpans, only unknown fields");
    }
    List<Span> spans = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int r = 0;
    for (ResourceSpans rs : request.getResourceSpansList()) {
      Resource resource = new Resource(attributes(rs.getResource().getAttributesList()));
      int s = 0;
      for (ScopeSpans scope : rs.getScopeSpansList()) {
        int i = 0;
        for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
          try {
            spans.add(span(resource, span));
          } catch (IllegalArgumentException e) {
            problems.add(
                "resourceSpans[%d].scopeSpans[%d].spans[%d]: %s"
                    .formatted(r, s, i, e.getMessage()));
          }
          i++;
        }
        s++;
      }
      r++;
    }
    return new Decoded<>(spans, problems);
  }

  /**
   * The log records of an {@code ExportLogsServiceRequest}.
   *
   * @throws MalformedRecordException when the bytes are not such a request
   */
  public static Decoded<LogRecord> logs(byte[] bytes) {
    ExportLogsServiceRequest request;
    try {
      request = ExportLogsServiceRequest.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedRecordException("not an OTLP ExportLogsServiceRequest: " + brief(e));
    }
    if (request.getResourceLogsCount() == 0 && !request.getUnknownFields().asMap().isEmpty()) {
      throw new MalformedRecordException(
          "not an OTLP ExportLogsServiceRequest: no resourceLogs, only unknown fields");
    }
    List<LogRecord> logs = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int r = 0;
    for (ResourceLogs rl : request.getResourceLogsList()) {
      Resource resource = new Resource(attributes(rl.getResource().getAttributesList()));
      int s = 0;
      for (ScopeLogs scope : rl.getScopeLogsList()) {
        int i = 0;
        for (io.opentelemetry.proto.logs.v1.LogRecord log : scope.getLogRecordsList()) {
          try {
            logs.add(log(resource, log));
          } catch (IllegalArgumentException e) {
            problems.add(
                "resourceLogs[%d].scopeLogs[%d].logRecords[%d]: %s"
                    .formatted(r, s, i, e.getMessage()));
          }
          i++;
        }
        s++;
      }
      r++;
    }
    return new Decoded<>(logs, problems);
  }

  static Span span(Resource resource, io.opentelemetry.proto.trace.v1.Span s) {
    List<SpanEvent> events = new ArrayList<>(s.getEventsCount());
    for (io.opentelemetry.proto.trace.v1.Span.Event e : s.getEventsList()) {
      events.add(
          new SpanEvent(e.getName(), e.getTimeUnixNano(), attributes(e.getAttributesList())));
    }
    int kind = s.getKindValue();
    int code = s.getStatus().getCodeValue();
    return new Span(
        resource,
        id(s.getTraceId(), 16, "traceId", false),
        id(s.getSpanId(), 8, "spanId", false),
        id(s.getParentSpanId(), 8, "parentSpanId", true),
        s.getName(),
        kind >= 0 && kind < KINDS.length ? KINDS[kind] : SpanKind.UNSPECIFIED,
        s.getStartTimeUnixNano(),
        s.getEndTimeUnixNano(),
        code >= 0 && code < CODES.length ? CODES[code] : StatusCode.UNSET,
        s.getStatus().getMessage(),
        attributes(s.getAttributesList()),
        events);
  }

  static LogRecord log(Resource resource, io.opentelemetry.proto.logs.v1.LogRecord l) {
    long time = l.getTimeUnixNano();
    if (time == 0) {
      time = l.getObservedTimeUnixNano();
    }
    return new LogRecord(
        resource,
        time,
        l.getSeverityNumberValue(),
        l.getSeverityText(),
        anyValue(l.getBody()),
        id(l.getTraceId(), 16, "traceId", true),
        id(l.getSpanId(), 8, "spanId", true),
        attributes(l.getAttributesList()));
  }

  /** Attributes with values as text; later duplicates of a key win, as in OTLP/JSON. */
  static Map<String, String> attributes(List<KeyValue> list) {
    if (list.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new HashMap<>(list.size() * 2);
    for (KeyValue kv : list) {
      if (!kv.getKey().isEmpty()) {
        out.put(kv.getKey(), anyValue(kv.getValue()));
      }
    }
    return out;
  }

  /** An AnyValue as text; arrays as {@code [a, b]}, key-value lists as {@code {k=v}}. */
  static String anyValue(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue();
      case INT_VALUE -> Long.toString(v.getIntValue());
      case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
      case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray());
      case ARRAY_VALUE -> {
        List<String> items = new ArrayList<>();
        v.getArrayValue().getValuesList().forEach(item -> items.add(anyValue(item)));
        yield "[" + String.join(", ", items) + "]";
      }
      case KVLIST_VALUE -> {
        List<String> items = new ArrayList<>();
        v.getKvlistValue()
            .getValuesList()
            .forEach(kv -> items.add(kv.getKey() + "=" + anyValue(kv.getValue())));
        yield "{" + String.join(", ", items) + "}";
      }
      default -> "";
    };
  }

  /** A trace or span id as lower-case hex; empty (or all zeros) only where optional. */
  static String id(ByteString bytes, int length, String field, boolean optional) {
    if (bytes.isEmpty() || allZeros(bytes)) {
      if (optional) {
        return "";
      }
      throw new IllegalArgumentException(
          field + (bytes.isEmpty() ? " is missing" : " is all zeros"));
    }
    if (bytes.size() != length) {
      throw new IllegalArgumentException(field + " has " + bytes.size() + " bytes, not " + length);
    }
    return hex(bytes);
  }

  /** Lower-case hex of the bytes. */
  public static String hex(ByteString bytes) {
    StringBuilder sb = new StringBuilder(bytes.size() * 2);
    for (int i = 0; i < bytes.size(); i++) {
      byte b = bytes.byteAt(i);
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return sb.toString();
  }

  private static boolean allZeros(ByteString bytes) {
    for (int i = 0; i < bytes.size(); i++) {
      if (bytes.byteAt(i) != 0) {
        return false;
      }
    }
    return true;
  }

  private static String brief(InvalidProtocolBufferException e) {
    String m = String.valueOf(e.getMessage());
    int cut = m.indexOf('\n');
    return cut < 0 ? m : m.substring(0, cut);
  }
}
