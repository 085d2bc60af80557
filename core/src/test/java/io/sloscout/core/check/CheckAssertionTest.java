package io.sloscout.core.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckAssertionTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "error-rate<=0.01      | ERROR_RATE  | AT_MOST  | 0.01",
        "error-rate < 1%       | ERROR_RATE  | BELOW    | 0.01",
        "latency-p95<=200ms    | LATENCY_P95 | AT_MOST  | 200",
        "latency-p50<=0.25s    | LATENCY_P50 | AT_MOST  | 250",
        "latency-p90<1500us    | LATENCY_P90 | BELOW    | 1.5",
        "latency-p99 <= 300    | LATENCY_P99 | AT_MOST  | 300",
        "LATENCY-MAX<=2s       | LATENCY_MAX | AT_MOST  | 2000",
        "rps>=100              | RPS         | AT_LEAST | 100",
        "rps>99.5              | RPS         | ABOVE    | 99.5",
      })
  void parsesEachMetricOperatorAndUnit(
      String text, CheckMetric metric, Comparison comparison, double limit) {
    CheckAssertion a = CheckAssertion.parse(text);
    assertThat(a.metric()).isEqualTo(metric);
    assertThat(a.comparison()).isEqualTo(comparison);
    assertThat(a.limit()).isCloseTo(limit, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(a.expression()).isEqualTo(text.trim());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "latency-p95          | expected METRIC OP VALUE",
        "latency-p95=200ms    | expected METRIC OP VALUE",
        "latency-p42<=200ms   | unknown metric 'latency-p42'",
        "latency-p95<=fast    | 'fast' is not a number",
        "latency-p95<=200%    | latency takes ms, s or us",
        "error-rate<=5ms      | error-rate takes a ratio or %",
        "error-rate<=2        | between 0 and 1",
        "rps>=100ms           | rps takes a plain number",
        "rps>=-5              | '-5' is not a number",
      })
  void rejectsBadExpressionsNamingThem(String text, String why) {
    assertThatThrownBy(() -> CheckAssertion.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--assert '" + text + "'")
        .hasMessageContaining(why);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "error-rate<=0.10   | true",
        "error-rate<0.10    | false",
        "error-rate<=0.099  | false",
        "latency-p50<=10ms  | true",
        "latency-p90<=19ms  | false",
        "latency-p95<=30ms  | true",
        "latency-p99<30ms   | false",
        "latency-max<=100ms | true",
        "latency-max<=99ms  | false",
        "rps>=95            | true",
        "rps>95             | false",
      })
  void evaluatesAgainstTheMeasuredFigure(String text, boolean holds) {
    AssertionResult r = CheckAssertion.parse(text).evaluate(summary());
    assertThat(r.passed()).as("%s on actual %s", text, r.actual()).isEqualTo(holds);
  }

  @ParameterizedTest
  @CsvSource({"latency-p95<=1000ms", "latency-max>=0ms"})
  void aLatencyThatWasNeverMeasuredFailsEveryLimit(String text) {
    LoadSummary noResponses =
        new LoadSummary(
            10,
            1,
            10,
            10,
            0,
            10,
            new TreeMap<>(Map.of("connect", 10L)),
            new TreeMap<>(),
            LatencySummary.NONE,
            10,
            0);
    assertThat(CheckAssertion.parse(text).evaluate(noResponses).passed()).isFalse();
  }

  static LoadSummary summary() {
    return new LoadSummary(
        100,
        2,
        200,
        200,
        200,
        20,
        new TreeMap<>(Map.of("http-5xx", 20L)),
        new TreeMap<>(Map.of(200, 180L, 500, 20L)),
        new LatencySummary(10, 20, 30, 30, 100),
        95,
        1.5);
  }
}
