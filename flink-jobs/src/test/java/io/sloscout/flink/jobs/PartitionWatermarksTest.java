package io.sloscout.flink.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class PartitionWatermarksTest {

  private long now = 1_000;
  private final Output out = new Output();
  private final PartitionWatermarks<Integer> generator =
      new PartitionWatermarks<>(p -> p, Duration.ofSeconds(1), Duration.ofSeconds(5), () -> now);

  @Test
  void theSlowestActivePartitionHoldsTheWatermark() {
    generator.onEvent(0, 100_000, out);
    generator.onEvent(1, 10_000, out);
    generator.onPeriodicEmit(out);
    assertThat(out.watermarks).as("no watermark before every partition had a chance").isEmpty();
    now += 5_000;
    generator.onEvent(0, 100_000, out);
    generator.onEvent(1, 10_000, out);
    generator.onPeriodicEmit(out);
    assertThat(out.watermarks).containsExactly(10_000L - 1_000 - 1);
  }

  @Test
  void anIdlePartitionStopsHoldingItBack() {
    generator.onEvent(1, 10_000, out);
    now += 5_000;
    generator.onEvent(0, 100_000, out);
    generator.onPeriodicEmit(out);
    assertThat(out.watermarks).containsExactly(100_000L - 1_000 - 1);
  }

  @Test
  void aSubtaskWithoutDataGoesIdle() {
    generator.onPeriodicEmit(out);
    now += 5_000;
    generator.onPeriodicEmit(out);
    assertThat(out.idle).isTrue();
    assertThat(out.watermarks).isEmpty();
  }

  private static final class Output implements WatermarkOutput {
    final List<Long> watermarks = new ArrayList<>();
    boolean idle;

    @Override
    public void emitWatermark(Watermark watermark) {
      watermarks.add(watermark.getTimestamp());
      idle = false;
    }

    @Override
    public void markIdle() {
      idle = true;
    }

    @Override
    public void markActive() {
      idle = false;
    }
  }
}
