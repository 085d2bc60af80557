package io.sloscout.core.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.core.telemetry.Resource;
import io.sloscout.core.telemetry.Span;
import io.sloscout.core.telemetry.SpanKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceAssemblerTest {

  static final long S = 1_000_000_000L;

  static Span span(String trace, String id, String parent, long end) {
    return new Span(
        new Resource(Map.of("service.name", "svc")),
        trace,
        id,
        parent,
        "op",
        SpanKind.SERVER,
        end - 1,
        end,
        null,
        null,
        Map.of(),
        List.of());
  }

  final List<AssembledTrace> out = new ArrayList<>();

  @Test
  void aTraceClosesOnceIdleAndKeepsSpansThatArriveOutOfOrder() {
    TraceAssembler a =
        new TraceAssembler(new AssemblyConfig(Duration.ofSeconds(10), 100, 100, 100), out::add);
    a.add(span("t1", "c", "r", 1 * S), 1 * S);
    a.add(span("t2", "x", "", 3 * S), 3 * S);
    // The root of t1 ends, and arrives, after its child: still within the window.
    a.add(span("t1", "r", "", 8 * S), 8 * S);
    assertThat(out).isEmpty();
    a.advance(14 * S);
    assertThat(out).extracting(AssembledTrace::traceId).containsExactly("t2");
    a.advance(18 * S);
    assertThat(out).extracting(AssembledTrace::traceId).containsExactly("t2", "t1");
    assertThat(out.get(1).spans()).extracting(Span::spanId).containsExactly("c", "r");
  }

  @Test
  void aSpanAfterItsTraceClosedIsCountedLateNotAnalysedTwice() {
    TraceAssembler a =
        new TraceAssembler(new AssemblyConfig(Duration.ofSeconds(5), 100, 100, 100), out::add);
    a.add(span("t1", "c", "r", 1 * S), 1 * S);
    a.advance(10 * S);
    a.add(span("t1", "r", "", 2 * S), 11 * S);
    a.flush();
    assertThat(out).hasSize(1);
    assertThat(a.stats().lateSpans()).isEqualTo(1);
  }

  @Test
  void tooManyOpenTracesEvictTheLeastRecentlyTouched() {
    TraceAssembler a =
        new TraceAssembler(new AssemblyConfig(Duration.ofHours(1), 2, 100, 100), out::add);
    a.add(span("t1", "a", "", 1), 1);
    a.add(span("t2", "b", "", 2), 2);
    a.add(span("t1", "c", "a", 3), 3);
    a.add(span("t3", "d", "", 4), 4);
    assertThat(out)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.traceId()).isEqualTo("t2");
              assertThat(t.evicted()).isTrue();
            });
    assertThat(a.openTraces()).isEqualTo(2);
    assertThat(a.stats().evictedTraces()).isEqualTo(1);
  }

  @Test
  void spansBeyondThePerTraceLimitAreDroppedAndCounted() {
    TraceAssembler a =
        new TraceAssembler(new AssemblyConfig(Duration.ofHours(1), 10, 2, 10), out::add);
    for (int i = 0; i < 5; i++) {
      a.add(span("t", "s" + i, "", i), i);
    }
    a.flush();
    assertThat(out.get(0).spans()).hasSize(2);
    assertThat(a.stats().droppedSpans()).isEqualTo(3);
  }

  @Test
  void timeNeverGoesBack() {
    TraceAssembler a =
        new TraceAssembler(new AssemblyConfig(Duration.ofSeconds(5), 100, 100, 100), out::add);
    a.add(span("t1", "a", "", 1 * S), 100 * S);
    a.add(span("t2", "b", "", 2 * S), 2 * S);
    a.advance(104 * S);
    assertThat(out).isEmpty();
    a.advance(105 * S);
    assertThat(out).extracting(AssembledTrace::traceId).containsExactly("t1", "t2");
  }
}
