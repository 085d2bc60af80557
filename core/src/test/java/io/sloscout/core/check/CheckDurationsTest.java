package io.sloscout.core.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CheckDurationsTest {

  @ParameterizedTest
  @CsvSource({
    "30s, 30000, 30s",
    "2m, 120000, 2m",
    "1m30s, 90000, 1m30s",
    "500ms, 500, 500ms",
    "1h, 3600000, 1h",
    "90s, 90000, 1m30s"
  })
  void parsesAndFormatsCommandLineDurations(String text, long millis, String printed) {
    Duration d = CheckDurations.parse("--duration", text);
    assertThat(d.toMillis()).isEqualTo(millis);
    assertThat(CheckDurations.format(d)).isEqualTo(printed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "30", "s", "1.5s", "-1s", "0s", "5 m", "3d"})
  void rejectsWhatIsNotADurationNamingTheOption(String text) {
    assertThatThrownBy(() -> CheckDurations.parse("--timeout", text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--timeout: '" + text + "'");
  }
}
