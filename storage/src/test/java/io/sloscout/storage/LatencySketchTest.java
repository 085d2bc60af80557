package io.sloscout.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencySketchTest {

  @Test
  void bytesRoundTrip() {
    Histogram h = LatencySketch.newHistogram();
    h.recordValue(1_500);
    h.recordValue(250_000);
    LatencySketch sketch = LatencySketch.of(h);

    LatencySketch back = LatencySketch.fromBytes(sketch.toBytes());
    assertThat(back).isEqualTo(sketch);
    assertThat(back.histogram()).isEqualTo(h);
    assertThat(back.count()).isEqualTo(2);
  }

  @Test
  void mergingGivesThePercentilesOfAllValues() {
    Histogram fast = LatencySketch.newHistogram();
    Histogram slow = LatencySketch.newHistogram();
    Histogram all = LatencySketch.newHistogram();
    for (int i = 1; i <= 99; i++) {
      fast.recordValue(i * 100L);
      all.recordValue(i * 100L);
    }
    slow.recordValue(2_000_000);
    all.recordValue(2_000_000);

    LatencySketch merged =
        LatencySketch.merge(List.of(LatencySketch.of(fast), LatencySketch.of(slow)));

    assertThat(merged.count()).isEqualTo(100);
    for (double q : new double[] {0.5, 0.95, 0.99, 1.0}) {
      assertThat(merged.quantileMillis(q)).isEqualTo(LatencySketch.of(all).quantileMillis(q));
    }
  }

  @Test
  void emptyIsZero() {
    assertThat(LatencySketch.empty().count()).isZero();
    assertThat(LatencySketch.empty().quantileMillis(0.99)).isZero();
  }

  @Test
  void garbageIsRefusedNamingTheField() {
    assertThatThrownBy(() -> LatencySketch.fromBytes(new byte[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latencySketch");
    assertThatThrownBy(() -> LatencySketch.fromBytes(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("latencySketch");
  }
}
