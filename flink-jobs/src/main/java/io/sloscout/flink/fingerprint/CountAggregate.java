package io.sloscout.flink.fingerprint;

import io.sloscout.proto.v1.Event;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Counts the events of a window. */
public final class CountAggregate implements AggregateFunction<Event, Long, Long> {

  private static final long serialVersionUID = 1L;

  @Override
  public Long createAccumulator() {
    return 0L;
  }

  @Override
  public Long add(Event value, Long accumulator) {
    return accumulator + 1;
  }

  @Override
  public Long getResult(Long accumulator) {
    return accumulator;
  }

  @Override
  public Long merge(Long a, Long b) {
    return a + b;
  }
}
