package io.sloscout.flink.journey;

import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * One-minute event-time windows by the minute a request STARTED, not by the record's timestamp: a
 * request is only known once its trace is complete, after an inactivity gap, so its sample comes
 * late by design. With allowed lateness covering trace length and gap, the window fires again with
 * every request of its minute (absolute values).
 */
public final class RequestMinuteWindows extends WindowAssigner<RedSample, TimeWindow> {

  private static final long serialVersionUID = 1L;
  private static final long MINUTE = 60_000;

  @Override
  public Collection<TimeWindow> assignWindows(
      RedSample sample, long timestamp, WindowAssignerContext context) {
    long millis = sample.startNanos() / 1_000_000;
    long start = millis - Math.floorMod(millis, MINUTE);
    return List.of(new TimeWindow(start, start + MINUTE));
  }

  @Override
  public Trigger<RedSample, TimeWindow> getDefaultTrigger() {
    @SuppressWarnings("unchecked")
    Trigger<RedSample, TimeWindow> t =
        (Trigger<RedSample, TimeWindow>) (Trigger<?, ?>) EventTimeTrigger.create();
    return t;
  }

  @Override
  public TypeSerializer<TimeWindow> getWindowSerializer(ExecutionConfig executionConfig) {
    return new TimeWindow.Serializer();
  }

  @Override
  public boolean isEventTime() {
    return true;
  }

  @Override
  public String toString() {
    return "RequestMinuteWindows()";
  }
}
