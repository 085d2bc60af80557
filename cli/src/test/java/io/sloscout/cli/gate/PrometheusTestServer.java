package io.sloscout.cli.gate;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (the Debian package's binary) on a free 127.0.0.1 port, serving history the
 * test wrote as OpenMetrics and turned into TSDB blocks with {@code promtool}.
 */
public final class PrometheusTestServer implements AutoCloseable {

  private static final String INSTALL =
      "the gate tests need the prometheus and promtool binaries: apt-get install prometheus";

  private final Process process;
  private final String url;

  private PrometheusTestServer(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /** The base URL, {@code http://127.0.0.1:<port>}. */
  public String url() {
    return url;
  }

  /**
   * Imports {@code openMetrics} into a TSDB under {@code work} and starts Prometheus on it, waiting
   * until it is ready; fails (never skips) when the binaries are missing.
   */
  public static PrometheusTestServer start(Path work, String openMetrics) throws Exception {
    String promtool = binary("promtool");
    String prometheus = binary("prometheus");
    Path input = work.resolve("history.om.txt");
    Path data = work.resolve("data");
    Files.writeString(input, openMetrics);
    run(
        work,
        List.of(
            promtool,
            "tsdb",
            "create-blocks-from",
            "openmetrics",
            "--quiet",
            input.toString(),
            data.toString()));
    Path config = work.resolve("prometheus.yml");
    // No scrape jobs: the history is all the data there is.
    Files.writeString(config, "global:\n  evaluation_interval: 1m\n");
    Path log = work.resolve("prometheus.log");
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      Process p =
          new ProcessBuilder(
                  prometheus,
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + data,
                  // Blocks older than the default 15d retention would be deleted at start.
                  "--storage.tsdb.retention.time=100y",
                  "--web.listen-address=127.0.0.1:" + port)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      String url = "http://127.0.0.1:" + port;
      try {
        awaitReady(p, url, log);
        return new PrometheusTestServer(p, url);
      } catch (IOException e) {
        // Most likely another process took the port between our probe and the bind.
        stop(p);
        last = e;
      }
    }
    throw last;
  }

  private static void awaitReady(Process p, String url, Path log) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException("prometheus exited:\n" + tail(log));
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(url + "/-/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IOException("prometheus did not become ready within 60s:\n" + tail(log));
  }

  private static void run(Path work, List<String> command) throws Exception {
    Path out = work.resolve("promtool.log");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("promtool did not finish within 120s");
    }
    if (p.exitValue() != 0) {
      throw new AssertionError(
          String.join(" ", command) + " failed (" + p.exitValue() + "):\n" + tail(out));
    }
  }

  private static String binary(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new AssertionError(name + " not found on PATH; " + INSTALL);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "";
    }
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() {
    try {
      stop(process);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
