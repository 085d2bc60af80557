package io.sloscout.flink.journey;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns a window's accumulator into its minute row. A late request fires the window again with all
 * of its requests, so each output is the minute's absolute value.
 */
public final class RedMinuteFunction
    extends ProcessWindowFunction<RedAccumulator, RedMinute, String, TimeWindow> {

  private static final long serialVersionUID = 1L;

  @Override
  public void process(
      String seriesKey, Context context, Iterable<RedAccumulator> in, Collector<RedMinute> out) {
    RedAccumulator acc = in.iterator().next();
    String[] parts = seriesKey.split("\u0000", -1);
    out.collect(
        new RedMinute(
            parts[0].equals("j"),
            parts[1],
            parts[2],
            context.window().getStart(),
            acc.requests(),
            acc.errors(),
            acc.sketch(),
            acc.atOrUnder()));
  }
}
