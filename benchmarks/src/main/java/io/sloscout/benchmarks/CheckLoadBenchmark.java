package io.sloscout.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.sloscout.cli.check.LoadDriver;
import io.sloscout.cli.check.LoadHttpClient;
import io.sloscout.cli.check.LoadRequest;
import io.sloscout.core.check.LoadSchedule;
import io.sloscout.core.check.LoadSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * How fast {@code slo-scout check} can load, and what it adds to the latency it reports.
 *
 * <p>Starts a JDK HTTP server on 127.0.0.1 that answers 200 with no body at once, then runs the
 * same {@link LoadDriver} and client {@code check} uses at rising rates. A rate counts as sustained
 * when the achieved rate is within 1 % of it, nothing failed and no request was sent more than 100
 * ms late. The server runs in the same process on the same cores, so the figures are a lower bound
 * for a remote target.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.sloscout.benchmarks.CheckLoadBenchmark [seconds-per-step] [rate,rate,...]}
 */
public final class CheckLoadBenchmark {

  private static final double SUSTAINED_SHARE = 0.99;
  private static final double MAX_LAG_MS = 100;

  private CheckLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<Integer> rates =
        args.length > 1
            ? Arrays.stream(args[1].split(",")).map(Integer::parseInt).toList()
            : List.of(500, 1000, 2000, 3000, 4000, 6000, 8000, 12000, 16000);
    ExecutorService serverThreads = Executors.newFixedThreadPool(4);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
    server.setExecutor(serverThreads);
    server.createContext(
        "/",
        ex -> {
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    server.start();
    URI target = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    PrintWriter quiet = new PrintWriter(Writer.nullWriter());
    LoadRequest request =
        new LoadRequest(target, "GET", List.of(), new byte[0], Duration.ofSeconds(5));
    System.out.printf(
        Locale.ROOT,
        "cores %d, JDK %s, %d s per step%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        seconds);
    try (LoadHttpClient http = new LoadHttpClient(Duration.ofSeconds(5))) {
      LoadDriver driver =
          new LoadDriver(http.client(), System::nanoTime, quiet, Duration.ofHours(1));
      // warm-up: JIT, connection pool
      driver.run(request, new LoadSchedule(1000, Duration.ofSeconds(3)), 10_000);

      System.out.println();
      System.out.println("Round trip, closed loop, one request at a time (baseline):");
      baseline(http, target);

      System.out.println();
      System.out.println("Open loop, latency from the intended send time (ms):");
      System.out.println(
          "target_rps  achieved_rps  errors  max_lag_ms     p50     p90     p99      max  sustained");
      int best = 0;
      int failedInARow = 0;
      List<Integer> all = new ArrayList<>(List.of(100));
      all.addAll(rates);
      for (int rate : all) {
        LoadSummary s =
            driver.run(request, new LoadSchedule(rate, Duration.ofSeconds(seconds)), 10_000);
        boolean ok =
            s.achievedRps() >= SUSTAINED_SHARE * rate
                && s.errors() == 0
                && s.maxSendLagMs() <= MAX_LAG_MS;
        System.out.printf(
            Locale.ROOT,
            "%10d  %12.1f  %6d  %10.1f  %6.2f  %6.2f  %6.2f  %7.2f  %s%s%n",
            rate,
            s.achievedRps(),
            s.errors(),
            s.maxSendLagMs(),
            s.latencyMs().p50(),
            s.latencyMs().p90(),
            s.latencyMs().p99(),
            s.latencyMs().max(),
            ok ? "yes" : "no",
            s.errors() == 0 ? "" : " " + s.errorsByKind());
        if (ok) {
          best = Math.max(best, rate);
          failedInARow = 0;
        } else if (++failedInARow == 2) {
          break;
        }
      }
      System.out.println();
      System.out.println("highest sustained rate: " + best + " rps");
    } finally {
      server.stop(0);
      serverThreads.shutdownNow();
    }
  }

  /** Sequential requests: the plain client + loopback + server round trip, for comparison. */
  private static void baseline(LoadHttpClient http, URI target)
      throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(5)).build();
    int n = 2000;
    long[] micros = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      http.client().send(req, HttpResponse.BodyHandlers.discarding());
      micros[i] = (System.nanoTime() - t0) / 1000;
    }
    Arrays.sort(micros);
    System.out.printf(
        Locale.ROOT,
        "%d requests: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        n,
        micros[n / 2] / 1000.0,
        micros[n * 9 / 10] / 1000.0,
        micros[n * 99 / 100] / 1000.0,
        micros[n - 1] / 1000.0);
  }
}
