package io.sloscout.collectors.remoteread;

import io.sloscout.proto.prompb.TimeSeries;
import io.sloscout.proto.prompb.WriteRequest;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xerial.snappy.Snappy;

/**
 * A real Prometheus (the Debian package's binary) on a free 127.0.0.1 port with the remote-write
 * receiver on, so tests push exact samples and read them back over remote read.
 */
final class PrometheusProcess implements AutoCloseable {

  private static final String INSTALL =
      "the remote-read tests need the prometheus binary on PATH:"
          + " apt-get install prometheus (Debian/Ubuntu; see README.md)";

  private final Process process;
  private final URI base;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private PrometheusProcess(Process process, URI base, Path log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  /** Starts Prometheus on an empty TSDB under {@code work}, waiting until {@code /-/ready}. */
  static PrometheusProcess start(Path work, String... extraFlags) throws Exception {
    String binary = binary("prometheus");
    Path config = work.resolve("prometheus.yml");
    // no scrape jobs: the samples the tests push are all the data there is
    Files.writeString(config, "global:\n  scrape_interval: 1m\n");
    Path data = work.resolve("data");
    Path log = work.resolve("prometheus.log");
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      List<String> command = new ArrayList<>();
      command.add(binary);
      command.add("--config.file=" + config);
      command.add("--storage.tsdb.path=" + data);
      command.add("--web.listen-address=127.0.0.1:" + port);
      command.add("--web.enable-remote-write-receiver");
      command.addAll(List.of(extraFlags));
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      PrometheusProcess prometheus =
          new PrometheusProcess(p, URI.create("http://127.0.0.1:" + port), log);
      try {
        prometheus.awaitReady();
        return prometheus;
      } catch (IOException e) {
        // most likely another process took the port between our probe and the bind
        prometheus.close();
        last = e;
      }
    }
    throw last;
  }

  /** The remote-read endpoint. */
  URI readUrl() {
    return base.resolve("/api/v1/read");
  }

  /** The base URL. */
  URI base() {
    return base;
  }

  /** Pushes {@code series} through remote write; each series' samples must be newer than before. */
  void write(List<TimeSeries> series) throws Exception {
    byte[] body =
        Snappy.compress(WriteRequest.newBuilder().addAllTimeseries(series).build().toByteArray());
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(base.resolve("/api/v1/write"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new AssertionError(
          "remote write answered " + response.statusCode() + ": " + response.body());
    }
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("prometheus exited:\n" + tail());
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(base.resolve("/-/ready"))
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
    throw new IOException("prometheus did not become ready within 60s:\n" + tail());
  }

  private String tail() throws IOException {
    if (!Files.exists(log)) {
      return "";
    }
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
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

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
