package io.sloscout.backend.testing;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.sloscout.backend.security.ApiTokens;
import io.sloscout.storage.DatabaseConfig;
import io.sloscout.storage.testing.SharedStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * What the backend's tests run against: a fresh database on storage's shared embedded PostgreSQL,
 * an empty bare Git repository to export into, a vector index folder, one API token, and a stub
 * pipeline readiness endpoint ({@link #PIPELINE_READY_PATH}) for the pipeline health check. Every
 * test class names this same resource, so Quarkus boots once for the suite.
 */
public final class BackendTestResources implements QuarkusTestResourceLifecycleManager {

  /** The API token the tests send; only its hash is configured. */
  public static final String TOKEN = "test-token-4b1d0c5e";

  /**
   * The stub pipeline's readiness path: GET answers the current status (200 at first), POST with a
   * status code as the body sets it. Configured as {@code slo-scout.pipeline.health-urls}.
   */
  public static final String PIPELINE_READY_PATH = "/health/ready";

  private Path work;
  private Process prometheus;
  private HttpServer pipeline;

  @Override
  public Map<String, String> start() {
    DatabaseConfig db = SharedStorage.get().newDatabaseConfig();
    try {
      work = Files.createTempDirectory("slo-scout-backend-test");
      Path repo = work.resolve("gitops.git");
      // an empty repository: the first export starts its branch from nothing
      Git.init().setBare(true).setInitialBranch("main").setDirectory(repo.toFile()).call().close();
      Map<String, String> config = new HashMap<>();
      config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
      config.put("quarkus.datasource.username", db.user());
      config.put("quarkus.datasource.password", db.password() == null ? "" : db.password());
      config.put("slo-scout.auth.token-hashes", ApiTokens.sha256Hex(TOKEN));
      config.put("slo-scout.gitops.repository", repo.toString());
      config.put("slo-scout.search.index-dir", work.resolve("index").toString());
      config.put("slo-scout.gate.prometheus-url", startPrometheus(work.resolve("prometheus")));
      config.put("slo-scout.pipeline.health-urls", startPipelineStub());
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Debian's Prometheus on a free loopback port with an empty TSDB, for the release gate; fails,
   * never skips, when it is not installed.
   */
  private String startPrometheus(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, "global:\n  scrape_interval: 15s\n");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String address = "127.0.0.1:" + port;
    prometheus =
        new ProcessBuilder(
                "prometheus",
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=" + address)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    HttpClient http = HttpClient.newHttpClient();
    URI ready = URI.create("http://" + address + "/-/ready");
    for (int i = 0; i < 300; i++) {
      try {
        if (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return "http://" + address;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for Prometheus", e);
      }
      if (!prometheus.isAlive()) {
        break;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for Prometheus", e);
      }
    }
    throw new IOException(
        "Prometheus did not become ready; see "
            + dir.resolve("prometheus.log")
            + " (Debian: apt-get install prometheus)");
  }

  /** A JDK HTTP server on a free loopback port standing in for the pipeline's readiness. */
  private String startPipelineStub() throws IOException {
    AtomicInteger status = new AtomicInteger(200);
    pipeline = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    pipeline.createContext(
        PIPELINE_READY_PATH,
        exchange -> {
          try (exchange) {
            if ("POST".equals(exchange.getRequestMethod())) {
              String body =
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
              status.set(Integer.parseInt(body.strip()));
              exchange.sendResponseHeaders(204, -1);
            } else {
              exchange.sendResponseHeaders(status.get(), -1);
            }
          }
        });
    pipeline.start();
    return "http://127.0.0.1:" + pipeline.getAddress().getPort() + PIPELINE_READY_PATH;
  }

  @Override
  public void stop() {
    if (pipeline != null) {
      pipeline.stop(0);
    }
    // the database server stops with the JVM (SharedStorage); the temp folder goes with target/
    if (prometheus != null) {
      prometheus.destroy();
    }
  }
}
