package io.sloscout.collectors.http;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Real telemetry made by the OpenTelemetry SDK for one service: spans, metrics and log records as
 * the SDK's exporters get them, so a test can hand them to an OTLP exporter and see the result.
 */
final class Telemetry {

  private Telemetry() {}

  static Resource resource(String service) {
    return Resource.getDefault()
        .merge(
            Resource.create(
                Attributes.of(
                    AttributeKey.stringKey("service.name"),
                    service,
                    AttributeKey.stringKey("deployment.environment"),
                    "test")));
  }

  /** A server span with a child client span, as SDK span data. */
  static List<SpanData> spans(String service) {
    Collecting<SpanData> collected = new Collecting<>();
    SpanExporter exporter =
        new SpanExporter() {
          @Override
          public CompletableResultCode export(Collection<SpanData> spans) {
            collected.items.addAll(spans);
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
          }
        };
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(resource(service))
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build()) {
      Tracer tracer = provider.get("io.sloscout.test");
      Span server =
          tracer
              .spanBuilder("GET /cart/{id}")
              .setSpanKind(SpanKind.SERVER)
              .setAttribute("http.route", "/cart/{id}")
              .setAttribute("http.response.status_code", 200L)
              .startSpan();
      Scope scope = server.makeCurrent();
      try {
        tracer.spanBuilder("SELECT carts").setSpanKind(SpanKind.CLIENT).startSpan().end();
      } finally {
        scope.close();
      }
      server.end();
    }
    return List.copyOf(collected.items);
  }

  /** A counter and a histogram with a few points, as SDK metric data. */
  static List<MetricData> metrics(String service) {
    Collecting<MetricData> collected = new Collecting<>();
    MetricExporter exporter =
        new MetricExporter() {
          @Override
          public AggregationTemporality getAggregationTemporality(InstrumentType type) {
            return AggregationTemporality.CUMULATIVE;
          }

          @Override
          public CompletableResultCode export(Collection<MetricData> metrics) {
            collected.items.addAll(metrics);
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
          }
        };
    try (SdkMeterProvider provider =
        SdkMeterProvider.builder()
            .setResource(resource(service))
            .registerMetricReader(
                PeriodicMetricReader.builder(exporter).setInterval(Duration.ofHours(1)).build())
            .build()) {
      var meter = provider.get("io.sloscout.test");
      var requests = meter.counterBuilder("http.server.requests").build();
      var latency = meter.histogramBuilder("http.server.request.duration").setUnit("s").build();
      for (int i = 0; i < 20; i++) {
        Attributes route = Attributes.of(AttributeKey.stringKey("http.route"), "/cart/{id}");
        requests.add(1, route);
        latency.record(0.01 * i, route);
      }
      provider.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
    }
    return List.copyOf(collected.items);
  }

  /** A few log records at different severities, as SDK log data. */
  static List<LogRecordData> logs(String service) {
    Collecting<LogRecordData> collected = new Collecting<>();
    LogRecordExporter exporter =
        new LogRecordExporter() {
          @Override
          public CompletableResultCode export(Collection<LogRecordData> logs) {
            collected.items.addAll(logs);
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
          }
        };
    try (SdkLoggerProvider provider =
        SdkLoggerProvider.builder()
            .setResource(resource(service))
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter))
            .build()) {
      var logger = provider.get("io.sloscout.test");
      logger
          .logRecordBuilder()
          .setSeverity(Severity.INFO)
          .setBody("cart 42 loaded")
          .setAttribute(AttributeKey.stringKey("cart.id"), "42")
          .emit();
      logger.logRecordBuilder().setSeverity(Severity.ERROR).setBody("payment declined").emit();
    }
    return List.copyOf(collected.items);
  }

  private static final class Collecting<T> {
    final List<T> items = new CopyOnWriteArrayList<>();
  }
}
