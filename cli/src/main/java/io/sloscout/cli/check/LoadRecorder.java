package io.sloscout.cli.check;

import io.sloscout.core.check.LatencySummary;
import java.util.SortedMap;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Counts the outcomes of one load run and keeps their latencies in an HdrHistogram.
 *
 * <p>Completions arrive on the client's threads, so every method is synchronized; the work under
 * the lock is a few counter updates, small next to a request. After {@link #close} late completions
 * are ignored, so the summary cannot change while it is being read.
 */
final class LoadRecorder {

  /** Microseconds: fine enough for loopback latencies, 3 significant digits. */
  private static final int DIGITS = 3;

  private final Histogram total = new Histogram(DIGITS);
  private final Histogram interval = new Histogram(DIGITS);
  private final SortedMap<Integer, Long> statusCounts = new TreeMap<>();
  private final SortedMap<String, Long> errorsByKind = new TreeMap<>();
  private long finished;
  private long responses;
  private long errors;
  private boolean closed;

  /** A response with this HTTP status arrived {@code latencyNanos} after its intended send time. */
  synchronized void response(int status, long latencyNanos) {
    answered(status, httpErrorKind(status), latencyNanos);
  }

  /**
   * An answer with this status arrived {@code latencyNanos} after its intended send time.
   *
   * @param errorKind the kind of error the answer is; null for a success
   */
  synchronized void answered(int status, String errorKind, long latencyNanos) {
    if (closed) {
      return;
    }
    finished++;
    responses++;
    long micros = Math.max(0, latencyNanos / 1_000);
    total.recordValue(micros);
    interval.recordValue(micros);
    statusCounts.merge(status, 1L, Long::sum);
    if (errorKind != null) {
      error(errorKind);
    }
  }

  /** {@code http-5xx} or {@code http-4xx} for an HTTP error status; null for any other. */
  static String httpErrorKind(int status) {
    if (status >= 500) {
      return "http-5xx";
    }
    return status >= 400 ? "http-4xx" : null;
  }

  /** A request ended without a response, for the reason {@code kind}. */
  synchronized void failure(String kind) {
    if (closed) {
      return;
    }
    finished++;
    error(kind);
  }

  /**
   * Stops recording; requests of the schedule that have not finished by now count as errors of kind
   * {@code unfinished}.
   */
  synchronized void close(long scheduled) {
    if (closed) {
      return;
    }
    long unfinished = scheduled - finished;
    if (unfinished > 0) {
      errors += unfinished;
      errorsByKind.merge("unfinished", unfinished, Long::sum);
      finished = scheduled;
    }
    closed = true;
  }

  synchronized long finished() {
    return finished;
  }

  synchronized long responses() {
    return responses;
  }

  synchronized long errors() {
    return errors;
  }

  synchronized SortedMap<Integer, Long> statusCounts() {
    return new TreeMap<>(statusCounts);
  }

  synchronized SortedMap<String, Long> errorsByKind() {
    return new TreeMap<>(errorsByKind);
  }

  /** Percentiles over every response so far. */
  synchronized LatencySummary latency() {
    return summary(total);
  }

  /** Percentiles over the responses since the last call, then starts a new interval. */
  synchronized LatencySummary takeInterval() {
    LatencySummary s = summary(interval);
    interval.reset();
    return s;
  }

  private void error(String kind) {
    errors++;
    errorsByKind.merge(kind, 1L, Long::sum);
  }

  private static LatencySummary summary(Histogram h) {
    if (h.getTotalCount() == 0) {
      return LatencySummary.NONE;
    }
    return new LatencySummary(
        ms(h.getValueAtPercentile(50)),
        ms(h.getValueAtPercentile(90)),
        ms(h.getValueAtPercentile(95)),
        ms(h.getValueAtPercentile(99)),
        ms(h.getMaxValue()));
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}
