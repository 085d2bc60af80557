package io.sloscout.flink.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.sloscout.core.telemetry.LogRecord;
import io.sloscout.core.telemetry.Span;
import io.sloscout.core.telemetry.StatusCode;
import io.sloscout.flink.testing.Otlp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpProtoConverterTest {

  @Test
  void spansBecomeCoreSpansWithHexIdsAndTextValues() {
    byte[] request =
        Otlp.traces(
            "cart",
            List.of(
                Otlp.span(
                    Otlp.traceId(1),
                    Otlp.spanId(1, 1),
                    Otlp.spanId(1, 0),
                    "GET /cart",
                    SpanKind.SPAN_KIND_SERVER,
                    1_000,
                    500,
                    true,
                    Map.of("http.response.status_code", 503, "http.route", "/cart"))));
    OtlpProtoConverter.Decoded<Span> decoded = OtlpProtoConverter.spans(request);
    assertThat(decoded.problems()).isEmpty();
    Span s = decoded.items().get(0);
    assertThat(s.service()).isEqualTo("cart");
    assertThat(s.traceId()).hasSize(32).isEqualTo(OtlpProtoConverter.hex(Otlp.traceId(1)));
    assertThat(s.parentSpanId()).hasSize(16);
    assertThat(s.kind()).isEqualTo(io.sloscout.core.telemetry.SpanKind.SERVER);
    assertThat(s.status()).isEqualTo(StatusCode.ERROR);
    assertThat(s.durationNanos()).isEqualTo(500);
    assertThat(s.attributes()).containsEntry("http.response.status_code", "503");
  }

  @Test
  void valuesRenderAsTheJsonReaderRendersThem() {
    AnyValue array =
        AnyValue.newBuilder()
            .setArrayValue(
                ArrayValue.newBuilder()
                    .addValues(AnyValue.newBuilder().setStringValue("a"))
                    .addValues(AnyValue.newBuilder().setIntValue(2)))
            .build();
    assertThat(OtlpProtoConverter.anyValue(array)).isEqualTo("[a, 2]");
    assertThat(
            OtlpProtoConverter.attributes(
                List.of(
                    KeyValue.newBuilder()
                        .setKey("b")
                        .setValue(AnyValue.newBuilder().setBoolValue(true))
                        .build())))
        .containsEntry("b", "true");
  }

  @Test
  void aSpanWithoutTraceIdIsAProblemAndTheOthersStillCount() {
    byte[] request =
        Otlp.traces(
            "cart",
            List.of(
                Otlp.span(
                    Otlp.traceId(1),
                    Otlp.spanId(1, 0),
                    null,
                    "ok",
                    SpanKind.SPAN_KIND_SERVER,
                    1,
                    1,
                    false,
                    Map.of()),
                Otlp.span(
                    ByteString.EMPTY,
                    Otlp.spanId(1, 1),
                    null,
                    "bad",
                    SpanKind.SPAN_KIND_SERVER,
                    1,
                    1,
                    false,
                    Map.of())));
    OtlpProtoConverter.Decoded<Span> decoded = OtlpProtoConverter.spans(request);
    assertThat(decoded.items()).hasSize(1);
    assertThat(decoded.problems())
        .singleElement()
        .asString()
        .contains("spans[1]")
        .contains("traceId is missing");
  }

  @Test
  void bytesThatAreNoRequestAreMalformed() {
    assertThatThrownBy(
            () -> OtlpProtoConverter.spans("not protobuf {".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("ExportTraceServiceRequest");
    assertThatThrownBy(() -> OtlpProtoConverter.logs(new byte[] {(byte) 0xff, 1, 2}))
        .isInstanceOf(MalformedRecordException.class);
  }

  @Test
  void logsKeepBodySeverityAndTraceId() {
    byte[] request =
        Otlp.logs("cart", List.of(Otlp.log(42, 17, "boom for user 7", Otlp.traceId(3))));
    LogRecord r = OtlpProtoConverter.logs(request).items().get(0);
    assertThat(r.body()).isEqualTo("boom for user 7");
    assertThat(r.isError()).isTrue();
    assertThat(r.timeUnixNanos()).isEqualTo(42);
    assertThat(r.traceId()).hasSize(32);
  }
}
