package io.sloscout.collectors.ingest;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** OTLP requests built by hand for tests: spans with ids derived from a number. */
public final class OtlpSamples {

  private OtlpSamples() {}

  /** A string attribute. */
  public static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  /** A resource with {@code service.name}, or none when {@code service} is null. */
  public static Resource resource(String service) {
    Resource.Builder r = Resource.newBuilder().addAttributes(attribute("host.name", "node-1"));
    if (service != null) {
      r.addAttributes(attribute("service.name", service));
    }
    return r.build();
  }

  /** The 8-byte span id of span number {@code n}. */
  public static ByteString spanId(long n) {
    return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(n + 1).array());
  }

  /** A resource group of {@code count} spans numbered from {@code first}, each with a padding. */
  public static ResourceSpans resourceSpans(String service, long first, int count, int padding) {
    ScopeSpans.Builder scope =
        ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("test"));
    for (long n = first; n < first + count; n++) {
      Span.Builder span =
          Span.newBuilder()
              .setTraceId(
                  ByteString.copyFrom(ByteBuffer.allocate(16).putLong(7).putLong(n / 8).array()))
              .setSpanId(spanId(n))
              .setName("GET /product/{id}")
              .setKind(Span.SpanKind.SPAN_KIND_SERVER)
              .setStartTimeUnixNano(1_700_000_000_000_000_000L + n)
              .setEndTimeUnixNano(1_700_000_000_000_500_000L + n)
              .addAttributes(attribute("http.route", "/product/{id}"));
      if (padding > 0) {
        span.addAttributes(attribute("padding", "x".repeat(padding)));
      }
      scope.addSpans(span);
    }
    return ResourceSpans.newBuilder().setResource(resource(service)).addScopeSpans(scope).build();
  }

  /** A request of one resource group. */
  public static ExportTraceServiceRequest traces(String service, long first, int count) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(resourceSpans(service, first, count, 0))
        .build();
  }

  /** Every span id in a stored traces request, as hex. */
  public static List<String> spanIds(byte[] request) {
    try {
      return spanIds(ExportTraceServiceRequest.parseFrom(request));
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError("not a traces request", e);
    }
  }

  /** Every span id in {@code request}, as hex. */
  public static List<String> spanIds(ExportTraceServiceRequest request) {
    List<String> ids = new ArrayList<>();
    for (ResourceSpans rs : request.getResourceSpansList()) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span s : ss.getSpansList()) {
          ids.add(HexFormat.of().formatHex(s.getSpanId().toByteArray()));
        }
      }
    }
    return ids;
  }

  /** A gauge request of {@code points} data points for {@code service}. */
  public static ExportMetricsServiceRequest metrics(String service, int points) {
    Gauge.Builder gauge = Gauge.newBuilder();
    for (int i = 0; i < points; i++) {
      gauge.addDataPoints(
          NumberDataPoint.newBuilder()
              .setTimeUnixNano(1_700_000_000_000_000_000L + i)
              .setAsDouble(i)
              .addAttributes(attribute("instance", "i-" + i)));
    }
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .setResource(resource(service))
                .addScopeMetrics(
                    ScopeMetrics.newBuilder()
                        .addMetrics(Metric.newBuilder().setName("queue_depth").setGauge(gauge))))
        .build();
  }

  /** A logs request of {@code records} log records with the given body for {@code service}. */
  public static ExportLogsServiceRequest logs(String service, int records, String body) {
    ScopeLogs.Builder scope = ScopeLogs.newBuilder();
    for (int i = 0; i < records; i++) {
      scope.addLogRecords(
          LogRecord.newBuilder()
              .setTimeUnixNano(1_700_000_000_000_000_000L + i)
              .setBody(AnyValue.newBuilder().setStringValue(body)));
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder().setResource(resource(service)).addScopeLogs(scope))
        .build();
  }
}
