package io.sloscout.flink.journey;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Accumulates the RED values of a window's samples. */
public final class RedAggregate
    implements AggregateFunction<RedSample, RedAccumulator, RedAccumulator> {

  private static final long serialVersionUID = 1L;

  @Override
  public RedAccumulator createAccumulator() {
    return new RedAccumulator();
  }

  @Override
  public RedAccumulator add(RedSample sample, RedAccumulator acc) {
    acc.record(sample.durationNanos(), sample.failed());
    return acc;
  }

  @Override
  public RedAccumulator getResult(RedAccumulator acc) {
    return acc;
  }

  @Override
  public RedAccumulator merge(RedAccumulator a, RedAccumulator b) {
    a.add(b);
    return a;
  }
}
