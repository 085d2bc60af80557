package io.sloscout.cli;

import static io.sloscout.cli.gate.GateHistory.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sloscout.cli.gate.GateHistory;
import io.sloscout.cli.gate.PrometheusTestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code slo-scout gate} and {@code gate serve} against a real Prometheus holding 30 days of
 * history the test made: one job per scenario, all judged at {@link GateHistory#T}.
 */
class GatePrometheusTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path work;
  private static Path slos;
  private static PrometheusTestServer prometheus;

  @BeforeAll
  static void startPrometheus() throws Exception {
    work = Files.createTempDirectory("gate-prometheus");
    slos = Files.createDirectories(work.resolve("slos"));
    Files.writeString(
        slos.resolve("healthy.yaml"), GateHistory.availabilitySlo("healthy", "essential"));
    Files.writeString(
        slos.resolve("fastburn.yaml"), GateHistory.availabilitySlo("fastburn", "essential"));
    Files.writeString(
        slos.resolve("exhausted.yaml"), GateHistory.availabilitySlo("exhausted", "essential"));
    Files.writeString(
        slos.resolve("trickle.yaml"), GateHistory.availabilitySlo("trickle", "essential"));
    Files.writeString(slos.resolve("latency.yaml"), GateHistory.latencySlo());
    prometheus = PrometheusTestServer.start(work, GateHistory.openMetrics());
  }

  @AfterAll
  static void stopPrometheus() throws Exception {
    try {
      if (prometheus != null) {
        prometheus.close();
      }
    } finally {
      // The blocks are megabytes; leave nothing behind in the build folder.
      try (var paths = Files.walk(work)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  record Result(int exitCode, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }

    List<String> reasons() throws Exception {
      List<String> r = new ArrayList<>();
      json().path("reasons").forEach(n -> r.add(n.asText()));
      return r;
    }
  }

  private static Result gate(String... args) {
    List<String> all = new ArrayList<>(List.of("gate"));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      code = SloScoutCommand.commandLine(o, e).execute(all.toArray(String[]::new));
    }
    return new Result(code, out.toString(), err.toString());
  }

  private static Result gateAtT(String sloFile, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--prometheus",
                prometheus.url(),
                "--slo",
                slos.resolve(sloFile).toString(),
                "--time",
                T.toString()));
    args.addAll(List.of(more));
    return gate(args.toArray(String[]::new));
  }

  @Test
  void aHealthyCanaryIsPromotedWithExitCode0() throws Exception {
    Result r = gateAtT("healthy.yaml");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    JsonNode j = r.json();
    assertThat(j.path("decision").asText()).isEqualTo("promote");
    assertThat(r.reasons())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .matches(
            "healthy-availability: healthy: burn rate 0\\.2× over 30m and 0\\.2× over 6h within"
                + " 6× \\(page\\); budget remaining 80%; 360\\d\\d events over 1h");
    assertThat(j.path("burnRates").path("5m").asDouble()).isCloseTo(0.2, within(0.01));
    assertThat(j.path("burnRates").path("30d").asDouble()).isCloseTo(0.2, within(0.01));
    assertThat(j.path("errorBudgetRemaining").asDouble()).isCloseTo(0.8, within(0.01));
    assertThat(j.path("slos").get(0).path("blocking").asBoolean()).isTrue();
    assertThat(j.path("time").asText()).isEqualTo("2024-06-05T12:00:00Z");
  }

  @Test
  void aFastBurnInTheLastHalfHourIsRolledBackWithExitCode1() throws Exception {
    Result r = gateAtT("fastburn.yaml");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    assertThat(r.json().path("decision").asText()).isEqualTo("rollback");
    // 5% errors for 30 minutes: 50x the budget rate over 5m, about half of that over 1h.
    assertThat(r.reasons())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .matches(
            "fastburn-availability: burn rate 50\\.0× over 5m and 2[45]\\.\\d× over 1h exceeds"
                + " 14\\.4× \\(page\\); budget remaining 7[67](\\.\\d)?%");
    assertThat(r.json().path("burnRates").path("5m").asDouble()).isCloseTo(50, within(0.5));
  }

  @Test
  void anExhaustedBudgetIsRolledBackThoughTheServiceIsHealthyNow() throws Exception {
    Result r = gateAtT("exhausted.yaml");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    assertThat(r.json().path("decision").asText()).isEqualTo("rollback");
    assertThat(r.reasons())
        .anySatisfy(
            s ->
                assertThat(s)
                    .matches(
                        "exhausted-availability: error budget exhausted: budget remaining"
                            + " -3\\d(\\.\\d)?% over 30d \\(error ratio 0\\.13\\d+%, objective"
                            + " 99\\.9%\\)"));
    assertThat(r.reasons()).noneMatch(s -> s.contains("burn rate"));
    assertThat(r.json().path("errorBudgetRemaining").asDouble()).isCloseTo(-0.38, within(0.02));
  }

  @Test
  void aLatencyRegressionMeasuredFromHistogramBucketsIsRolledBack() throws Exception {
    Result r = gateAtT("latency.yaml");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    assertThat(r.json().path("decision").asText()).isEqualTo("rollback");
    // 40% of requests slower than 250ms against a 1% budget: 40x over 5m and 1h.
    assertThat(r.reasons())
        .contains(
            "latency-fast-responses: burn rate 40.0× over 5m and 40.0× over 1h exceeds 14.4×"
                + " (page); budget remaining 74.5%");
    assertThat(r.json().path("burnRates").path("5m").asDouble()).isCloseTo(40, within(0.1));
  }

  @Test
  void aTrickleOfTrafficIsInconclusiveWithExitCode3() throws Exception {
    Result r = gateAtT("trickle.yaml");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
    assertThat(r.json().path("decision").asText()).isEqualTo("inconclusive");
    assertThat(r.reasons())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .matches(
            "trickle-availability: only 3[67] events over 1h, fewer than the 100 needed to judge"
                + " burn rates");
  }

  @Test
  void allScenariosTogetherRollBackAndExplainTheRollbacksFirst() throws Exception {
    Result r =
        gate("--prometheus", prometheus.url(), "--slo", slos.toString(), "--time", T.toString());

    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    JsonNode j = r.json();
    assertThat(j.path("slos")).hasSize(5);
    assertThat(j.path("burnRates").path("5m").asDouble()).isCloseTo(50, within(0.5));
    assertThat(j.path("errorBudgetRemaining").asDouble()).isCloseTo(-0.38, within(0.02));
    assertThat(r.reasons().get(0)).doesNotContain("healthy").doesNotContain("only 3");
  }

  @Test
  void markdownSummarisesTheDecisionForAPullRequest() {
    Result r = gateAtT("fastburn.yaml", "--format", "md");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out())
        .startsWith("## SLO release gate: ❌ **rollback**\n")
        .contains("| `fastburn-availability` | ❌ rollback | yes | 7")
        .contains("\n### Reasons\n\n- fastburn-availability: burn rate 50.0× over 5m");
  }

  @Test
  void unixSecondsAndRfc3339NameTheSameInstant() throws Exception {
    Result rfc = gateAtT("healthy.yaml");
    Result unix =
        gate(
            "--prometheus",
            prometheus.url(),
            "--slo",
            slos.resolve("healthy.yaml").toString(),
            "--time",
            Long.toString(T.getEpochSecond()));

    assertThat(unix.exitCode()).isEqualTo(0);
    assertThat(unix.out()).isEqualTo(rfc.out());
  }

  @Test
  void aPolicyFileChangesTheVerdict() throws Exception {
    Path policy = work.resolve("lenient-trickle.yaml");
    Files.writeString(
        policy,
        "apiVersion: slo-scout.io/v1\n"
            + "kind: GatePolicy\n"
            + "overrides:\n"
            + "  - when: slo.service == \"trickle\"\n"
            + "    minEvents: 10\n");

    Result r = gateAtT("trickle.yaml", "--policy", policy.toString());

    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    assertThat(r.json().path("policy").asText()).isEqualTo(policy.toString());
  }

  @Test
  void anInvalidPolicyIsAnInputErrorNamingFileAndLine() throws Exception {
    Path policy = work.resolve("broken-policy.yaml");
    Files.writeString(
        policy,
        "apiVersion: slo-scout.io/v1\nkind: GatePolicy\noverrides:\n  - when: slo.tier ==\n"
            + "    blocking: false\n");

    Result r = gateAtT("healthy.yaml", "--policy", policy.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains(policy + ":4:").contains("overrides[0].when: invalid CEL");
  }

  @Test
  void anUnreachablePrometheusIsAnInputErrorWithAClearMessage() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }

    Result r =
        gate(
            "--prometheus",
            "http://127.0.0.1:" + closed,
            "--slo",
            slos.resolve("healthy.yaml").toString(),
            "--time",
            T.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("cannot reach Prometheus at http://127.0.0.1:" + closed)
        .doesNotContain("internal error")
        .doesNotContain("\tat ");
  }

  @Test
  void aBadTimeAndAMissingOptionAreUsageErrors() {
    Result r =
        gate(
            "--prometheus",
            prometheus.url(),
            "--slo",
            slos.resolve("healthy.yaml").toString(),
            "--time",
            "noon");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--time: 'noon' is neither an RFC 3339 time");
    Result missing = gate("--slo", slos.resolve("healthy.yaml").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--prometheus URL is required");
  }

  @Test
  void theHttpEndpointAnswersTheDecisionForArgoRollouts() throws Exception {
    GateOptions options = new GateOptions();
    options.prometheus = prometheus.url();
    options.slos = List.of(slos);
    options.alertProfile = "google";
    options.queryTimeoutSeconds = 30;
    GateOptions.Setup setup = options.load(new PrintWriter(new StringWriter()));
    HttpClient http = HttpClient.newHttpClient();
    try (GateServer server =
        new GateServer(setup, "127.0.0.1", 0, Clock.fixed(T, ZoneOffset.UTC))) {
      String base = "http://127.0.0.1:" + server.port();

      HttpResponse<String> burning = get(http, base + "/decision?service=fastburn");
      HttpResponse<String> healthy =
          get(http, base + "/decision?slo=healthy-availability&time=" + T.getEpochSecond());
      HttpResponse<String> none = get(http, base + "/decision?service=nope");
      HttpResponse<String> badTime = get(http, base + "/decision?time=soon");
      HttpResponse<String> health = get(http, base + "/healthz");

      assertThat(burning.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(burning.body()).path("decision").asText()).isEqualTo("rollback");
      assertThat(JSON.readTree(burning.body()).path("slos")).hasSize(1);
      assertThat(healthy.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(healthy.body()).path("decision").asText()).isEqualTo("promote");
      assertThat(none.statusCode()).isEqualTo(404);
      assertThat(badTime.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(badTime.body()).path("error").asText()).contains("'soon'");
      assertThat(health.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theHttpEndpointAnswers503WhenPrometheusIsDown() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    GateOptions options = new GateOptions();
    options.prometheus = "http://127.0.0.1:" + closed;
    options.slos = List.of(slos.resolve("healthy.yaml"));
    options.alertProfile = "google";
    options.queryTimeoutSeconds = 30;
    GateOptions.Setup setup = options.load(new PrintWriter(new StringWriter()));
    try (GateServer server =
        new GateServer(setup, "127.0.0.1", 0, Clock.fixed(T, ZoneOffset.UTC))) {
      HttpResponse<String> r =
          get(HttpClient.newHttpClient(), "http://127.0.0.1:" + server.port() + "/decision");

      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(JSON.readTree(r.body()).path("error").asText())
          .contains("cannot reach Prometheus");
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
