package io.sloscout.core.journey;

import io.sloscout.core.telemetry.Span;

/**
 * What a trace is, and for a user journey its entry span and operation.
 *
 * @param kind the kind of trace
 * @param entry the entry SERVER span, or null when there is none
 * @param operation the entry operation ({@code GET /product/{id}}), or empty when there is no entry
 * @param reason why the trace is not a user journey, for reports; empty for USER
 */
public record Classification(TraceKind kind, Span entry, String operation, String reason) {
  public Classification {
    operation = operation == null ? "" : operation;
    reason = reason == null ? "" : reason;
  }
}
