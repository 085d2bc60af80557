package io.sloscout.cli.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sloscout.cli.SloScoutCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slo-scout check --grpc} against a real gRPC server on 127.0.0.1 whose health check reports
 * SERVING after about a second. Runs are short (100 rps for 2 s); the only tolerance on timing is
 * ±10 % on the server's call count.
 */
class CheckGrpcTest {

  private static final int RPS = 100;
  private static final int SECONDS = 2;
  private static final long SCHEDULED = RPS * SECONDS;
  private static final String[] ASSERTIONS = {
    "--assert", "error-rate<=0.01", "--assert", "latency-p95<=250ms"
  };

  @TempDir Path dir;

  @Test
  void theOkMethodPassesAfterTheHealthCheckReportsServing() throws Exception {
    try (GrpcTestService service = new GrpcTestService(Duration.ofSeconds(1))) {
      Run run = check(service, "test.Echo/Ok");

      assertThat(run.exitCode).as(run.err).isEqualTo(SloScoutCommand.OK);
      assertThat(service.healthChecks()).as("asked until SERVING").isGreaterThan(1);
      assertThat(service.loadArrivedBeforeServing()).as("load before readiness").isFalse();
      assertThat(service.loadCalls()).isCloseTo(SCHEDULED, within(SCHEDULED / 10));
      assertThat(run.report.get("requests").asLong()).isEqualTo(SCHEDULED);
      assertThat(run.report.get("errorRate").asDouble()).isZero();
      assertThat(run.report.get("statusCounts").get("0").asLong()).isEqualTo(SCHEDULED);
      assertThat(run.report.get("method").asText()).isEqualTo("GRPC");
      assertThat(run.report.get("target").asText())
          .isEqualTo("grpc://" + service.target() + "/test.Echo/Ok");
      assertThat(run.report.get("readyAfterSeconds").asDouble()).isGreaterThan(0.5);
      assertThat(passed(run.report)).containsExactly(true, true);
    }
  }

  @Test
  void theFlakyMethodFailsOnlyItsErrorRateAndReportsTheServersShare() throws Exception {
    try (GrpcTestService service = new GrpcTestService(Duration.ZERO)) {
      Run run = check(service, "test.Echo/Flaky");

      assertThat(run.exitCode).as(run.err).isEqualTo(SloScoutCommand.FAILED);
      assertThat(service.loadCalls()).isCloseTo(SCHEDULED, within(SCHEDULED / 10));
      double errorRate = run.report.get("errorRate").asDouble();
      assertThat(errorRate).isCloseTo(service.flakyErrorShare(), within(0.005));
      assertThat(errorRate).isCloseTo(0.1, within(0.01));
      JsonNode kinds = run.report.get("errorsByKind");
      assertThat(kinds.get("UNAVAILABLE").asLong()).isPositive();
      assertThat(kinds.get("INTERNAL").asLong()).isPositive();
      assertThat(kinds.get("UNAVAILABLE").asLong() + kinds.get("INTERNAL").asLong())
          .isEqualTo(run.report.get("errors").asLong());
      // INTERNAL came back from the server: an answer under its code number (13)
      assertThat(run.report.get("statusCounts").get("13").asLong())
          .isEqualTo(kinds.get("INTERNAL").asLong());
      assertThat(passed(run.report)).containsExactly(false, true);
      assertThat(run.err).contains("FAIL error-rate<=0.01").contains("FAILED: 1 assertion fails");
    }
  }

  @Test
  void theSlowMethodFailsOnlyItsLatency() throws Exception {
    try (GrpcTestService service = new GrpcTestService(Duration.ZERO)) {
      Run run = check(service, "test.Echo/Slow");

      assertThat(run.exitCode).as(run.err).isEqualTo(SloScoutCommand.FAILED);
      assertThat(service.loadCalls()).isCloseTo(SCHEDULED, within(SCHEDULED / 10));
      assertThat(run.report.get("latencyMs").get("p95").asDouble())
          .isGreaterThanOrEqualTo(GrpcTestService.SLOW.toMillis());
      assertThat(run.report.get("errorRate").asDouble()).isZero();
      assertThat(passed(run.report)).containsExactly(true, false);
    }
  }

  @Test
  void anUnknownMethodIsReportedAsUnimplementedErrors() throws Exception {
    try (GrpcTestService service = new GrpcTestService(Duration.ZERO)) {
      Run run = check(service, "test.Echo/Nope");

      assertThat(run.exitCode).as(run.err).isEqualTo(SloScoutCommand.FAILED);
      assertThat(service.unknownCalls()).isCloseTo(SCHEDULED, within(SCHEDULED / 10));
      assertThat(run.report.get("errorRate").asDouble()).isEqualTo(1.0);
      assertThat(run.report.get("errorsByKind").get("UNIMPLEMENTED").asLong()).isEqualTo(SCHEDULED);
      assertThat(run.err)
          .contains("answered UNIMPLEMENTED")
          .contains("does not offer test.Echo/Nope");
    }
  }

  @Test
  void aBadGrpcMethodIsAUsageErrorBeforeAnyCall() throws Exception {
    try (GrpcTestService service = new GrpcTestService(Duration.ZERO)) {
      Run run =
          run(
              "check",
              "--grpc",
              "--target",
              service.target(),
              "--grpc-method",
              "test.Echo.Ok",
              "--ready",
              "grpc-health");

      assertThat(run.exitCode).isEqualTo(SloScoutCommand.USAGE);
      assertThat(run.err).contains("--grpc-method: 'test.Echo.Ok' is not a gRPC method");
      assertThat(service.healthChecks() + service.loadCalls() + service.unknownCalls()).isZero();
    }
  }

  @Test
  void grpcOptionsWithoutTheirPartnerAreUsageErrors() {
    Run noMethod = run("check", "--grpc", "--target", "127.0.0.1:1");
    Run noGrpc = run("check", "--target", "grpc://127.0.0.1:1", "--grpc-method", "a.B/C");
    Run schemeOnly = run("check", "--target", "grpc://127.0.0.1:1");

    assertThat(noMethod.exitCode).isEqualTo(SloScoutCommand.USAGE);
    assertThat(noMethod.err).contains("--grpc needs --grpc-method");
    assertThat(noGrpc.exitCode).isEqualTo(SloScoutCommand.USAGE);
    assertThat(noGrpc.err).contains("--grpc-method needs --grpc");
    assertThat(schemeOnly.exitCode).isEqualTo(SloScoutCommand.USAGE);
    assertThat(schemeOnly.err).contains("is a gRPC target: add --grpc");
  }

  @Test
  void aTargetNobodyListensOnNeverBecomesReady() throws Exception {
    int port;
    // a port that was free a moment ago; nothing listens on it once the socket is closed
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Run run =
        run(
            "check",
            "--grpc",
            "--target",
            "grpc://127.0.0.1:" + port,
            "--grpc-method",
            "test.Echo/Ok",
            "--ready-timeout",
            "1s",
            "--rps",
            "10",
            "--duration",
            "1s");

    assertThat(run.exitCode).as(run.err).isEqualTo(SloScoutCommand.USAGE);
    assertThat(run.err).contains("did not accept a gRPC connection").contains("never became ready");
  }

  @Test
  void writesMarkdownWithTheGrpcTarget() throws Exception {
    try (GrpcTestService service = new GrpcTestService(Duration.ZERO)) {
      Path body = dir.resolve("request.bin");
      Files.write(body, new byte[] {0x0A, 0x03, 'a', 'b', 'c'});
      Path report = dir.resolve("out/check.md");
      Run run =
          run(
              "check",
              "--grpc",
              "--target",
              service.target(),
              "--grpc-method",
              "test.Echo/Ok",
              "--body-file",
              body.toString(),
              "-H",
              "x-tenant: shop",
              "--rps",
              "20",
              "--duration",
              "1s",
              "--format",
              "md",
              "--report",
              report.toString());

      assertThat(run.exitCode).as(run.err).isEqualTo(SloScoutCommand.OK);
      assertThat(Files.readString(report))
          .startsWith("## SLO check: passed")
          .contains("`GRPC grpc://" + service.target() + "/test.Echo/Ok`");
      assertThat(run.err).contains("(5 byte request)");
    }
  }

  private Run check(GrpcTestService service, String method) throws Exception {
    Path report = dir.resolve("report.json");
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "check",
            "--grpc",
            "--target",
            service.target(),
            "--grpc-method",
            method,
            "--ready",
            "grpc-health",
            "--ready-timeout",
            "20s",
            "--rps",
            String.valueOf(RPS),
            "--duration",
            SECONDS + "s",
            "--progress-interval",
            "1s",
            "--report",
            report.toString()));
    args.addAll(List.of(ASSERTIONS));
    Run run = run(args.toArray(String[]::new));
    assertThat(report).as(run.err).exists();
    return new Run(run.exitCode, run.out, run.err, new ObjectMapper().readTree(report.toFile()));
  }

  private static List<Boolean> passed(JsonNode report) {
    List<Boolean> out = new ArrayList<>();
    report.get("assertions").forEach(a -> out.add(a.get("passed").asBoolean()));
    return out;
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      code = SloScoutCommand.commandLine(o, e).execute(args);
    }
    return new Run(code, out.toString(), err.toString(), null);
  }

  private record Run(int exitCode, String out, String err, JsonNode report) {}
}
