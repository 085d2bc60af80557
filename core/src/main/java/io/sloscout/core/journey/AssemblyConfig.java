package io.sloscout.core.journey;

import java.time.Duration;

/**
 * Bounds of trace assembly.
 *
 * @param idleTimeout a trace is complete when no span of it arrived for this long (event time);
 *     this is also how late a span may be and still join its trace
 * @param maxOpenTraces open traces held at most; beyond it the least recently touched is closed
 *     early (evicted) and analysed with the spans it has
 * @param maxSpansPerTrace spans kept per trace; more are dropped and counted
 * @param rememberClosed ids of closed traces remembered, to recognise (and count) late spans
 */
public record AssemblyConfig(
    Duration idleTimeout, int maxOpenTraces, int maxSpansPerTrace, int rememberClosed) {

  /** 30 s idle, 100,000 open traces, 10,000 spans a trace, 100,000 closed ids. */
  public static final AssemblyConfig DEFAULTS =
      new AssemblyConfig(Duration.ofSeconds(30), 100_000, 10_000, 100_000);

  public AssemblyConfig {
    if (idleTimeout == null || idleTimeout.isNegative()) {
      throw new IllegalArgumentException("idleTimeout must be zero or positive");
    }
    if (maxOpenTraces < 1 || maxSpansPerTrace < 1 || rememberClosed < 0) {
      throw new IllegalArgumentException(
          "maxOpenTraces and maxSpansPerTrace must be positive, rememberClosed not negative");
    }
  }
}
