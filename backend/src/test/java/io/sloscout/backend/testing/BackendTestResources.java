package io.sloscout.backend.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.sloscout.backend.security.ApiTokens;
import io.sloscout.storage.DatabaseConfig;
import io.sloscout.storage.testing.SharedStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * What the backend's tests run against: a fresh database on storage's shared embedded PostgreSQL,
 * an empty bare Git repository to export into, a vector index folder, and one API token. Every test
 * class names this same resource, so Quarkus boots once for the suite.
 */
public final class BackendTestResources implements QuarkusTestResourceLifecycleManager {

  /** The API token the tests send; only its hash is configured. */
  public static final String TOKEN = "test-token-4b1d0c5e";

  private Path work;
  private Process prometheus;

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

  @Override
  public void stop() {
    // the database server stops with the JVM (SharedStorage); the temp folder goes with target/
    if (prometheus != null) {
      prometheus.destroy();
    }
  }
}
