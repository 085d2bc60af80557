package io.sloscout.flink.fingerprint;

import io.sloscout.core.fingerprint.Match;
import io.sloscout.core.fingerprint.MinerConfig;
import io.sloscout.core.fingerprint.TemplateMiner;
import io.sloscout.flink.events.EventMapper;
import io.sloscout.flink.events.TemplateIds;
import io.sloscout.proto.v1.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Gives every redacted event its template, keyed by service: log bodies and plain span names go
 * through core's {@link TemplateMiner} (one for logs, one for span names, per service, in keyed
 * state so that a restore keeps template ids stable); route templates come in finished. Template
 * rows go to {@link #TEMPLATES}: at once when a template appears or its text generalises, and at
 * the end of each event-time minute for those seen in it (their count and last-seen time).
 */
public final class FingerprintFunction extends KeyedProcessFunction<String, Event, Event> {

  private static final long serialVersionUID = 1L;

  /** Template rows to upsert. */
  public static final OutputTag<TemplateChange> TEMPLATES =
      new OutputTag<>("templates", TypeInformation.of(TemplateChange.class));

  private static final long MINUTE = 60_000;

  private final int maxClustersPerService;

  private transient ValueState<TemplateMiner> logMiner;
  private transient ValueState<TemplateMiner> spanMiner;
  private transient MapState<String, TemplateStats> known;
  private transient Counter templates;

  /**
   * @param maxClustersPerService clusters each miner keeps; the least recently used is evicted
   */
  public FingerprintFunction(int maxClustersPerService) {
    this.maxClustersPerService = maxClustersPerService;
  }

  @Override
  public void open(OpenContext context) {
    var ctx = getRuntimeContext();
    logMiner = ctx.getState(new ValueStateDescriptor<>("log-miner", TemplateMinerSerializer.TYPE));
    spanMiner =
        ctx.getState(new ValueStateDescriptor<>("span-miner", TemplateMinerSerializer.TYPE));
    known =
        ctx.getMapState(
            new MapStateDescriptor<>(
                "templates", Types.STRING, TypeInformation.of(TemplateStats.class)));
    templates = ctx.getMetricGroup().counter("templates");
  }

  @Override
  public void processElement(Event event, Context ctx, Collector<Event> out) throws Exception {
    String kind = EventMapper.kindOf(event);
    String service = event.getService();
    Event result = event;
    if (event.getTemplateId().isEmpty()) {
      ValueState<TemplateMiner> state = kind.equals(EventMapper.LOG) ? logMiner : spanMiner;
      TemplateMiner miner = state.value();
      boolean created = miner == null;
      if (created) {
        miner = new TemplateMiner(MinerConfig.DEFAULTS.withMaxClusters(maxClustersPerService));
      }
      Match match = miner.add(event.getTemplate());
      String id = TemplateIds.of(kind, service, match.clusterId());
      TemplateStats before = known.get(id);
      if (created || before == null || !match.template().equals(before.template())) {
        // On the heap backend the miner in state is this very object, changed in place; update()
        // matters for backends that copy, and is paid only when a template appears or changes.
        state.update(miner);
      }
      result = event.toBuilder().setTemplateId(id).setTemplate(match.template()).build();
    }
    long time = ctx.timestamp() == null ? 0 : ctx.timestamp();
    String id = result.getTemplateId();
    TemplateStats stats = known.get(id);
    if (stats == null || !stats.template().equals(result.getTemplate())) {
      templates.inc();
      long first = stats == null ? time : Math.min(stats.firstSeenMillis(), time);
      long count = stats == null ? 1 : stats.count() + 1;
      TemplateStats now = new TemplateStats(kind, result.getTemplate(), count, first, time, false);
      known.put(id, now);
      ctx.output(TEMPLATES, change(id, service, now));
    } else {
      known.put(
          id,
          new TemplateStats(
              kind,
              stats.template(),
              stats.count() + 1,
              Math.min(stats.firstSeenMillis(), time),
              Math.max(stats.lastSeenMillis(), time),
              true));
      ctx.timerService().registerEventTimeTimer(time - Math.floorMod(time, MINUTE) + MINUTE - 1);
    }
    out.collect(result);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Event> out) throws Exception {
    List<Map.Entry<String, TemplateStats>> dirty = new ArrayList<>();
    for (Map.Entry<String, TemplateStats> e : known.entries()) {
      if (e.getValue().dirty()) {
        dirty.add(Map.entry(e.getKey(), e.getValue()));
      }
    }
    for (Map.Entry<String, TemplateStats> e : dirty) {
      TemplateStats s = e.getValue();
      known.put(
          e.getKey(),
          new TemplateStats(
              s.kind(), s.template(), s.count(), s.firstSeenMillis(), s.lastSeenMillis(), false));
      ctx.output(TEMPLATES, change(e.getKey(), ctx.getCurrentKey(), s));
    }
  }

  private static TemplateChange change(String id, String service, TemplateStats s) {
    return new TemplateChange(
        id, service, s.kind(), s.template(), s.firstSeenMillis(), s.lastSeenMillis(), s.count());
  }
}
