package io.sloscout.core.journey;

import io.sloscout.core.telemetry.Span;
import java.util.List;

/**
 * The spans of one trace gathered by {@link TraceAssembler}, in arrival order.
 *
 * @param traceId the trace id
 * @param spans its spans
 * @param evicted true when the trace was closed early to bound memory
 */
public record AssembledTrace(String traceId, List<Span> spans, boolean evicted) {
  public AssembledTrace {
    spans = List.copyOf(spans);
  }
}
