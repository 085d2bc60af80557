package io.sloscout.core.check;

import java.time.Duration;
import java.util.Objects;

/**
 * A fixed open-loop send schedule: request {@code i} is due {@code i / rps} seconds after the
 * start, whatever happened to earlier requests.
 *
 * <p>A fixed schedule is what keeps the measurement honest: a closed loop waits for slow answers
 * before sending more, and so sends fewer requests exactly when the target is slow.
 */
public record LoadSchedule(double rps, Duration duration) {

  /** The most requests one run may schedule, so that a typo cannot exhaust memory or the target. */
  public static final long MAX_REQUESTS = 50_000_000L;

  public LoadSchedule {
    Objects.requireNonNull(duration, "duration");
    if (!(rps > 0) || Double.isInfinite(rps)) {
      throw new IllegalArgumentException("--rps must be a positive number, got " + rps);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("--duration must be positive, got " + duration);
    }
    double count = Math.floor(rps * seconds(duration));
    if (count < 1) {
      throw new IllegalArgumentException(
          "--rps " + rps + " for " + duration + " schedules no request; raise either");
    }
    if (count > MAX_REQUESTS) {
      throw new IllegalArgumentException(
          "--rps × --duration schedules " + (long) count + " requests; at most " + MAX_REQUESTS);
    }
  }

  /** Requests in the schedule: rps × duration, rounded down. */
  public long requests() {
    return (long) Math.floor(rps * seconds(duration));
  }

  /** When request {@code index} is due, in nanoseconds after the start of the run. */
  public long dueNanos(long index) {
    if (index < 0 || index >= requests()) {
      throw new IndexOutOfBoundsException("request " + index + " of " + requests());
    }
    // computed from the index, not by adding intervals, so rounding does not drift over long runs
    return Math.round(index * 1e9 / rps);
  }

  /** How many requests are due by {@code elapsedNanos} after the start (at most all of them). */
  public long dueBy(long elapsedNanos) {
    if (elapsedNanos < 0) {
      return 0;
    }
    long due = (long) Math.floor(elapsedNanos * rps / 1e9) + 1;
    // correct the floating-point estimate against dueNanos, which is the definition
    while (due > 0 && (due > requests() || dueNanos(due - 1) > elapsedNanos)) {
      due--;
    }
    while (due < requests() && dueNanos(due) <= elapsedNanos) {
      due++;
    }
    return due;
  }

  private static double seconds(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }
}
