package io.sloscout.collectors.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectMainTest {

  @TempDir Path tmp;

  /** What one in-process run printed and returned. */
  record Run(int exitCode, String out, String err) {}

  @Test
  void helpExplainsTheOptionsEnvironmentAndEndpoints() {
    Run r = run(Map.of(), "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains(
            "--kafka=HOST:PORT",
            "--embedded-kafka",
            "--data-dir=DIR",
            "--otlp-grpc-port=N",
            "--otlp-http-port=N",
            "--metrics-port=N",
            "--config=FILE",
            "--redact-at-edge",
            "SLO_SCOUT_AUTH_TOKEN",
            "/health/ready",
            "Exit codes");
  }

  @Test
  void kafkaAndEmbeddedKafkaTogetherAreAUsageError() {
    Run r = run(Map.of(), "--kafka", "localhost:9092", "--embedded-kafka");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("mutually exclusive", "Run 'slo-scout collect --help'");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    Run r = run(Map.of(), "--otlp-port", "4317");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--otlp-port");
  }

  @Test
  void withoutKafkaItSaysHowToChooseOne() {
    Run r = run(Map.of());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("no Kafka chosen: pass --kafka HOST:PORT or --embedded-kafka");
  }

  @Test
  void aPortOutOfRangeNamesTheFlag() {
    Run r = run(Map.of(), "--embedded-kafka", "--otlp-grpc-port", "70000");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--otlp-grpc-port", "'70000' is not a port");
  }

  @Test
  void aBadConfigFileNamesFileLineAndField() throws IOException {
    Path file = Files.writeString(tmp.resolve("collector.yaml"), "metrics:\n  prot: 9464\n");
    Run r = run(Map.of(), "--embedded-kafka", "--config", file.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(file + ":2:3: error: metrics.prot: unknown field 'prot'");
  }

  @Test
  void aBadEnvironmentVariableIsAUsageError() {
    Run r = run(Map.of("SLO_SCOUT_METRICS_PORT", "nine"), "--embedded-kafka");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("SLO_SCOUT_METRICS_PORT");
  }

  @Test
  void aPortInUseIsAUsageErrorNamingThePortBeforeKafkaStarts() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();
      Run r =
          run(
              Map.of(),
              "--embedded-kafka",
              "--data-dir",
              tmp.toString(),
              "--otlp-grpc-port",
              Integer.toString(port),
              "--otlp-http-port",
              "0",
              "--metrics-port",
              "0");
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.err())
          .contains("slo-scout collect: OTLP gRPC port " + port + " on 0.0.0.0 is already in use")
          .contains("--otlp-grpc-port");
      assertThat(tmp.resolve("kafka")).doesNotExist();
    }
  }

  @Test
  void itRunsUntilAskedToStopThenDrainsAndExitsZero() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CollectMain main = new CollectMain(Map.of("SLO_SCOUT_METRICS_HOST", "127.0.0.1"));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                CollectMain.commandLine(
                        main, new PrintWriter(out, true), new PrintWriter(err, true))
                    .execute(
                        "--embedded-kafka",
                        "--data-dir",
                        tmp.toString(),
                        "--otlp-grpc-port",
                        "0",
                        "--otlp-http-port",
                        "0",
                        "--metrics-port",
                        "0"));
    try {
      CollectorService service =
          main.awaitRunning(Duration.ofSeconds(90))
              .orElseThrow(() -> new AssertionError("not running; stderr: " + err));
      int metricsPort = service.endpoints().metrics().getPort();
      assertThat(err.toString())
          .contains("slo-scout collect: ready - OTLP gRPC 0.0.0.0:")
          .contains(", metrics http://127.0.0.1:" + metricsPort + "/metrics")
          .contains("(embedded, data in " + tmp.resolve("kafka") + ")");
      HttpResponse<String> ready =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + metricsPort + "/health/ready"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).isEqualTo(200);
    } finally {
      main.requestStop();
    }

    assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
    assertThat(err.toString())
        .contains("slo-scout collect: draining", "slo-scout collect: stopped");
    assertThat(tmp.resolve("kafka").resolve("meta.properties")).exists();
  }

  @Test
  void asAProcessVersionPrintsAndExits() throws Exception {
    Process process = java("--version").start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .startsWith("slo-scout collect ");
  }

  @Test
  void asAProcessSigtermDrainsAndExitsZero() throws Exception {
    Process process =
        java(
                "--embedded-kafka",
                "--data-dir",
                tmp.toString(),
                "--otlp-grpc-port",
                "0",
                "--otlp-http-port",
                "0",
                "--metrics-port",
                "0")
            .start();
    StringBuilder err = new StringBuilder();
    CountDownLatch ready = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  synchronized (err) {
                    err.append(line).append('\n');
                  }
                  if (line.contains("slo-scout collect: ready - ")) {
                    ready.countDown();
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            });
    reader.start();
    try {
      assertThat(ready.await(120, TimeUnit.SECONDS)).as("ready; stderr: %s", err).isTrue();
      // SIGTERM; Process.destroy() would also close our end of its stderr
      process.toHandle().destroy();
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("exited; stderr: %s", err).isTrue();
      reader.join(10_000);
      assertThat(process.exitValue()).as(err.toString()).isZero();
      assertThat(err.toString())
          .contains("slo-scout collect: draining", "slo-scout collect: stopped");
    } finally {
      process.destroyForcibly();
    }
  }

  /** The collector's main in a child JVM on this test's class path. */
  private static ProcessBuilder java(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CollectMain.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  private static Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      code = CollectMain.commandLine(new CollectMain(env), o, e).execute(args);
    }
    return new Run(code, out.toString(), err.toString());
  }
}
