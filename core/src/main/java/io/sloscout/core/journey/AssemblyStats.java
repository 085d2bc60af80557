package io.sloscout.core.journey;

/**
 * What trace assembly did.
 *
 * @param spans spans accepted into a trace
 * @param traces traces closed and handed on
 * @param evictedTraces of those, traces closed early because too many were open
 * @param lateSpans spans that arrived after their trace was closed (dropped)
 * @param droppedSpans spans beyond the per-trace limit (dropped)
 */
public record AssemblyStats(
    long spans, long traces, long evictedTraces, long lateSpans, long droppedSpans) {}
