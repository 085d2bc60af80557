package io.sloscout.collectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.Span;
import io.sloscout.collectors.http.HttpBodyDecoder.OtlpRequest;
import io.sloscout.collectors.ingest.Signal;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class HttpBodyDecoderTest {

  private static final long MAX = 1 << 20;
  private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
  private static final String SPAN_ID = "eee19b7ec3c1b174";

  @Test
  void protobufKeepsTheExactWireBytes() throws Exception {
    byte[] wire = HttpReceiverTest.traces("svc").toByteArray();

    OtlpRequest request =
        HttpBodyDecoder.decodeOtlp(Signal.TRACES, "application/x-protobuf", null, wire, MAX);

    assertThat(request.format()).isEqualTo(WireFormat.PROTOBUF);
    assertThat(request.wireBytes()).isSameAs(wire);
    assertThat(request.message()).isEqualTo(HttpReceiverTest.traces("svc"));
  }

  @Test
  void gzipAndDeflateBodiesAreInflatedAndTheInflatedBytesAreTheWireBytes() throws Exception {
    byte[] wire = HttpReceiverTest.traces("svc").toByteArray();

    OtlpRequest gzip =
        HttpBodyDecoder.decodeOtlp(
            Signal.TRACES, "application/x-protobuf", "gzip", gzip(wire), MAX);
    OtlpRequest deflate =
        HttpBodyDecoder.decodeOtlp(
            Signal.TRACES, "application/x-protobuf", "deflate", deflate(wire), MAX);

    assertThat(gzip.wireBytes()).isEqualTo(wire);
    assertThat(deflate.wireBytes()).isEqualTo(wire);
  }

  @Test
  void aTruncatedGzipBodyIsMalformed() throws Exception {
    byte[] gz = gzip(new byte[1000]);
    byte[] truncated = java.util.Arrays.copyOf(gz, gz.length / 2);

    assertThatThrownBy(
            () ->
                HttpBodyDecoder.decodeOtlp(
                    Signal.TRACES, "application/x-protobuf", "gzip", truncated, MAX))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("malformed gzip body")
        .extracting(e -> ((BadRequestException) e).status())
        .isEqualTo(400);
  }

  @Test
  void jsonIdsAreHexInEveryPlaceOtlpHasThem() throws Exception {
    String traces =
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\""
            + TRACE_ID
            + "\",\"spanId\":\""
            + SPAN_ID
            + "\",\"links\":[{\"traceId\":\""
            + TRACE_ID
            + "\",\"spanId\":\""
            + SPAN_ID
            + "\"}],\"parentSpanId\":\"\"}]}]}]}";
    Span span =
        ((ExportTraceServiceRequest) json(Signal.TRACES, traces))
            .getResourceSpans(0)
            .getScopeSpans(0)
            .getSpans(0);
    assertThat(span.getTraceId()).isEqualTo(bytes(TRACE_ID));
    assertThat(span.getSpanId()).isEqualTo(bytes(SPAN_ID));
    assertThat(span.getLinks(0).getTraceId()).isEqualTo(bytes(TRACE_ID));
    assertThat(span.getParentSpanId()).isEmpty();

    String logs =
        "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"traceId\":\""
            + TRACE_ID
            + "\",\"spanId\":\""
            + SPAN_ID
            + "\",\"severityNumber\":17,\"body\":{\"stringValue\":\"x\"}}]}]}]}";
    LogRecord log =
        ((ExportLogsServiceRequest) json(Signal.LOGS, logs))
            .getResourceLogs(0)
            .getScopeLogs(0)
            .getLogRecords(0);
    assertThat(log.getSpanId()).isEqualTo(bytes(SPAN_ID));
    assertThat(log.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_ERROR);

    String metrics =
        "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"g\",\"gauge\":"
            + "{\"dataPoints\":[{\"asInt\":\"5\",\"exemplars\":[{\"traceId\":\""
            + TRACE_ID
            + "\",\"spanId\":\""
            + SPAN_ID
            + "\",\"asDouble\":1.5}]}]}}]}]}]}";
    Exemplar exemplar =
        ((ExportMetricsServiceRequest) json(Signal.METRICS, metrics))
            .getResourceMetrics(0)
            .getScopeMetrics(0)
            .getMetrics(0)
            .getGauge()
            .getDataPoints(0)
            .getExemplars(0);
    assertThat(exemplar.getTraceId()).isEqualTo(bytes(TRACE_ID));
  }

  @Test
  void printingWritesIdsAsHexSoThatPrintThenParseIsTheIdentity() throws Exception {
    ExportMetricsServiceRequest metrics =
        ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(
                ResourceMetrics.newBuilder()
                    .addScopeMetrics(
                        ScopeMetrics.newBuilder()
                            .addMetrics(
                                Metric.newBuilder()
                                    .setName("g")
                                    .setGauge(
                                        Gauge.newBuilder()
                                            .addDataPoints(
                                                NumberDataPoint.newBuilder()
                                                    .setAsInt(5)
                                                    .setTimeUnixNano(1_700_000_000_000_000_000L)
                                                    .addExemplars(
                                                        Exemplar.newBuilder()
                                                            .setTraceId(bytes(TRACE_ID))
                                                            .setSpanId(bytes(SPAN_ID))))))))
            .build();

    String printed = OtlpJson.print(metrics);

    assertThat(printed).contains("\"traceId\":\"" + TRACE_ID + "\"");
    assertThat(OtlpJson.parse(Signal.METRICS, printed.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(metrics);
  }

  @Test
  void anIdOfTheWrongLengthIsMalformedWithItsPlace() {
    String logs =
        "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{},{\"traceId\":\"abcd\"}]}]}]}";

    assertThatThrownBy(() -> json(Signal.LOGS, logs))
        .isInstanceOf(BadRequestException.class)
        .hasMessage(
            "invalid traceId 'abcd' at resourceLogs[0].scopeLogs[0].logRecords[1]:"
                + " OTLP/JSON ids are hex strings of 32 digits");
  }

  @Test
  void jsonThatIsNotAnObjectOrHasWrongTypesIsMalformed() {
    assertThatThrownBy(() -> json(Signal.TRACES, "[]"))
        .hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> json(Signal.TRACES, "")).hasMessageContaining("empty OTLP/JSON body");
    assertThatThrownBy(
            () ->
                json(
                    Signal.TRACES,
                    "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"startTimeUnixNano\":\"soon\"}]}]}]}"))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("malformed OTLP/JSON ExportTraceServiceRequest");
  }

  @Test
  void snakeCaseFieldNamesAndUnknownFieldsAreTolerated() throws Exception {
    String logs =
        "{\"resource_logs\":[{\"scope_logs\":[{\"log_records\":[{\"span_id\":\""
            + SPAN_ID
            + "\",\"futureField\":[1,2]}]}]}],\"anotherOne\":true}";

    ExportLogsServiceRequest request = (ExportLogsServiceRequest) json(Signal.LOGS, logs);

    assertThat(request)
        .isEqualTo(
            ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(
                    ResourceLogs.newBuilder()
                        .addScopeLogs(
                            ScopeLogs.newBuilder()
                                .addLogRecords(LogRecord.newBuilder().setSpanId(bytes(SPAN_ID)))))
                .build());
  }

  @Test
  void contentTypeParametersAndCaseAreIgnored() throws Exception {
    OtlpRequest request =
        HttpBodyDecoder.decodeOtlp(
            Signal.TRACES,
            "Application/JSON; charset=utf-8",
            null,
            "{}".getBytes(StandardCharsets.UTF_8),
            MAX);

    assertThat(request.format()).isEqualTo(WireFormat.JSON);
    assertThat(request.wireBytes()).isNull();
  }

  @Test
  void aBodyOverTheLimitIsTooLargeBeforeAndAfterInflating() throws Exception {
    byte[] body = new byte[2048];

    assertThatThrownBy(
            () ->
                HttpBodyDecoder.decodeOtlp(
                    Signal.TRACES, "application/x-protobuf", null, body, 1024))
        .extracting(e -> ((BadRequestException) e).status())
        .isEqualTo(413);
    assertThatThrownBy(
            () ->
                HttpBodyDecoder.decodeOtlp(
                    Signal.TRACES, "application/x-protobuf", "gzip", gzip(body), 1024))
        .hasMessageContaining("after gzip decompression")
        .extracting(e -> ((BadRequestException) e).status())
        .isEqualTo(413);
  }

  private static Object json(Signal signal, String json) throws BadRequestException {
    return HttpBodyDecoder.decodeOtlp(
            signal, "application/json", null, json.getBytes(StandardCharsets.UTF_8), MAX)
        .message();
  }

  private static ByteString bytes(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }

  static byte[] gzip(byte[] data) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  private static byte[] deflate(byte[] data) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream deflater = new DeflaterOutputStream(out)) {
      deflater.write(data);
    }
    return out.toByteArray();
  }
}
