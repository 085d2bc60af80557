package io.sloscout.flink.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.storage.LatencySketch;
import io.sloscout.storage.RedMeasures;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class RedAccumulatorTest {

  @Test
  void countsRequestsErrorsAndBucketsExactlyAndSurvivesACheckpoint() throws Exception {
    RedAccumulator acc = new RedAccumulator();
    acc.record(4_000_000, false); // 4 ms
    acc.record(80_000_000, true); // 80 ms
    acc.record(2_000_000_000L, false); // 2 s
    DataOutputSerializer out = new DataOutputSerializer(128);
    RedAccumulator.Serializer.INSTANCE.serialize(acc, out);
    RedAccumulator back =
        RedAccumulator.Serializer.INSTANCE.deserialize(
            new DataInputDeserializer(out.getCopyOfBuffer()));
    assertThat(back.requests()).isEqualTo(3);
    assertThat(back.errors()).isEqualTo(1);
    List<Long> buckets = new ArrayList<>();
    for (long n : back.atOrUnder()) {
      buckets.add(n);
    }
    // bounds 0.005 0.01 0.025 0.05 0.075 0.1 0.25 0.5 0.75 1 2.5 5 7.5 10 s
    assertThat(buckets).containsExactly(1L, 1L, 1L, 1L, 1L, 2L, 2L, 2L, 2L, 2L, 3L, 3L, 3L, 3L);
    RedMeasures red = RedMeasures.of(3, 1, LatencySketch.fromBytes(back.sketch()), buckets);
    assertThat(red.p50Ms()).isBetween(79.0, 81.0);
  }

  @Test
  void requestsFallIntoTheMinuteTheyStarted() {
    RequestMinuteWindows windows = new RequestMinuteWindows();
    long startNanos = (120_000L + 59_999) * 1_000_000; // 00:02:59.999
    var w =
        windows.assignWindows(
            new RedSample(true, "j", "", startNanos, 1, false), 999_999_999L, null);
    assertThat(w)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.getStart()).isEqualTo(120_000);
              assertThat(t.getEnd()).isEqualTo(180_000);
            });
  }
}
