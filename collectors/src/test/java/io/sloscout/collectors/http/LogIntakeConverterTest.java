package io.sloscout.collectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.sloscout.collectors.http.HttpReceiver.LogIntake;
import io.sloscout.collectors.http.LogIntakeConverter.Framing;
import io.sloscout.collectors.http.LogIntakeConverter.Result;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LogIntakeConverterTest {

  private static final long OBSERVED = 1_800_000_000_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final LogIntakeConverter converter = new LogIntakeConverter(LogIntake.defaults());

  @Test
  void theRecordsServiceFieldWinsOverTheDefaultServiceAndRecordsAreGroupedByService()
      throws Exception {
    Result result =
        lines(
            """
            {"log":"a","service":"cart"}
            {"log":"b"}
            {"log":"c","service":"cart"}
            """,
            "from-header");

    assertThat(result.records()).isEqualTo(3);
    assertThat(result.request().getResourceLogsList())
        .extracting(LogIntakeConverterTest::service)
        .containsExactly("cart", "from-header");
    assertThat(result.request().getResourceLogs(0).getScopeLogs(0).getLogRecordsList())
        .extracting(r -> r.getBody().getStringValue())
        .containsExactly("a", "c");
  }

  @Test
  void bodyFallsBackToMessageAndStructuredBodiesStayStructured() throws Exception {
    Result result = lines("{\"message\":{\"event\":\"login\",\"ok\":true}}", "svc");

    AnyValue body = only(result).getBody();
    assertThat(body.getKvlistValue().getValuesList())
        .extracting(kv -> kv.getKey())
        .containsExactly("event", "ok");
    assertThat(only(result).getAttributesList()).isEmpty();
  }

  @Test
  void attributeValuesKeepTheirJsonTypes() throws Exception {
    LogRecord log =
        only(
            lines(
                "{\"log\":\"x\",\"n\":42,\"f\":1.5,\"b\":false,\"s\":\"t\",\"a\":[1,\"two\"],"
                    + "\"huge\":123456789012345678901234567890,\"gone\":null}",
                "svc"));

    assertThat(log.getAttributesList())
        .extracting(kv -> kv.getKey())
        .containsExactly("n", "f", "b", "s", "a", "huge");
    assertThat(log.getAttributes(0).getValue().getIntValue()).isEqualTo(42);
    assertThat(log.getAttributes(1).getValue().getDoubleValue()).isEqualTo(1.5);
    assertThat(log.getAttributes(2).getValue().getBoolValue()).isFalse();
    assertThat(log.getAttributes(4).getValue().getArrayValue().getValuesCount()).isEqualTo(2);
    assertThat(log.getAttributes(5).getValue().getStringValue())
        .isEqualTo("123456789012345678901234567890");
  }

  @Test
  void validHexTraceContextBecomesTheRecordsTraceAndSpanIds() throws Exception {
    LogRecord log =
        only(
            lines(
                "{\"log\":\"x\",\"trace_id\":\"0af7651916cd43dd8448eb211c80319c\","
                    + "\"span_id\":\"b7ad6b7169203331\",\"traceId\":\"not-hex\"}",
                "svc"));

    assertThat(log.getTraceId().size()).isEqualTo(16);
    assertThat(log.getSpanId().size()).isEqualTo(8);
    // what is not a valid id stays as it came
    assertThat(log.getAttributesList()).extracting(kv -> kv.getKey()).containsExactly("traceId");
  }

  @Test
  void timesInEveryUsualShapeBecomeUnixNanoseconds() throws Exception {
    assertThat(time("1700000000.123456")).hasValue(1_700_000_000_123_456_000L);
    assertThat(time("1700000000")).hasValue(1_700_000_000_000_000_000L);
    assertThat(time("1700000000123")).hasValue(1_700_000_000_123_000_000L);
    assertThat(time("1700000000123456")).hasValue(1_700_000_000_123_456_000L);
    assertThat(time("1700000000123456789")).hasValue(1_700_000_000_123_456_789L);
    assertThat(time("\"1700000000.5\"")).hasValue(1_700_000_000_500_000_000L);
    assertThat(time("\"2023-11-14T22:13:20Z\"")).hasValue(1_700_000_000_000_000_000L);
    assertThat(time("\"2023-11-14T23:13:20.25+01:00\"")).hasValue(1_700_000_000_250_000_000L);
    assertThat(time("\"2023-11-14T23:13:20+0100\"")).hasValue(1_700_000_000_000_000_000L);
    assertThat(time("\"2023-11-14 22:13:20\"")).hasValue(1_700_000_000_000_000_000L);
    assertThat(time("\"yesterday\"")).isEmpty();
    assertThat(time("-5")).isEmpty();
    assertThat(time("1e400")).isEmpty();
    assertThat(time("true")).isEmpty();
  }

  @Test
  void anUnreadableTimeStaysAsAnAttributeAndTheRecordIsKept() throws Exception {
    LogRecord log = only(lines("{\"log\":\"x\",\"date\":\"soon\"}", "svc"));

    assertThat(log.getTimeUnixNano()).isZero();
    assertThat(log.getObservedTimeUnixNano()).isEqualTo(OBSERVED);
    assertThat(log.getAttributes(0).getKey()).isEqualTo("date");
  }

  @Test
  void levelsMapToOtlpSeverities() throws Exception {
    assertThat(severity("\"WARNING\"")).isEqualTo(SeverityNumber.SEVERITY_NUMBER_WARN);
    assertThat(severity("\"err\"")).isEqualTo(SeverityNumber.SEVERITY_NUMBER_ERROR);
    assertThat(severity("\"notice\"")).isEqualTo(SeverityNumber.SEVERITY_NUMBER_INFO2);
    assertThat(severity("\"fatal\"")).isEqualTo(SeverityNumber.SEVERITY_NUMBER_FATAL);
    assertThat(severity("50")).isEqualTo(SeverityNumber.SEVERITY_NUMBER_ERROR);
    assertThat(severity("\"chatty\"")).isEqualTo(SeverityNumber.SEVERITY_NUMBER_UNSPECIFIED);
  }

  @Test
  void deeplyNestedValuesAreKeptAsJsonTextBeyondSixteenLevels() throws Exception {
    String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
    LogRecord log = only(lines("{\"log\":\"x\",\"deep\":" + deep + "}", "svc"));

    AnyValue value = log.getAttributes(0).getValue();
    for (int level = 0; level < 16; level++) {
      value = value.getKvlistValue().getValues(0).getValue();
    }
    assertThat(value.getStringValue()).startsWith("{\"a\":{\"a\":");
  }

  @Test
  void badLinesAreCountedWithTheFirstOnesLineNumber() throws Exception {
    Result result =
        lines(
            """
            {"log":"ok"}

            "just a string"
            {"log": broken
            {"log":"ok too"}
            """,
            "svc");

    assertThat(result.records()).isEqualTo(2);
    assertThat(result.rejected()).isEqualTo(2);
    assertThat(result.firstError()).isEqualTo("line 3: expected a JSON object, got a string");
  }

  @Test
  void aJsonArrayNamesBadRecordsByPosition() throws Exception {
    Result result =
        converter.convert(
            bytes("[{\"log\":\"a\"}, 7, {\"log\":\"b\"}]"), Framing.ARRAY, "svc", OBSERVED);

    assertThat(result.records()).isEqualTo(2);
    assertThat(result.firstError()).isEqualTo("record 2: expected a JSON object, got a number");
  }

  @Test
  void aBodyWithNothingUsableIsABadRequestNamingTheFirstProblem() {
    assertThatThrownBy(() -> lines("oops\n[1]", "svc"))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("line 1: malformed JSON")
        .extracting(e -> ((BadRequestException) e).status())
        .isEqualTo(400);
  }

  @Test
  void anEmptyBodyHasNoRecordsAndIsNoError() throws Exception {
    assertThat(lines("\n\n", "svc").records()).isZero();
    assertThat(converter.convert(new byte[0], Framing.ARRAY, "svc", OBSERVED).records()).isZero();
  }

  @Test
  void framingIsSniffedFromTheFirstSignificantCharacter() {
    assertThat(Framing.sniff(bytes("  \n[{}]"))).isEqualTo(Framing.ARRAY);
    assertThat(Framing.sniff(bytes("\uFEFF[{}]"))).isEqualTo(Framing.ARRAY);
    assertThat(Framing.sniff(bytes("{}\n{}"))).isEqualTo(Framing.LINES);
  }

  @Test
  void otherFieldNamesCanBeConfiguredAsCandidateLists() throws Exception {
    LogIntakeConverter custom =
        new LogIntakeConverter(
            new LogIntake("app, svc", "X-App", "app", "msg", "ts", "severity,lvl"));
    Result result =
        custom.convert(
            bytes("{\"svc\":\"billing\",\"msg\":\"hi\",\"ts\":1700000000,\"lvl\":\"error\"}"),
            Framing.LINES,
            "fallback",
            OBSERVED);

    LogRecord log = only(result);
    assertThat(service(result.request().getResourceLogs(0))).isEqualTo("billing");
    assertThat(log.getBody().getStringValue()).isEqualTo("hi");
    assertThat(log.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_ERROR);
    assertThat(log.getAttributesList()).isEmpty();
  }

  private Result lines(String body, String defaultService) throws BadRequestException {
    return converter.convert(bytes(body), Framing.LINES, defaultService, OBSERVED);
  }

  private static LogRecord only(Result result) {
    assertThat(result.records()).isEqualTo(1);
    return result.request().getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
  }

  private static OptionalLong time(String json) throws Exception {
    JsonNode node =
        new ObjectMapper()
            .enable(
                com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .readTree(json);
    return LogIntakeConverter.timeUnixNano(node);
  }

  private static SeverityNumber severity(String json) throws Exception {
    return LogIntakeConverter.severity(JSON.readTree(json));
  }

  private static String service(ResourceLogs logs) {
    return logs.getResource().getAttributes(0).getValue().getStringValue();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
