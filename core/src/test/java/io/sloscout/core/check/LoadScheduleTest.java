package io.sloscout.core.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadScheduleTest {

  @Test
  void schedulesRateTimesDurationRequestsAtFixedIntervals() {
    LoadSchedule s = new LoadSchedule(100, Duration.ofSeconds(3));
    assertThat(s.requests()).isEqualTo(300);
    assertThat(s.dueNanos(0)).isZero();
    assertThat(s.dueNanos(1)).isEqualTo(10_000_000L);
    assertThat(s.dueNanos(299)).isEqualTo(2_990_000_000L);
  }

  @Test
  void doesNotDriftOverALongRunWithAnAwkwardRate() {
    LoadSchedule s = new LoadSchedule(3, Duration.ofHours(1));
    assertThat(s.requests()).isEqualTo(10_800);
    // one third of a second is not a whole number of nanoseconds; the error must not add up
    assertThat(s.dueNanos(9_000)).isEqualTo(3_000_000_000_000L);
  }

  @Test
  void countsTheRequestsDueByAPointInTime() {
    LoadSchedule s = new LoadSchedule(10, Duration.ofSeconds(1));
    assertThat(s.dueBy(-1)).isZero();
    assertThat(s.dueBy(0)).isEqualTo(1);
    assertThat(s.dueBy(99_999_999)).isEqualTo(1);
    assertThat(s.dueBy(100_000_000)).isEqualTo(2);
    assertThat(s.dueBy(5_000_000_000L)).isEqualTo(10);
  }

  @Test
  void acceptsAFractionalRate() {
    assertThat(new LoadSchedule(0.5, Duration.ofSeconds(10)).requests()).isEqualTo(5);
  }

  @Test
  void rejectsSchedulesWithoutRequestsOrWithTooMany() {
    assertThatThrownBy(() -> new LoadSchedule(0, Duration.ofSeconds(1)))
        .hasMessageContaining("--rps");
    assertThatThrownBy(() -> new LoadSchedule(0.5, Duration.ofSeconds(1)))
        .hasMessageContaining("schedules no request");
    assertThatThrownBy(() -> new LoadSchedule(1_000_000, Duration.ofHours(1)))
        .hasMessageContaining("at most");
    assertThatThrownBy(() -> new LoadSchedule(10, Duration.ZERO))
        .hasMessageContaining("--duration");
  }
}
