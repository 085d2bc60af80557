package io.sloscout.core.journey;

import io.sloscout.core.telemetry.Span;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Groups spans into traces by trace id within a bounded window: a trace is handed on once it has
 * been idle for {@link AssemblyConfig#idleTimeout()}, or early when too many are open. Spans may
 * arrive in any order within the window (a root span usually ends, and is exported, last). Time is
 * an argument, so the same code runs on event time (files) and processing time (streams). Not
 * thread-safe.
 */
public final class TraceAssembler {

  private final AssemblyConfig config;
  private final Consumer<AssembledTrace> sink;
  // Access order: the head is the trace touched least recently, the first to time out or evict.
  private final LinkedHashMap<String, Open> open = new LinkedHashMap<>(1024, 0.75f, true);
  private final LinkedHashMap<String, Boolean> closed;
  private long now = Long.MIN_VALUE;
  private long spans;
  private long traces;
  private long evicted;
  private long late;
  private long dropped;

  public TraceAssembler(AssemblyConfig config, Consumer<AssembledTrace> sink) {
    this.config = Objects.requireNonNull(config, "config");
    this.sink = Objects.requireNonNull(sink, "sink");
    int remember = config.rememberClosed();
    this.closed =
        new LinkedHashMap<>(1024, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > remember;
          }
        };
  }

  /**
   * Adds a span at time {@code nowNanos}, then closes the traces idle at that time. Time never goes
   * back: an earlier {@code nowNanos} than seen before counts as the latest seen.
   */
  public void add(Span span, long nowNanos) {
    now = Math.max(now, nowNanos);
    Open trace = open.get(span.traceId());
    if (trace == null) {
      if (closed.containsKey(span.traceId())) {
        // Its trace was analysed already; re-opening it would count the request twice.
        late++;
        advance(now);
        return;
      }
      trace = new Open(span.traceId());
      open.put(span.traceId(), trace);
    }
    if (trace.spans.size() >= config.maxSpansPerTrace()) {
      dropped++;
    } else {
      trace.spans.add(span);
      spans++;
    }
    trace.touched = now;
    while (open.size() > config.maxOpenTraces()) {
      Iterator<Open> eldest = open.values().iterator();
      Open victim = eldest.next();
      eldest.remove();
      close(victim, true);
    }
    advance(now);
  }

  /** Closes every trace that has been idle for the configured timeout at {@code nowNanos}. */
  public void advance(long nowNanos) {
    now = Math.max(now, nowNanos);
    long timeout = config.idleTimeout().toNanos();
    Iterator<Open> it = open.values().iterator();
    while (it.hasNext()) {
      Open trace = it.next();
      // Touch times only grow along the access order, so the first trace still fresh ends the scan.
      if (now - trace.touched < timeout) {
        break;
      }
      it.remove();
      close(trace, false);
    }
  }

  /** Closes every open trace, at the end of the input. */
  public void flush() {
    List<Open> all = new ArrayList<>(open.values());
    open.clear();
    for (Open trace : all) {
      close(trace, false);
    }
  }

  /** Traces currently open. */
  public int openTraces() {
    return open.size();
  }

  /** Counters so far. */
  public AssemblyStats stats() {
    return new AssemblyStats(spans, traces, evicted, late, dropped);
  }

  private void close(Open trace, boolean evict) {
    traces++;
    if (evict) {
      evicted++;
    }
    if (config.rememberClosed() > 0) {
      closed.put(trace.traceId, Boolean.TRUE);
    }
    sink.accept(new AssembledTrace(trace.traceId, trace.spans, evict));
  }

  private static final class Open {
    final String traceId;
    final List<Span> spans = new ArrayList<>();
    long touched;

    Open(String traceId) {
      this.traceId = traceId;
    }
  }
}
