package io.sloscout.flink.testing;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/** Builds OTLP protobuf requests for tests. */
public final class Otlp {

  private Otlp() {}

  public static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  public static KeyValue kv(String key, long value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setIntValue(value))
        .build();
  }

  public static Resource resource(String service) {
    return Resource.newBuilder().addAttributes(kv("service.name", service)).build();
  }

  /** A 16-byte trace id from a number. */
  public static ByteString traceId(long n) {
    return ByteString.copyFrom(
        ByteBuffer.allocate(16).putLong(0x5107_5c00_7000_0000L).putLong(n).array());
  }

  /** An 8-byte span id from two numbers. */
  public static ByteString spanId(long trace, int n) {
    return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(trace * 64 + n + 1).array());
  }

  /** One span. */
  public static Span span(
      ByteString traceId,
      ByteString spanId,
      ByteString parent,
      String name,
      Span.SpanKind kind,
      long startNanos,
      long durationNanos,
      boolean error,
      Map<String, Object> attributes) {
    Span.Builder s =
        Span.newBuilder()
            .setTraceId(traceId)
            .setSpanId(spanId)
            .setName(name)
            .setKind(kind)
            .setStartTimeUnixNano(startNanos)
            .setEndTimeUnixNano(startNanos + durationNanos)
            .setStatus(
                Status.newBuilder()
                    .setCode(
                        error
                            ? Status.StatusCode.STATUS_CODE_ERROR
                            : Status.StatusCode.STATUS_CODE_UNSET));
    if (parent != null) {
      s.setParentSpanId(parent);
    }
    attributes.forEach(
        (k, v) ->
            s.addAttributes(v instanceof Number n ? kv(k, n.longValue()) : kv(k, v.toString())));
    return s.build();
  }

  /** A traces request of one service. */
  public static byte[] traces(String service, List<Span> spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(resource(service))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans)))
        .build()
        .toByteArray();
  }

  /** One log record. */
  public static LogRecord log(long timeNanos, int severity, String body, ByteString traceId) {
    LogRecord.Builder b =
        LogRecord.newBuilder()
            .setTimeUnixNano(timeNanos)
            .setSeverityNumberValue(severity)
            .setBody(AnyValue.newBuilder().setStringValue(body));
    if (traceId != null) {
      b.setTraceId(traceId);
    }
    return b.build();
  }

  /** A logs request of one service. */
  public static byte[] logs(String service, List<LogRecord> records) {
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(resource(service))
                .addScopeLogs(ScopeLogs.newBuilder().addAllLogRecords(records)))
        .build()
        .toByteArray();
  }
}
