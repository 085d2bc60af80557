package io.sloscout.flink.journey;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps each catalog row's running state (seen-times, a journey's services, an edge's call total)
 * and emits it as an absolute row: at once when the row is new or a journey reached a new service,
 * otherwise at the end of the event-time minute, so a busy row costs one write a minute. Replays
 * after a restore recompute the same totals from the restored state.
 */
public final class CatalogFunction extends KeyedProcessFunction<String, CatalogItem, CatalogItem> {

  private static final long serialVersionUID = 1L;
  private static final long MINUTE = 60_000;

  private transient ValueState<CatalogItem> row;
  private transient ValueState<Boolean> dirty;

  @Override
  public void open(OpenContext context) {
    row = getRuntimeContext().getState(new ValueStateDescriptor<>("row", CatalogItem.TYPE));
    dirty = getRuntimeContext().getState(new ValueStateDescriptor<>("dirty", Types.BOOLEAN));
  }

  @Override
  public void processElement(CatalogItem item, Context ctx, Collector<CatalogItem> out)
      throws Exception {
    CatalogItem before = row.value();
    CatalogItem now = before == null ? item : before.merge(item);
    row.update(now);
    if (before == null || now.services().size() > before.services().size()) {
      dirty.clear();
      out.collect(now);
      return;
    }
    dirty.update(true);
    long t = ctx.timerService().currentWatermark();
    long at = Math.max(now.lastSeenMillis(), t);
    ctx.timerService().registerEventTimeTimer(at - Math.floorMod(at, MINUTE) + MINUTE - 1);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<CatalogItem> out)
      throws Exception {
    if (Boolean.TRUE.equals(dirty.value())) {
      dirty.clear();
      out.collect(row.value());
    }
  }
}
