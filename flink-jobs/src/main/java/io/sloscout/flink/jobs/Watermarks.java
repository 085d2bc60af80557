package io.sloscout.flink.jobs;

import io.sloscout.flink.config.PipelineConfig;
import io.sloscout.flink.journey.SourcedSpan;
import io.sloscout.proto.v1.Event;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time of the jobs: bounded out-of-orderness per source partition ({@link
 * PartitionWatermarks}), and idleness so that a silent partition does not hold the watermark (and
 * every window) back.
 */
final class Watermarks {

  private Watermarks() {}

  /** Events by their own time; one without a time takes its Kafka record's. */
  static WatermarkStrategy<Event> forEvents(PipelineConfig.EventTime t) {
    WatermarkStrategy<Event> s =
        ctx ->
            new PartitionWatermarks<Event>(
                e -> e.getSourceTopic().hashCode() * 31 + e.getSourcePartition(),
                t.outOfOrderness(),
                t.idleness(),
                System::currentTimeMillis);
    return s.withTimestampAssigner(
        (e, recordTime) -> e.getTimeUnixNano() > 0 ? e.getTimeUnixNano() / 1_000_000 : recordTime);
  }

  /** Spans by their end: a trace is complete some time after its last span ended. */
  static WatermarkStrategy<SourcedSpan> forSpans(PipelineConfig.EventTime t) {
    WatermarkStrategy<SourcedSpan> s =
        ctx ->
            new PartitionWatermarks<SourcedSpan>(
                SourcedSpan::partition,
                t.outOfOrderness(),
                t.idleness(),
                System::currentTimeMillis);
    return s.withTimestampAssigner(
        (s2, recordTime) ->
            s2.span().endUnixNanos() > 0 ? s2.span().endUnixNanos() / 1_000_000 : recordTime);
  }
}
