package io.sloscout.collectors.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.sloscout.collectors.ingest.OtlpWireScan;
import io.sloscout.collectors.ingest.Signal;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link OtlpWireScan} on requests the OpenTelemetry SDK's OTLP exporter encodes. */
class OtlpWireScanSdkTest {

  @Test
  void sdkRequestsAreScannedLikeTheyParse() throws Exception {
    for (Signal signal : Signal.values()) {
      byte[] one = encode(signal, "sdk-a");
      OtlpWireScan.Request scan = OtlpWireScan.scan(signal, one);
      Message parsed = HttpBodyDecoder.parseProtobuf(signal, one);

      assertThat(scan.service()).isEqualTo("sdk-a");
      assertThat(scan.items()).isEqualTo(items(parsed)).isPositive();
      assertThat(scan.groups()).isEqualTo(services(parsed).size());
      assertThat(scan.message()).isEqualTo(parsed);
    }
  }

  @Test
  void concatenatedSdkRequestsOfTwoServicesAreSeveralServices() throws Exception {
    for (Signal signal : Signal.values()) {
      // protobuf's concatenation merges: the resource groups of both requests
      byte[] a = encode(signal, "sdk-a");
      byte[] b = encode(signal, "sdk-b");
      byte[] both = new byte[a.length + b.length];
      System.arraycopy(a, 0, both, 0, a.length);
      System.arraycopy(b, 0, both, a.length, b.length);
      OtlpWireScan.Request scan = OtlpWireScan.scan(signal, both);
      Message parsed = HttpBodyDecoder.parseProtobuf(signal, both);

      assertThat(services(parsed)).containsExactly("sdk-a", "sdk-b");
      assertThat(scan.service()).isNull();
      assertThat(scan.singleService()).isFalse();
      assertThat(scan.items()).isEqualTo(items(parsed));
      assertThat(scan.groups()).isEqualTo(2);
    }
  }

  private static byte[] encode(Signal signal, String service) throws Exception {
    Marshaler marshaler =
        switch (signal) {
          case TRACES -> TraceRequestMarshaler.create(Telemetry.spans(service));
          case METRICS -> MetricsRequestMarshaler.create(Telemetry.metrics(service));
          case LOGS -> LogsRequestMarshaler.create(Telemetry.logs(service));
        };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    marshaler.writeBinaryTo(out);
    return out.toByteArray();
  }

  /** The service.name of every resource group, read from the parsed message. */
  private static List<String> services(Message request) {
    List<String> services = new ArrayList<>();
    for (Resource resource : resources(request)) {
      String name = "unknown_service";
      for (KeyValue kv : resource.getAttributesList()) {
        if (kv.getKey().equals("service.name")
            && kv.getValue().getValueCase() == AnyValue.ValueCase.STRING_VALUE
            && !kv.getValue().getStringValue().isEmpty()) {
          name = kv.getValue().getStringValue();
          break;
        }
      }
      services.add(name);
    }
    return services;
  }

  private static List<Resource> resources(Message request) {
    if (request
        instanceof io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest traces) {
      return traces.getResourceSpansList().stream().map(g -> g.getResource()).toList();
    }
    if (request
        instanceof
        io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest metrics) {
      return metrics.getResourceMetricsList().stream().map(g -> g.getResource()).toList();
    }
    var logs = (io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest) request;
    return logs.getResourceLogsList().stream().map(g -> g.getResource()).toList();
  }

  /** Spans, data points or log records, counted on the parsed message. */
  private static long items(Message request) {
    long n = 0;
    if (request
        instanceof io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest traces) {
      for (var g : traces.getResourceSpansList()) {
        for (var s : g.getScopeSpansList()) {
          n += s.getSpansCount();
        }
      }
    } else if (request
        instanceof
        io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest metrics) {
      for (var g : metrics.getResourceMetricsList()) {
        for (var s : g.getScopeMetricsList()) {
          for (var m : s.getMetricsList()) {
            n +=
                switch (m.getDataCase()) {
                  case GAUGE -> m.getGauge().getDataPointsCount();
                  case SUM -> m.getSum().getDataPointsCount();
                  case HISTOGRAM -> m.getHistogram().getDataPointsCount();
                  case EXPONENTIAL_HISTOGRAM -> m.getExponentialHistogram().getDataPointsCount();
                  case SUMMARY -> m.getSummary().getDataPointsCount();
                  case DATA_NOT_SET -> 0;
                };
          }
        }
      }
    } else {
      var logs = (io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest) request;
      for (var g : logs.getResourceLogsList()) {
        for (var s : g.getScopeLogsList()) {
          n += s.getLogRecordsCount();
        }
      }
    }
    return n;
  }
}
