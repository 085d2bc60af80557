package io.sloscout.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sloscout.core.testing.Golden;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CheckReportWriterTest {

  private static final CheckReport REPORT =
      CheckReport.of(
          "http://127.0.0.1:8080/checkout",
          "POST",
          1.25,
          CheckAssertionTest.summary(),
          List.of(
              CheckAssertion.parse("error-rate<=0.01"),
              CheckAssertion.parse("latency-p95<=200ms"),
              CheckAssertion.parse("rps>=90")));

  @Test
  void jsonCarriesTheContractFieldsAndEachAssertion() throws Exception {
    JsonNode json = new ObjectMapper().readTree(CheckReportWriter.json(REPORT));
    assertThat(json.get("passed").asBoolean()).isFalse();
    assertThat(json.get("errorRate").asDouble()).isEqualTo(0.1);
    assertThat(json.get("requests").asLong()).isEqualTo(200);
    assertThat(json.get("latencyMs").get("p50").asDouble()).isEqualTo(10);
    assertThat(json.get("latencyMs").get("p90").asDouble()).isEqualTo(20);
    assertThat(json.get("latencyMs").get("p95").asDouble()).isEqualTo(30);
    assertThat(json.get("latencyMs").get("p99").asDouble()).isEqualTo(30);
    assertThat(json.get("latencyMs").get("max").asDouble()).isEqualTo(100);
    assertThat(json.get("achievedRps").asDouble()).isEqualTo(95);
    assertThat(json.get("statusCounts").get("500").asLong()).isEqualTo(20);
    assertThat(json.get("errorsByKind").get("http-5xx").asLong()).isEqualTo(20);
    JsonNode assertions = json.get("assertions");
    assertThat(assertions).hasSize(3);
    assertThat(assertions.get(0).get("expression").asText()).isEqualTo("error-rate<=0.01");
    assertThat(assertions.get(0).get("actual").asDouble()).isEqualTo(0.1);
    assertThat(assertions.get(0).get("passed").asBoolean()).isFalse();
    assertThat(assertions.get(1).get("passed").asBoolean()).isTrue();
    assertThat(assertions.get(2).get("limit").asDouble()).isEqualTo(90);
    assertThat(assertions.get(2).get("passed").asBoolean()).isTrue();
  }

  @Test
  void jsonWritesUnmeasuredLatencyAsNullAndRoundNumbersPlainly() throws Exception {
    LoadSummary none =
        new LoadSummary(
            100,
            1,
            100,
            100,
            0,
            100,
            new TreeMap<>(Map.of("connect", 100L)),
            new TreeMap<>(),
            LatencySummary.NONE,
            100,
            0);
    String text = CheckReportWriter.json(CheckReport.of("http://x", "GET", 0, none, List.of()));
    JsonNode json = new ObjectMapper().readTree(text);
    assertThat(json.get("latencyMs").get("p95").isNull()).isTrue();
    assertThat(json.get("passed").asBoolean()).isTrue();
    assertThat(text).contains("\"targetRps\" : 100,").doesNotContain("E+");
  }

  @Test
  void markdownMatchesTheGoldenFile() {
    Golden.assertMatches("check/report.md", CheckReportWriter.markdown(REPORT));
  }

  @Test
  void anSloVerdictOtherThanPromoteFailsTheReportAndIsWrittenWithItsReasons() throws Exception {
    CheckReport healthy =
        CheckReport.of(
            "http://127.0.0.1:8080/checkout",
            "GET",
            0,
            CheckAssertionTest.summary(),
            List.of(CheckAssertion.parse("latency-p95<=200ms")));
    CheckReport withSlo =
        healthy.withSlo(
            new SloEvaluation(
                "inconclusive",
                List.of("checkout-availability: 12 events over 1h, fewer than the 100 needed")));

    assertThat(healthy.passed()).isTrue();
    assertThat(withSlo.passed()).isFalse();
    assertThat(healthy.withSlo(new SloEvaluation("promote", List.of())).passed()).isTrue();
    JsonNode json = new ObjectMapper().readTree(CheckReportWriter.json(withSlo));
    assertThat(json.get("passed").asBoolean()).isFalse();
    assertThat(json.get("slo").get("decision").asText()).isEqualTo("inconclusive");
    assertThat(json.get("slo").get("reasons").get(0).asText()).contains("12 events");
    assertThat(new ObjectMapper().readTree(CheckReportWriter.json(healthy)).has("slo")).isFalse();
    Golden.assertMatches("check/report-slo.md", CheckReportWriter.markdown(withSlo));
  }
}
