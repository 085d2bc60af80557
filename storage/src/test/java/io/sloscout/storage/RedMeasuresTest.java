package io.sloscout.storage;

import static io.sloscout.storage.Fixtures.red;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.sloscout.core.journey.LatencyDistribution;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedMeasuresTest {

  private static final int BUCKETS = LatencyDistribution.BUCKETS_SECONDS.size();

  @Test
  void percentilesComeFromTheSketch() {
    RedMeasures m = red(0, 10, 20, 30, 40, 1000);
    // within the histogram's two significant digits
    assertThat(m.p50Ms()).isCloseTo(30.0, withinPercentage(1));
    assertThat(m.p99Ms()).isCloseTo(1000.0, withinPercentage(1));
  }

  @Test
  void totalsSumAndMerge() {
    RedMeasures total = RedMeasures.total(List.of(red(1, 10, 20), red(0, 30), red(2, 40, 50)));
    RedMeasures direct = red(3, 10, 20, 30, 40, 50);
    assertThat(total.requests()).isEqualTo(5);
    assertThat(total.errors()).isEqualTo(3);
    assertThat(total.atOrUnderBucket()).isEqualTo(direct.atOrUnderBucket());
    assertThat(total.p50Ms()).isEqualTo(direct.p50Ms());
    assertThat(total.p95Ms()).isEqualTo(direct.p95Ms());
    assertThat(RedMeasures.total(List.of())).isEqualTo(RedMeasures.none());
  }

  @Test
  void inconsistentCountsAreRefusedNamingTheField() {
    List<Long> zeros = Collections.nCopies(BUCKETS, 0L);
    assertThatThrownBy(() -> RedMeasures.of(1, 2, LatencySketch.empty(), zeros))
        .hasMessageContaining("errors must not exceed requests");
    assertThatThrownBy(() -> RedMeasures.of(1, -1, LatencySketch.empty(), zeros))
        .hasMessageContaining("errors must not be negative");
    assertThatThrownBy(() -> RedMeasures.of(1, 0, LatencySketch.empty(), List.of(1L)))
        .hasMessageContaining("atOrUnderBucket must have one count per bound");
    List<Long> shrinking = new ArrayList<>(Collections.nCopies(BUCKETS, 1L));
    shrinking.set(BUCKETS - 1, 0L);
    assertThatThrownBy(() -> RedMeasures.of(1, 0, LatencySketch.empty(), shrinking))
        .hasMessageContaining("atOrUnderBucket must grow");
    List<Long> negative = new ArrayList<>(zeros);
    negative.set(0, -1L);
    assertThatThrownBy(() -> RedMeasures.of(1, 0, LatencySketch.empty(), negative))
        .hasMessageContaining("atOrUnderBucket[0] must not be negative");
    assertThatThrownBy(() -> RedMeasures.of(1, 0, null, zeros))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("latency");
  }
}
