package io.sloscout.cli.check;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local HTTP service on 127.0.0.1 that is not ready at first: {@code /ready} answers 503 until
 * {@code readyAfter} has passed, then 200. Routes: {@code /healthy} answers 200 at once, {@code
 * /flaky} answers every tenth request with 500, {@code /slow} answers after 300 ms. It records what
 * arrived and when, so tests can check what the load generator really did.
 */
final class LoadTestService implements AutoCloseable {

  static final Duration SLOW = Duration.ofMillis(300);

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(64);
  private final long readyAt;
  private final AtomicLong readyProbes = new AtomicLong();
  private final AtomicLong firstReadyAnswer = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong earliestLoad = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong loadRequests = new AtomicLong();
  private final AtomicLong flakyRequests = new AtomicLong();
  private final AtomicLong flakyErrors = new AtomicLong();

  LoadTestService(Duration readyAfter) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    server.setExecutor(executor);
    readyAt = System.nanoTime() + readyAfter.toNanos();
    server.createContext("/ready", this::ready);
    server.createContext("/healthy", ex -> load(ex, 200, Duration.ZERO));
    server.createContext(
        "/flaky",
        ex -> {
          long n = flakyRequests.incrementAndGet();
          boolean fail = n % 10 == 0;
          if (fail) {
            flakyErrors.incrementAndGet();
          }
          load(ex, fail ? 500 : 200, Duration.ZERO);
        });
    server.createContext("/slow", ex -> load(ex, 200, SLOW));
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void ready(HttpExchange ex) throws IOException {
    readyProbes.incrementAndGet();
    long now = System.nanoTime();
    int status = now >= readyAt ? 200 : 503;
    if (status == 200) {
      firstReadyAnswer.accumulateAndGet(now, Math::min);
    }
    answer(ex, status);
  }

  private void load(HttpExchange ex, int status, Duration delay) throws IOException {
    earliestLoad.accumulateAndGet(System.nanoTime(), Math::min);
    loadRequests.incrementAndGet();
    if (!delay.isZero()) {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    answer(ex, status);
  }

  private static void answer(HttpExchange ex, int status) throws IOException {
    ex.getRequestBody().readAllBytes();
    ex.sendResponseHeaders(status, -1);
    ex.close();
  }

  /** Requests to /ready so far. */
  long readyProbes() {
    return readyProbes.get();
  }

  /** Requests to the load routes so far. */
  long loadRequests() {
    return loadRequests.get();
  }

  /** Whether a load request arrived before /ready first answered 2xx (or without any 2xx). */
  boolean loadArrivedBeforeReady() {
    return loadRequests.get() > 0 && earliestLoad.get() < firstReadyAnswer.get();
  }

  /** The share of /flaky requests this service answered with 500. */
  double flakyErrorShare() {
    long n = flakyRequests.get();
    return n == 0 ? Double.NaN : flakyErrors.get() / (double) n;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
