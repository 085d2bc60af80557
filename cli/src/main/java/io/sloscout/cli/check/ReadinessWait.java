package io.sloscout.cli.check;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Polls a URL until it answers 2xx or a timeout passes. */
public final class ReadinessWait {

  private final HttpClient client;
  private final LongSupplier nanoTime;
  private final PrintWriter log;
  private final Duration interval;

  /**
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
                + url
                + " did not answer 2xx within "
                + io.sloscout.core.check.CheckDurations.format(timeout)
                + " ("
                + last
                + ")");
        log.flush();
        return Optional.empty();
      }
      HttpRequest probe =
          HttpRequest.newBuilder(url)
              .GET()
              .timeout(Duration.ofNanos(Math.min(left, TimeUnit.SECONDS.toNanos(5))))
              .build();
      try {
        int status = client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status >= 200 && status < 300) {
          return Optional.of(Duration.ofNanos(nanoTime.getAsLong() - start));
        }
        last = "last answer HTTP " + status;
      } catch (IOException e) {
        last = "last attempt: " + LoadDriver.kind(e) + " " + e.getMessage();
      }
      now = nanoTime.getAsLong();
      if (now >= nextLog) {
        log.println("check: waiting for " + url + " to answer 2xx (" + last + ")");
        log.flush();
        nextLog += TimeUnit.SECONDS.toNanos(5);
      }
      long pause = Math.min(interval.toNanos(), deadline - now);
      if (pause > 0) {
        TimeUnit.NANOSECONDS.sleep(pause);
      }
    }
  }
}
