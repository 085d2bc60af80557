package io.sloscout.cli.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sloscout.cli.SloScoutCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slo-scout check} against a real local service that becomes ready after about a second.
 * Runs are short (100 rps for 2 s); the only tolerance on timing is the issue's ±10 % on counts.
 */
class CheckCommandTest {

  private static final int RPS = 100;
  private static final int SECONDS = 2;
  private static final long SCHEDULED = RPS * SECONDS;
  private static final String[] ASSERTIONS = {
    "--assert", "error-rate<=0.01", "--assert", "latency-p95<=250ms", "--assert", "rps>=90"
  };

  /** An availability SLO shipped with the examples; tests run in the cli module folder. */
  private static final String SLO_FILE = "../examples/slos/native/checkout-availability.yaml";

  @TempDir Path dir;

  @Test
  void theHealthyRoutePassesAfterWaitingForReadiness() throws Exception {
    try (LoadTestService service = new LoadTestService(Duration.ofSeconds(1))) {
      Run run = check(service, "/healthy");

      assertThat(run.exitCode).as(run.err).isEqualTo(SloScoutCommand.OK);
      assertThat(service.readyProbes())
          .as("/ready was asked until it answered 2xx")
          .isGreaterThan(1);
      assertThat(service.loadArrivedBeforeReady()).as("load before readiness").isFalse();
      assertThat(service.loadRequests()).isCloseTo(SCHEDULED, within(SCHEDULED / 10));
      assertThat(run.report.get("requests").asLong()).isEqualTo(SCHEDULED);
      assertThat(run.report.get("errorRate").asDouble()).isZero();
      assertThat(run.report.get("passed").asBoolean()).isTrue();
      assertThat(run.report.get("readyAfterSeconds").asDouble()).isGreaterThan(0.5);
      assertThat(passed(run.report)).containsExactly(true, true, true);
    }
  }

  @Test
  void theRouteWithTenPercentErrorsFailsOnlyItsErrorRateAndReportsTheServersShare()
      throws Exception {
    try (LoadTestService service = new LoadTestService(Duration.ofSeconds(1))) {
      Run run = check(service, "/flaky");

      assertThat(run.exitCode).as(run.err).isEqualTo(SloScoutCommand.FAILED);
      assertThat(service.loadArrivedBeforeReady()).isFalse();
      assertThat(service.loadRequests()).isCloseTo(SCHEDULED, within(SCHEDULED / 10));
      assertThat(run.report.get("errorRate").asDouble())
          .isCloseTo(service.flakyErrorShare(), within(0.005));
      assertThat(run.report.get("errorRate").asDouble()).isCloseTo(0.1, within(0.01));
      assertThat(run.report.get("errorsByKind").get("http-5xx").asLong())
          .isEqualTo(run.report.get("statusCounts").get("500").asLong());
      assertThat(passed(run.report)).containsExactly(false, true, true);
      assertThat(run.err).contains("FAIL error-rate<=0.01").contains("FAILED: 1 assertion fails");
    }
  }

  @Test
  void theSlowRouteFailsOnlyItsLatency() throws Exception {
    try (LoadTestService service = new LoadTestService(Duration.ofSeconds(1))) {
      Run run = check(service, "/slow");

      assertThat(run.exitCode).as(run.err).isEqualTo(SloScoutCommand.FAILED);
      assertThat(service.loadArrivedBeforeReady()).isFalse();
      assertThat(service.loadRequests()).isCloseTo(SCHEDULED, within(SCHEDULED / 10));
      assertThat(run.report.get("latencyMs").get("p95").asDouble())
          .isGreaterThanOrEqualTo(LoadTestService.SLOW.toMillis());
      assertThat(passed(run.report)).containsExactly(true, false, true);
    }
  }

  @Test
  void aTargetThatNeverBecomesReadyExitsTwoWithoutLoad() throws Exception {
    try (LoadTestService service = new LoadTestService(Duration.ofHours(1))) {
      Run run =
          run(
              "check",
              "--target",
              service.url("/healthy"),
              "--ready",
              service.url("/ready"),
              "--ready-timeout",
              "1s",
              "--rps",
              "10",
              "--duration",
              "1s");

      assertThat(run.exitCode).isEqualTo(SloScoutCommand.USAGE);
      assertThat(run.err).contains("never became ready").contains("HTTP 503");
      assertThat(service.readyProbes()).isPositive();
      assertThat(service.loadRequests()).isZero();
    }
  }

  @Test
  void aBadAssertionIsAUsageErrorNamingItBeforeAnyRequest() throws Exception {
    try (LoadTestService service = new LoadTestService(Duration.ZERO)) {
      Run run =
          run(
              "check",
              "--target",
              service.url("/healthy"),
              "--assert",
              "latency-p95<=200ms",
              "--assert",
              "latency-p97<=1s");

      assertThat(run.exitCode).isEqualTo(SloScoutCommand.USAGE);
      assertThat(run.err).contains("--assert 'latency-p97<=1s'").contains("unknown metric");
      assertThat(service.readyProbes() + service.loadRequests()).isZero();
    }
  }

  @Test
  void requestsHeldBackByTheInFlightGuardAreErrorsOfTheirOwnKind() throws Exception {
    try (LoadTestService service = new LoadTestService(Duration.ZERO)) {
      Path report = dir.resolve("guard.json");
      Run run =
          run(
              "check",
              "--target",
              service.url("/slow"),
              "--rps",
              "100",
              "--duration",
              "1s",
              "--max-in-flight",
              "5",
              "--assert",
              "error-rate<=0.5",
              "--report",
              report.toString());

      JsonNode json = new ObjectMapper().readTree(report.toFile());
      assertThat(run.exitCode).as(run.err).isEqualTo(SloScoutCommand.FAILED);
      long heldBack = json.get("errorsByKind").get("max-in-flight").asLong();
      // 300 ms answers with at most 5 in flight leave room for few of the 100 requests
      assertThat(heldBack).isGreaterThan(50);
      assertThat(json.get("sent").asLong()).isEqualTo(100 - heldBack);
      // without --ready the readiness probe goes to the target itself: one request more
      assertThat(service.loadRequests()).isEqualTo(100 - heldBack + 1);
      assertThat(run.err).contains("max-in-flight");
    }
  }

  @Test
  void sloFilesEvaluatedOnPrometheusAfterTheRunCanFailAnOtherwiseHealthyCheck() throws Exception {
    try (LoadTestService service = new LoadTestService(Duration.ZERO);
        FakePrometheus prometheus = new FakePrometheus(1.0)) {
      Path report = dir.resolve("slo.json");
      Run run =
          run(
              "check",
              "--target",
              service.url("/healthy"),
              "--rps",
              "20",
              "--duration",
              "1s",
              "--assert",
              "error-rate<=0.01",
              "--slo",
              SLO_FILE,
              "--prometheus",
              prometheus.url(),
              "--report",
              report.toString());

      JsonNode json = new ObjectMapper().readTree(report.toFile());
      assertThat(run.exitCode).as(run.err).isEqualTo(SloScoutCommand.FAILED);
      assertThat(passed(json)).containsExactly(true);
      assertThat(json.get("slo").get("decision").asText()).isEqualTo("rollback");
      assertThat(json.get("slo").get("reasons").toString()).contains("error budget exhausted");
      assertThat(prometheus.queries()).isPositive();
      assertThat(run.err).contains("SLOs say rollback");
    }
  }

  @Test
  void aMissingSloFileIsAUsageErrorBeforeAnyLoad() throws Exception {
    try (LoadTestService service = new LoadTestService(Duration.ZERO);
        FakePrometheus prometheus = new FakePrometheus(0)) {
      Run run =
          run(
              "check",
              "--target",
              service.url("/healthy"),
              "--slo",
              dir.resolve("missing.yaml").toString(),
              "--prometheus",
              prometheus.url());

      assertThat(run.exitCode).as(run.err).isEqualTo(SloScoutCommand.USAGE);
      assertThat(run.err).contains("missing.yaml");
      assertThat(service.readyProbes() + service.loadRequests()).isZero();
      assertThat(prometheus.queries()).isZero();
    }
  }

  @Test
  void writesTheReportAsMarkdownWithFormatMd() throws Exception {
    try (LoadTestService service = new LoadTestService(Duration.ZERO)) {
      Path report = dir.resolve("out/check.md");
      Run run =
          run(
              "check",
              "--target",
              service.url("/flaky"),
              "--rps",
              "50",
              "--duration",
              "1s",
              "--assert",
              "error-rate<=1%",
              "--format",
              "md",
              "--report",
              report.toString());

      assertThat(run.exitCode).as(run.err).isEqualTo(SloScoutCommand.FAILED);
      String md = Files.readString(report);
      assertThat(md)
          .startsWith("## SLO check: FAILED")
          .contains("| `error-rate<=1%` | 10.00% | **FAIL** |")
          .contains("`500` 5");
      assertThat(run.out).isEmpty();
    }
  }

  private Run check(LoadTestService service, String route) throws Exception {
    Path report = dir.resolve("report.json");
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "check",
            "--target",
            service.url(route),
            "--ready",
            service.url("/ready"),
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
