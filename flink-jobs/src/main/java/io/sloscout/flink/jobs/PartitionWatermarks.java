package io.sloscout.flink.jobs;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness per source partition, after decoding (event time lives inside the OTLP
 * payload): the watermark is the slowest active partition's, so a partition read ahead of the
 * others (a backlog after a restore, a backfill) does not make the others' items late. A partition
 * silent for the idleness timeout stops holding the watermark back, and event time starts moving
 * one idleness timeout after the first item, so that every assigned partition is known by then.
 *
 * @param <T> items that know their source partition
 */
final class PartitionWatermarks<T> implements WatermarkGenerator<T> {

  private final ToIntFunction<T> partition;
  private final long outOfOrderness;
  private final long idleness;
  private final Map<Integer, long[]> partitions = new HashMap<>(); // {max timestamp, last seen}
  private long emitted = Long.MIN_VALUE;
  private long firstSeen;
  private long started;

  private final LongSupplier clock;

  /**
   * @param partition the source partition of an item
   * @param clock processing time in milliseconds, for idleness
   */
  PartitionWatermarks(
      ToIntFunction<T> partition, Duration outOfOrderness, Duration idleness, LongSupplier clock) {
    this.partition = partition;
    this.clock = clock;
    this.outOfOrderness = outOfOrderness.toMillis();
    this.idleness = idleness.toMillis();
  }

  @Override
  public void onEvent(T event, long timestamp, WatermarkOutput output) {
    long[] p =
        partitions.computeIfAbsent(
            partition.applyAsInt(event), k -> new long[] {Long.MIN_VALUE, 0});
    p[0] = Math.max(p[0], timestamp);
    p[1] = clock.getAsLong();
    if (firstSeen == 0) {
      firstSeen = p[1];
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    long now = clock.getAsLong();
    if (started == 0) {
      started = now;
    }
    if (firstSeen == 0) {
      if (now - started >= idleness) {
        // this subtask reads no partition that has data: it must not hold the others back
        output.markIdle();
      }
      return;
    }
    if (now - firstSeen < idleness) {
      // a partition not heard from yet cannot hold the watermark back: give every assigned
      // partition one idleness period to show up before event time starts moving
      return;
    }
    long min = Long.MAX_VALUE;
    for (long[] p : partitions.values()) {
      if (now - p[1] < idleness) {
        min = Math.min(min, p[0]);
      }
    }
    if (min == Long.MAX_VALUE) {
      if (partitions.isEmpty()) {
        return;
      }
      // every partition is idle: the latest of them is the best guess of event time
      for (long[] p : partitions.values()) {
        min = min == Long.MAX_VALUE ? p[0] : Math.max(min, p[0]);
      }
      output.markIdle();
    }
    long watermark = min - outOfOrderness - 1;
    if (watermark > emitted) {
      emitted = watermark;
      output.emitWatermark(new Watermark(watermark));
    }
  }
}
