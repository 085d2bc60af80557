package io.sloscout.flink.journey;

import io.sloscout.core.fingerprint.UrlPathTemplater;
import io.sloscout.core.journey.Classification;
import io.sloscout.core.journey.JourneyKey;
import io.sloscout.core.journey.NoiseRules;
import io.sloscout.core.journey.Operations;
import io.sloscout.core.journey.TraceClassifier;
import io.sloscout.core.journey.TraceKind;
import io.sloscout.core.telemetry.Span;
import io.sloscout.core.telemetry.SpanKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Assembles the redacted spans of one trace (keyed by trace id) in event time and, once no span of
 * it arrived for the inactivity gap (the watermark passed its last span's end plus the gap),
 * classifies it with core's {@link TraceClassifier}. A user journey's entry request and the
 * operations its spans served become {@link RedSample}s; every trace adds its services and
 * operations, and a journey its row and call edges, to the catalog ({@link #CATALOG}).
 *
 * <p>This is core's {@code TraceAssembler} in Flink state: the same rule (a trace is complete after
 * an idle gap of event time, late spans of a closed trace are counted and dropped), but with the
 * open traces in checkpointed keyed state and the gap timed by watermarks.
 */
public final class TraceAssemblyFunction extends KeyedProcessFunction<String, Span, RedSample> {

  private static final long serialVersionUID = 1L;

  /** Catalog sightings: services, operations, journeys, call edges. */
  public static final OutputTag<CatalogItem> CATALOG = new OutputTag<>("catalog", CatalogItem.TYPE);

  private static final long MINUTE = 60_000;

  private final long gapMillis;
  private final long lateMillis;
  private final int maxSpans;

  private transient ListState<Span> spans;
  private transient ValueState<Integer> count;
  private transient ValueState<Long> deadline;
  private transient ValueState<Long> closedUntil;
  private transient TraceClassifier classifier;
  private transient Operations operations;
  private transient Counter traces;
  private transient Counter journeys;
  private transient Counter lateSpans;
  private transient Counter droppedSpans;
  private transient Counter lateRequests;

  /**
   * @param inactivityGap a trace is complete when no span of it arrived for this long
   * @param allowedLateness how long closed traces are remembered (to count their late spans) and
   *     how late a request may come for its minute
   * @param maxSpansPerTrace spans kept per trace
   */
  public TraceAssemblyFunction(
      Duration inactivityGap, Duration allowedLateness, int maxSpansPerTrace) {
    this.gapMillis = inactivityGap.toMillis();
    this.lateMillis = allowedLateness.toMillis();
    this.maxSpans = maxSpansPerTrace;
  }

  @Override
  public void open(OpenContext context) {
    var ctx = getRuntimeContext();
    spans = ctx.getListState(new ListStateDescriptor<>("spans", SpanSerializer.TYPE));
    count = ctx.getState(new ValueStateDescriptor<>("count", Types.INT));
    deadline = ctx.getState(new ValueStateDescriptor<>("deadline", Types.LONG));
    closedUntil = ctx.getState(new ValueStateDescriptor<>("closed-until", Types.LONG));
    operations = new Operations(UrlPathTemplater::template);
    classifier = new TraceClassifier(NoiseRules.DEFAULTS, operations);
    var metrics = ctx.getMetricGroup();
    traces = metrics.counter("traces");
    journeys = metrics.counter("journeyRequests");
    lateSpans = metrics.counter("lateSpans");
    droppedSpans = metrics.counter("droppedSpans");
    lateRequests = metrics.counter("lateRequests");
  }

  @Override
  public void processElement(Span span, Context ctx, Collector<RedSample> out) throws Exception {
    if (closedUntil.value() != null) {
      // its trace was analysed already: re-opening it would count the request twice
      lateSpans.inc();
      return;
    }
    Integer n = count.value();
    int have = n == null ? 0 : n;
    if (have >= maxSpans) {
      droppedSpans.inc();
    } else {
      spans.add(span);
      count.update(have + 1);
    }
    long end = ctx.timestamp() == null ? span.endUnixNanos() / 1_000_000 : ctx.timestamp();
    Long current = deadline.value();
    long next = end + gapMillis;
    if (current == null || next > current) {
      if (current != null) {
        ctx.timerService().deleteEventTimeTimer(current);
      }
      ctx.timerService().registerEventTimeTimer(next);
      deadline.update(next);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<RedSample> out)
      throws Exception {
    Long due = deadline.value();
    if (due != null && due == timestamp) {
      List<Span> trace = new ArrayList<>();
      spans.get().forEach(trace::add);
      spans.clear();
      count.clear();
      deadline.clear();
      long forgetAt = timestamp + lateMillis;
      closedUntil.update(forgetAt);
      ctx.timerService().registerEventTimeTimer(forgetAt);
      close(trace, ctx, out);
      return;
    }
    Long closed = closedUntil.value();
    if (closed != null && timestamp >= closed) {
      closedUntil.clear();
    }
  }

  private void close(List<Span> trace, OnTimerContext ctx, Collector<RedSample> out) {
    traces.inc();
    long watermark = ctx.timerService().currentWatermark();
    // every trace adds what it touched to the catalog, user journey or not
    Map<String, CatalogItem> catalog = new LinkedHashMap<>();
    Map<String, Span> byId = new HashMap<>();
    for (Span s : trace) {
      byId.put(s.spanId(), s);
      long millis = s.startUnixNanos() / 1_000_000;
      add(catalog, CatalogItem.service(s.service(), millis));
      add(
          catalog,
          CatalogItem.operation(s.service(), operations.of(s), spanKind(s.kind()), millis));
    }
    Classification c = classifier.classify(trace);
    if (c.kind() == TraceKind.USER) {
      journeys.inc();
      Span entry = c.entry();
      JourneyKey key = new JourneyKey(entry.service(), c.operation());
      String journeyId = key.slug();
      long entryMillis = entry.startUnixNanos() / 1_000_000;
      if (entryMillis - Math.floorMod(entryMillis, MINUTE) + MINUTE - 1 + lateMillis <= watermark) {
        lateRequests.inc(); // its minute is closed: the window will not take it
      }
      out.collect(
          new RedSample(
              true,
              journeyId,
              "",
              entry.startUnixNanos(),
              entry.durationNanos(),
              Operations.failed(entry)));
      TreeSet<String> services = new TreeSet<>();
      for (Span s : trace) {
        services.add(s.service());
        if (s.kind() == SpanKind.SERVER || s.kind() == SpanKind.CONSUMER) {
          out.collect(
              new RedSample(
                  false,
                  s.service(),
                  operations.of(s),
                  s.startUnixNanos(),
                  s.durationNanos(),
                  Operations.failed(s)));
        }
        Span parent = s.isRoot() ? null : byId.get(s.parentSpanId());
        if (parent != null && !parent.service().equals(s.service())) {
          add(
              catalog,
              CatalogItem.edge(
                  journeyId,
                  parent.service(),
                  operations.of(parent),
                  s.service(),
                  operations.of(s),
                  1,
                  s.startUnixNanos() / 1_000_000));
        }
      }
      add(
          catalog,
          CatalogItem.journey(
              journeyId,
              key.entryService() + " " + key.operation(),
              key.entryService(),
              key.operation(),
              new ArrayList<>(services),
              entryMillis));
    }
    for (CatalogItem item : catalog.values()) {
      ctx.output(CATALOG, item);
    }
  }

  private static void add(Map<String, CatalogItem> catalog, CatalogItem item) {
    catalog.merge(item.key(), item, CatalogItem::merge);
  }

  private static String spanKind(SpanKind kind) {
    return kind == SpanKind.UNSPECIFIED ? "internal" : kind.name().toLowerCase(Locale.ROOT);
  }
}
