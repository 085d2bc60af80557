package io.sloscout.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sloscout.app.testing.Api;
import io.sloscout.app.testing.TestShop;
import io.sloscout.app.testing.UpProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two runs of {@code slo-scout up} on one data directory: the second finds what the first stored
 * and resumes the Flink jobs from their savepoints; then a child JVM that dies is reported and
 * takes the rest of the stack down with a non-zero exit.
 */
class RestartIT {

  private UpProcess up;
  private Path data;

  @AfterEach
  void stopWhatIsLeft() throws Exception {
    if (up != null) {
      up.close();
    }
    UpProcess.deleteDataDir(data);
  }

  @Test
  void aRestartKeepsTheDataAndACrashedChildStopsTheStack() throws Exception {
    var jar = UpProcess.jar();
    assumeTrue(jar.isPresent(), "the packaged supervisor jar (mvn package)");
    data = Files.createTempDirectory("slo-scout-restart-it-");

    // first run: data in, a clean stop
    up = UpProcess.startReady(jar.get(), data);
    TestShop.send(up.grpcPort(), up.otlpHttpPort(), Duration.ofMinutes(4));
    Api api = new Api(up.httpPort(), up.token());
    long requests = awaitProductRequests(api);
    assertThat(up.terminate()).as(up.output()).isZero();
    assertThat(Files.readString(data.resolve("flink/resume.properties")))
        .contains("redact-fingerprint.savepoint=", "journeys.savepoint=", "embed.savepoint=");

    // second run on the same directory: the data is there, the jobs resume
    up = UpProcess.startReady(jar.get(), data);
    assertThat(up.output())
        .contains("redact-fingerprint resumed from", "journeys resumed from", "embed resumed from");
    api = new Api(up.httpPort(), up.token());
    JsonNode product = journey(api.getJson("/api/v1/journeys?limit=1000"));
    assertThat(product).as("the journey stored by the first run").isNotNull();
    assertThat(product.path("requests").asLong()).isGreaterThanOrEqualTo(requests);

    // a child that dies: reported with its exit code, the rest stopped, exit code 1
    List<ProcessHandle> children = up.children();
    ProcessHandle backend =
        children.stream()
            .filter(c -> c.info().commandLine().orElse("").contains("QuarkusEntryPoint"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no backend JVM among " + children));
    backend.destroyForcibly();
    assertThat(up.awaitExit()).as(up.output()).isEqualTo(UpMain.FAILED);
    String log = up.output();
    assertThat(log).contains("backend exited unexpectedly with code 137");
    assertThat(log.indexOf("backend exited unexpectedly"))
        .isLessThan(log.indexOf("stopping flink"));
    assertThat(log).contains("stopped with exit code 1");
    for (ProcessHandle child : children) {
      child.onExit().get(1, TimeUnit.MINUTES);
    }
  }

  private static long awaitProductRequests(Api api) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
    while (true) {
      JsonNode product = journey(api.getJson("/api/v1/journeys?limit=1000"));
      if (product != null && product.path("requests").asLong() > 0) {
        return product.path("requests").asLong();
      }
      assertThat(System.nanoTime()).as("journeys within 8 minutes").isLessThan(deadline);
      Thread.sleep(3000);
    }
  }

  private static JsonNode journey(JsonNode page) {
    if (page == null) {
      return null;
    }
    for (JsonNode j : page.path("items")) {
      if (j.path("id").asText().equals("frontend-get-product-id")) {
        return j;
      }
    }
    return null;
  }
}
