package io.sloscout.collectors.ingest;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.sloscout.core.redaction.Redactor;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Redacts OTLP export requests at the collector's edge with the pipeline's {@link Redactor}, so
 * that no PII reaches even the raw Kafka topics; returns a new message, the input is unchanged.
 *
 * <p>What is redacted: every string value of resource, scope, span, span event, span link, data
 * point, exemplar and log record attributes (nested arrays and key-value lists included; the
 * redactor's allow-list and secret keys apply by attribute key), span names, span event names, span
 * status messages and log bodies. Span names are meant to be low-cardinality, but instrumentations
 * do put raw URLs (with e-mail addresses or tokens) into them, and the Flink job redacts them too:
 * one rule for both places. Not redacted: metric names, descriptions and units, scope names and
 * versions, schema URLs, trace state, byte values.
 *
 * <p>Immutable and thread-safe.
 */
public final class EdgeRedaction {

  private final Redactor redactor;

  /** Edge redaction with {@code redactor}. */
  public EdgeRedaction(Redactor redactor) {
    this.redactor = Objects.requireNonNull(redactor, "redactor");
  }

  /**
   * {@code request} (an {@code ExportTraceServiceRequest}, {@code ExportMetricsServiceRequest} or
   * {@code ExportLogsServiceRequest}) redacted.
   */
  public Message redact(Message request) {
    if (request instanceof ExportTraceServiceRequest traces) {
      return redactTraces(traces);
    }
    if (request instanceof ExportMetricsServiceRequest metrics) {
      return redactMetrics(metrics);
    }
    if (request instanceof ExportLogsServiceRequest logs) {
      return redactLogs(logs);
    }
    throw new IllegalArgumentException(
        "not an OTLP export request: " + request.getDescriptorForType().getFullName());
  }

  /** {@code request} with its PII redacted. */
  public ExportTraceServiceRequest redactTraces(ExportTraceServiceRequest request) {
    ExportTraceServiceRequest.Builder out = request.toBuilder();
    for (ResourceSpans.Builder rs : out.getResourceSpansBuilderList()) {
      redactResource(rs.hasResource(), rs::getResourceBuilder);
      for (ScopeSpans.Builder ss : rs.getScopeSpansBuilderList()) {
        redactScope(ss.hasScope(), ss::getScopeBuilder);
        for (Span.Builder span : ss.getSpansBuilderList()) {
          span.setName(redactor.redactText(span.getName()));
          redactAttributes(span.getAttributesList(), span::clearAttributes, span::addAllAttributes);
          for (Span.Event.Builder event : span.getEventsBuilderList()) {
            event.setName(redactor.redactText(event.getName()));
            redactAttributes(
                event.getAttributesList(), event::clearAttributes, event::addAllAttributes);
          }
          for (Span.Link.Builder link : span.getLinksBuilderList()) {
            redactAttributes(
                link.getAttributesList(), link::clearAttributes, link::addAllAttributes);
          }
          if (span.hasStatus() && !span.getStatus().getMessage().isEmpty()) {
            span.getStatusBuilder().setMessage(redactor.redactText(span.getStatus().getMessage()));
          }
        }
      }
    }
    return out.build();
  }

  /** {@code request} with its PII redacted. */
  public ExportMetricsServiceRequest redactMetrics(ExportMetricsServiceRequest request) {
    ExportMetricsServiceRequest.Builder out = request.toBuilder();
    for (ResourceMetrics.Builder rm : out.getResourceMetricsBuilderList()) {
      redactResource(rm.hasResource(), rm::getResourceBuilder);
      for (ScopeMetrics.Builder sm : rm.getScopeMetricsBuilderList()) {
        redactScope(sm.hasScope(), sm::getScopeBuilder);
        for (Metric.Builder metric : sm.getMetricsBuilderList()) {
          redactAttributes(metric.getMetadataList(), metric::clearMetadata, metric::addAllMetadata);
          switch (metric.getDataCase()) {
            case GAUGE -> metric.getGaugeBuilder().getDataPointsBuilderList().forEach(this::number);
            case SUM -> metric.getSumBuilder().getDataPointsBuilderList().forEach(this::number);
            case HISTOGRAM ->
                metric.getHistogramBuilder().getDataPointsBuilderList().forEach(this::histogram);
            case EXPONENTIAL_HISTOGRAM ->
                metric
                    .getExponentialHistogramBuilder()
                    .getDataPointsBuilderList()
                    .forEach(this::exponential);
            case SUMMARY ->
                metric.getSummaryBuilder().getDataPointsBuilderList().forEach(this::summary);
            default -> {
              // DATA_NOT_SET: nothing to redact
            }
          }
        }
      }
    }
    return out.build();
  }

  /** {@code request} with its PII redacted. */
  public ExportLogsServiceRequest redactLogs(ExportLogsServiceRequest request) {
    ExportLogsServiceRequest.Builder out = request.toBuilder();
    for (ResourceLogs.Builder rl : out.getResourceLogsBuilderList()) {
      redactResource(rl.hasResource(), rl::getResourceBuilder);
      for (ScopeLogs.Builder sl : rl.getScopeLogsBuilderList()) {
        redactScope(sl.hasScope(), sl::getScopeBuilder);
        for (LogRecord.Builder log : sl.getLogRecordsBuilderList()) {
          if (log.hasBody()) {
            AnyValue body = log.getBody();
            AnyValue redacted = redactBody(body);
            if (redacted != body) {
              log.setBody(redacted);
            }
          }
          redactAttributes(log.getAttributesList(), log::clearAttributes, log::addAllAttributes);
        }
      }
    }
    return out.build();
  }

  private void number(NumberDataPoint.Builder point) {
    redactAttributes(point.getAttributesList(), point::clearAttributes, point::addAllAttributes);
    point.getExemplarsBuilderList().forEach(this::exemplar);
  }

  private void histogram(HistogramDataPoint.Builder point) {
    redactAttributes(point.getAttributesList(), point::clearAttributes, point::addAllAttributes);
    point.getExemplarsBuilderList().forEach(this::exemplar);
  }

  private void exponential(ExponentialHistogramDataPoint.Builder point) {
    redactAttributes(point.getAttributesList(), point::clearAttributes, point::addAllAttributes);
    point.getExemplarsBuilderList().forEach(this::exemplar);
  }

  private void summary(SummaryDataPoint.Builder point) {
    redactAttributes(point.getAttributesList(), point::clearAttributes, point::addAllAttributes);
  }

  private void exemplar(Exemplar.Builder exemplar) {
    redactAttributes(
        exemplar.getFilteredAttributesList(),
        exemplar::clearFilteredAttributes,
        exemplar::addAllFilteredAttributes);
  }

  private void redactResource(
      boolean present, java.util.function.Supplier<Resource.Builder> resource) {
    if (present) {
      Resource.Builder r = resource.get();
      redactAttributes(r.getAttributesList(), r::clearAttributes, r::addAllAttributes);
    }
  }

  private void redactScope(
      boolean present, java.util.function.Supplier<InstrumentationScope.Builder> scope) {
    if (present) {
      InstrumentationScope.Builder s = scope.get();
      redactAttributes(s.getAttributesList(), s::clearAttributes, s::addAllAttributes);
    }
  }

  /** Replaces the list through clear/addAll only when a value changed: most lists carry no PII. */
  private void redactAttributes(
      List<KeyValue> attributes,
      Runnable clear,
      java.util.function.Consumer<Iterable<KeyValue>> addAll) {
    List<KeyValue> redacted = redactKeyValues(attributes);
    if (redacted != attributes) {
      clear.run();
      addAll.accept(redacted);
    }
  }

  /** The same list when nothing changed, else a new one. */
  private List<KeyValue> redactKeyValues(List<KeyValue> attributes) {
    KeyValue[] out = null;
    for (int i = 0; i < attributes.size(); i++) {
      KeyValue kv = attributes.get(i);
      AnyValue redacted = redactValue(kv.getKey(), kv.getValue());
      if (redacted != kv.getValue()) {
        if (out == null) {
          out = attributes.toArray(KeyValue[]::new);
        }
        out[i] = kv.toBuilder().setValue(redacted).build();
      }
    }
    return out == null ? attributes : List.of(out);
  }

  /** The same instance when nothing changed. */
  private AnyValue redactValue(String key, AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE -> {
        String s = value.getStringValue();
        if (s.isEmpty()) {
          return value;
        }
        // the redactor applies its allow-list and secret keys per attribute key
        String r = redactor.redactAttributes(Map.of(key, s)).get(key);
        return r.equals(s) ? value : AnyValue.newBuilder().setStringValue(r).build();
      }
      case ARRAY_VALUE -> {
        List<AnyValue> values = value.getArrayValue().getValuesList();
        AnyValue[] out = null;
        for (int i = 0; i < values.size(); i++) {
          AnyValue r = redactValue(key, values.get(i));
          if (r != values.get(i)) {
            if (out == null) {
              out = values.toArray(AnyValue[]::new);
            }
            out[i] = r;
          }
        }
        return out == null
            ? value
            : AnyValue.newBuilder()
                .setArrayValue(ArrayValue.newBuilder().addAllValues(List.of(out)))
                .build();
      }
      case KVLIST_VALUE -> {
        List<KeyValue> values = value.getKvlistValue().getValuesList();
        List<KeyValue> r = redactKeyValues(values);
        return r == values
            ? value
            : AnyValue.newBuilder()
                .setKvlistValue(KeyValueList.newBuilder().addAllValues(r))
                .build();
      }
      default -> {
        return value;
      }
    }
  }

  /** A log body: a plain string goes through the text redactor, structured bodies by key. */
  private AnyValue redactBody(AnyValue body) {
    switch (body.getValueCase()) {
      case STRING_VALUE -> {
        String s = body.getStringValue();
        String r = redactor.redactText(s);
        return r.equals(s) ? body : AnyValue.newBuilder().setStringValue(r).build();
      }
      case ARRAY_VALUE, KVLIST_VALUE -> {
        // array elements without a key of their own: "body" is no allow-listed or secret key
        return redactValue("body", body);
      }
      default -> {
        return body;
      }
    }
  }
}
