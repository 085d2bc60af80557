package io.sloscout.cli.check;

import io.sloscout.core.check.CheckDurations;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Repeats a readiness probe (by default: a URL must answer 2xx) until it passes or time runs out.
 */
public final class ReadinessWait {

  private final HttpClient client;
  private final LongSupplier nanoTime;
  private final PrintWriter log;
  private final Duration interval;

  /**
   * @param client the HTTP client for {@link #await(URI, Duration)}; null when only other probes
   *     are used
   * @param interval pause between attempts
   * @param log where a line goes every few seconds while waiting
   */
  public ReadinessWait(
      HttpClient client, LongSupplier nanoTime, PrintWriter log, Duration interval) {
    this.client = client;
    this.nanoTime = nanoTime;
    this.log = log;
    this.interval = interval;
  }

  /**
   * Waits until {@code GET url} answers 2xx.
   *
   * @return how long it took, or empty when it did not answer 2xx within {@code timeout}
   */
  public Optional<Duration> await(URI url, Duration timeout) throws InterruptedException {
    Objects.requireNonNull(client, "this wait was made without an HTTP client");
    return await(new HttpProbe(client, url), timeout);
  }

  /**
   * Waits until {@code probe} passes.
   *
   * @return how long it took, or empty when it did not pass within {@code timeout}
   */
  public Optional<Duration> await(ReadinessProbe probe, Duration timeout)
      throws InterruptedException {
    long start = nanoTime.getAsLong();
    long deadline = start + timeout.toNanos();
    long nextLog = start + TimeUnit.SECONDS.toNanos(5);
    String last = "no answer yet";
    // bounded by the deadline; each attempt is itself bounded by the time left
    while (true) {
      long now = nanoTime.getAsLong();
      long left = deadline - now;
      if (left <= 0) {
        log.println(
            "check: "
                + probe.target()
                + " did not "
                + probe.expectation()
                + " within "
                + CheckDurations.format(timeout)
                + " ("
                + last
                + ")");
        log.flush();
        return Optional.empty();
      }
      Optional<String> notReady =
          probe.notReady(Duration.ofNanos(Math.min(left, TimeUnit.SECONDS.toNanos(5))));
      if (notReady.isEmpty()) {
        return Optional.of(Duration.ofNanos(nanoTime.getAsLong() - start));
      }
      last = notReady.get();
      now = nanoTime.getAsLong();
      if (now >= nextLog) {
        log.println(
            "check: waiting for "
                + probe.target()
                + " to "
                + probe.expectation()
                + " ("
                + last
                + ")");
        log.flush();
        nextLog += TimeUnit.SECONDS.toNanos(5);
      }
      long pause = Math.min(interval.toNanos(), deadline - now);
      if (pause > 0) {
        TimeUnit.NANOSECONDS.sleep(pause);
      }
    }
  }

  /** {@code GET url} must answer 2xx. */
  private record HttpProbe(HttpClient client, URI url) implements ReadinessProbe {

    @Override
    public String target() {
      return url.toString();
    }

    @Override
    public String expectation() {
      return "answer 2xx";
    }

    @Override
    public Optional<String> notReady(Duration timeLeft) throws InterruptedException {
      HttpRequest probe = HttpRequest.newBuilder(url).GET().timeout(timeLeft).build();
      try {
        int status = client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status >= 200 && status < 300) {
          return Optional.empty();
        }
        return Optional.of("last answer HTTP " + status);
      } catch (IOException e) {
        // a refused connection carries no message; the kind alone says it
        return Optional.of(
            "last attempt: "
                + LoadDriver.kind(e)
                + (e.getMessage() == null
                    ? " (" + e.getClass().getSimpleName() + ")"
                    : " " + e.getMessage()));
      }
    }
  }
}
