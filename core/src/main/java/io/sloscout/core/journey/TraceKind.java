package io.sloscout.core.journey;

/** What a trace turned out to be. */
public enum TraceKind {
  /** A request from outside: its entry SERVER span starts a user journey. */
  USER,
  /** A health check, readiness probe or metrics scrape. */
  PROBE,
  /** Internal work: no SERVER entry span, or one started by a scheduler. */
  JOB,
  /** A fragment whose top spans are missing (they were late or evicted). */
  INCOMPLETE
}
