package io.sloscout.flink.fingerprint;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Names a window's count by its template and minute. */
public final class MinuteCountFunction
    extends ProcessWindowFunction<Long, TemplateMinuteCount, String, TimeWindow> {

  private static final long serialVersionUID = 1L;

  @Override
  public void process(
      String templateId,
      Context context,
      Iterable<Long> counts,
      Collector<TemplateMinuteCount> out) {
    long n = counts.iterator().next();
    out.collect(new TemplateMinuteCount(templateId, context.window().getStart(), n));
  }
}
