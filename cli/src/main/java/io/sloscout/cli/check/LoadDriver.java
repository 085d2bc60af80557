package io.sloscout.cli.check;

import io.sloscout.core.check.CheckDurations;
import io.sloscout.core.check.LatencySummary;
import io.sloscout.core.check.LoadSchedule;
import io.sloscout.core.check.LoadSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Sends a request on a fixed open-loop schedule and measures each one from its intended send time.
 * The protocol is behind {@link LoadClient}: HTTP with the JDK client, or gRPC.
 *
 * <p>The sending thread never waits for a response: a slow target gets the same arrival rate as a
 * fast one, and the time a request spent waiting to be sent counts towards its latency (no
 * coordinated omission). A guard on requests in flight keeps a dead target from piling up
 * connections; requests it holds back are errors of kind {@code max-in-flight}.
 */
public final class LoadDriver {

  /** Longest single sleep, so that progress lines and the schedule are checked often enough. */
  private static final long MAX_PARK_NANOS = 50_000_000L;

  /** Extra time after the last send for answers to arrive, beyond the request timeout. */
  private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

  private final HttpClient client;
  private final LongSupplier nanoTime;
  private final PrintWriter progress;
  private final Duration progressEvery;

  /**
   * @param client the HTTP client {@link #run(LoadRequest, LoadSchedule, int)} sends with; null
   *     when only {@link #run(LoadClient, LoadSchedule, int)} is used
   * @param nanoTime the monotonic clock the schedule and latencies are measured with
   * @param progress where a progress line goes every {@code progressEvery}
   */
  public LoadDriver(
      HttpClient client, LongSupplier nanoTime, PrintWriter progress, Duration progressEvery) {
    this.client = client;
    this.nanoTime = nanoTime;
    this.progress = progress;
    this.progressEvery = progressEvery;
  }

  /** Runs the whole schedule of HTTP requests; see {@link #run(LoadClient, LoadSchedule, int)}. */
  public LoadSummary run(LoadRequest request, LoadSchedule schedule, int maxInFlight) {
    if (client == null) {
      throw new IllegalStateException("this driver was made without an HTTP client");
    }
    return run(new HttpLoadClient(client, request), schedule, maxInFlight);
  }

  /** Runs the whole schedule, waits for the answers (bounded by the timeout) and summarises. */
  public LoadSummary run(LoadClient load, LoadSchedule schedule, int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("--max-in-flight must be at least 1, got " + maxInFlight);
    }
    long requests = schedule.requests();
    LoadRecorder recorder = new LoadRecorder();
    AtomicInteger inFlight = new AtomicInteger();
    long sent = 0;
    long maxLag = 0;
    long start = nanoTime.getAsLong();
    long lastSend = start;
    long nextProgress = start + progressEvery.toNanos();
    for (long i = 0; i < requests; i++) {
      long intended = start + schedule.dueNanos(i);
      long now = nanoTime.getAsLong();
      // bounded: each pass sleeps towards a fixed point in time
      while (now < intended) {
        LockSupport.parkNanos(Math.min(intended - now, MAX_PARK_NANOS));
        now = nanoTime.getAsLong();
        if (now >= nextProgress) {
          printProgress(now - start, schedule, sent, recorder);
          nextProgress += progressEvery.toNanos();
        }
      }
      maxLag = Math.max(maxLag, now - intended);
      lastSend = now;
      if (inFlight.get() >= maxInFlight) {
        recorder.failure("max-in-flight");
        continue;
      }
      inFlight.incrementAndGet();
      sent++;
      load.send(
          new LoadClient.Outcome() {
            @Override
            public void answered(int status, String errorKind) {
              long end = nanoTime.getAsLong();
              inFlight.decrementAndGet();
              recorder.answered(status, errorKind, end - intended);
            }

            @Override
            public void failed(String kind) {
              inFlight.decrementAndGet();
              recorder.failure(kind);
            }
          });
      if (now >= nextProgress) {
        printProgress(now - start, schedule, sent, recorder);
        nextProgress += progressEvery.toNanos();
      }
    }
    long sendPhase = Math.max(schedule.duration().toNanos(), lastSend - start);
    drain(recorder, requests, load.timeout().plus(DRAIN_GRACE));
    recorder.close(requests);
    return new LoadSummary(
        schedule.rps(),
        schedule.duration().toNanos() / 1e9,
        requests,
        sent,
        recorder.responses(),
        recorder.errors(),
        recorder.errorsByKind(),
        recorder.statusCounts(),
        recorder.latency(),
        sent / (sendPhase / 1e9),
        maxLag / 1e6);
  }

  private void drain(LoadRecorder recorder, long requests, Duration limit) {
    long deadline = nanoTime.getAsLong() + limit.toNanos();
    // bounded by the deadline: at worst the rest are counted as unfinished
    while (recorder.finished() < requests && nanoTime.getAsLong() < deadline) {
      LockSupport.parkNanos(1_000_000L);
    }
  }

  private void printProgress(
      long elapsedNanos, LoadSchedule schedule, long sent, LoadRecorder recorder) {
    LatencySummary last = recorder.takeInterval();
    progress.println(
        String.format(
            Locale.ROOT,
            "check: %.0fs of %s, %d sent, %d answered, %d errors, p95 %s over the last %s",
            elapsedNanos / 1e9,
            CheckDurations.format(schedule.duration()),
            sent,
            recorder.responses(),
            recorder.errors(),
            Double.isNaN(last.p95()) ? "n/a" : String.format(Locale.ROOT, "%.1f ms", last.p95()),
            CheckDurations.format(progressEvery)));
    progress.flush();
  }

  /** The JDK client sending one prepared request; answers are classified by HTTP status. */
  private record HttpLoadClient(HttpClient client, HttpRequest http, Duration timeout)
      implements LoadClient {

    HttpLoadClient(HttpClient client, LoadRequest request) {
      this(client, request.toHttpRequest(), request.timeout());
    }

    @Override
    public void send(Outcome outcome) {
      client
          .sendAsync(http, HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, failure) -> {
                if (response != null) {
                  int status = response.statusCode();
                  outcome.answered(status, LoadRecorder.httpErrorKind(status));
                } else {
                  outcome.failed(kind(failure));
                }
              });
    }
  }

  /** A short name for why a request got no response. */
  static String kind(Throwable failure) {
    Throwable t = failure;
    // bounded: the JDK wraps at most a few levels deep, and we stop at 10
    for (int depth = 0;
        depth < 10 && t instanceof CompletionException && t.getCause() != null;
        depth++) {
      t = t.getCause();
    }
    if (t instanceof HttpTimeoutException) {
      return "timeout";
    }
    if (t instanceof ConnectException) {
      return "connect";
    }
    if (t instanceof IOException) {
      return "io";
    }
    return "other";
  }
}
