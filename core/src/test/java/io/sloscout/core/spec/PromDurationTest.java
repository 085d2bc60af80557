package io.sloscout.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PromDurationTest {

  @ParameterizedTest
  @CsvSource({
    "5m, 300, 5m",
    "1h, 3600, 1h",
    "90m, 5400, 90m",
    "1h30m, 5400, 90m",
    "30d, 2592000, 30d",
    "4w, 2419200, 28d",
    "1d12h, 129600, 36h",
    "61s, 61, 1m1s",
    "1500ms, -1, ''",
    "2000ms, 2, 2s",
  })
  void parsesPrometheusNotationAndPrintsItCanonically(String text, long seconds, String printed) {
    if (seconds < 0) {
      assertThatThrownBy(() -> PromDuration.parse(text))
          .hasMessageContaining("whole number of seconds");
      return;
    }
    PromDuration d = PromDuration.parse(text);
    assertThat(d.seconds()).isEqualTo(seconds);
    assertThat(d).hasToString(printed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5", "m", "5 m", "-5m", "5min", "1.5h", "0s"})
  void rejectsWhatIsNotADuration(String text) {
    assertThatThrownBy(() -> PromDuration.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({"1h, 6h, -1", "1d, 24h, 0", "3d, 1d, 1"})
  void ordersByLength(String a, String b, int sign) {
    assertThat(Integer.signum(PromDuration.parse(a).compareTo(PromDuration.parse(b))))
        .isEqualTo(sign);
  }
}
