package io.sloscout.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * docker-compose.yml on a real Docker engine with the compose plugin (mvn -Pcontainers): Compose
 * itself accepts the file, the infrastructure comes up healthy with SLO-Scout's own rules and
 * dashboards loaded, and the whole stack, built from the repository, becomes ready.
 */
@Tag("containers")
class ComposeStackIT {

  static final File COMPOSE = Repo.ROOT.resolve("docker-compose.yml").toFile();
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void dockerComposeAcceptsTheFile() throws Exception {
    Process p =
        new ProcessBuilder("docker", "compose", "-f", COMPOSE.getPath(), "config", "--quiet")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(p.exitValue()).as(out).isZero();
  }

  @Test
  void theInfrastructureComesUpHealthyWithSloScoutsRulesAndDashboards() throws Exception {
    try (ComposeContainer stack =
        new ComposeContainer(COMPOSE)
            .withServices(
                "kafka",
                "kafka-init",
                "timescaledb",
                "minio",
                "minio-init",
                "prometheus",
                "grafana")
            .withExposedService("prometheus", 9090, Wait.forHealthcheck())
            .withExposedService("grafana", 3000, Wait.forHealthcheck())
            .waitingFor("kafka", Wait.forHealthcheck())
            .waitingFor("timescaledb", Wait.forHealthcheck())
            .waitingFor("minio", Wait.forHealthcheck())
            .withRemoveVolumes(true)
            .withStartupTimeout(Duration.ofMinutes(10))) {
      stack.start();

      String prometheus =
          "http://"
              + stack.getServiceHost("prometheus", 9090)
              + ":"
              + stack.getServicePort("prometheus", 9090);
      JsonNode rules = getJson(prometheus + "/api/v1/rules", null);
      assertThat(rules.toString())
          .contains("SloScoutBackendAvailability")
          .contains("SloScoutCollectorOtlpAvailability");

      String grafana =
          "http://"
              + stack.getServiceHost("grafana", 3000)
              + ":"
              + stack.getServicePort("grafana", 3000);
      JsonNode dashboards = getJson(grafana + "/api/search?query=slo-scout", "admin:slo-scout-dev");
      assertThat(dashboards.size()).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void theWholeStackBuiltFromTheRepositoryBecomesReady() throws Exception {
    try (ComposeContainer stack =
        new ComposeContainer(COMPOSE)
            .withBuild(true)
            .withExposedService("backend", 8080, Wait.forHealthcheck())
            .withExposedService("collector", 9464, Wait.forHealthcheck())
            .withExposedService("flink-jobmanager", 8081, Wait.forHealthcheck())
            .withRemoveVolumes(true)
            .withStartupTimeout(Duration.ofMinutes(25))) {
      stack.start();

      String backend =
          "http://"
              + stack.getServiceHost("backend", 8080)
              + ":"
              + stack.getServicePort("backend", 8080);
      assertThat(status(backend + "/q/health/ready")).isEqualTo(200);
      String collector =
          "http://"
              + stack.getServiceHost("collector", 9464)
              + ":"
              + stack.getServicePort("collector", 9464);
      assertThat(status(collector + "/health/ready")).isEqualTo(200);
      String flink =
          "http://"
              + stack.getServiceHost("flink-jobmanager", 8081)
              + ":"
              + stack.getServicePort("flink-jobmanager", 8081);
      // the submit service runs once the backend is healthy; give the jobs a minute to start
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      long running = 0;
      while (System.nanoTime() < deadline && running < 3) {
        running = 0;
        for (JsonNode job : getJson(flink + "/jobs/overview", null).path("jobs")) {
          if ("RUNNING".equals(job.path("state").asText())) {
            running++;
          }
        }
        if (running < 3) {
          Thread.sleep(2_000);
        }
      }
      assertThat(running).as("Flink jobs running").isEqualTo(3);
    }
  }

  private static int status(String url) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static JsonNode getJson(String url, String basicAuth) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (basicAuth != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(basicAuth.getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
    return YamlFiles.JSON.readTree(response.body());
  }
}
