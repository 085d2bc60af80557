package io.sloscout.cli;

import io.grpc.Metadata;
import io.sloscout.cli.check.GrpcLoadClient;
import io.sloscout.cli.check.GrpcMethod;
import io.sloscout.cli.check.GrpcReadiness;
import io.sloscout.cli.check.GrpcTarget;
import io.sloscout.cli.check.LoadDriver;
import io.sloscout.cli.check.LoadHttpClient;
import io.sloscout.cli.check.LoadRequest;
import io.sloscout.cli.check.ReadinessProbe;
import io.sloscout.cli.check.ReadinessWait;
import io.sloscout.core.check.AssertionResult;
import io.sloscout.core.check.CheckAssertion;
import io.sloscout.core.check.CheckDurations;
import io.sloscout.core.check.CheckReport;
import io.sloscout.core.check.CheckReportWriter;
import io.sloscout.core.check.LoadSchedule;
import io.sloscout.core.check.LoadSummary;
import io.sloscout.core.check.SloEvaluation;
import io.sloscout.core.gate.GateDecision;
import io.sloscout.core.gate.ReleaseGate;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slo-scout check}: readiness wait, open-loop HTTP or gRPC load, assertions, report. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Waits until --ready (default: the target) answers 2xx, then sends requests to --target at"
          + " a fixed rate (open loop: latency runs from each request's intended send time, so a"
          + " slow target cannot slow the load down and hide its own latency), and checks the"
          + " --assert limits on what it measured.",
      "",
      "gRPC: with --grpc, --target is host:port (or grpc://host:port; grpcs://host:port for TLS)"
          + " and every request is a unary call of --grpc-method package.Service/Method with the"
          + " serialized protobuf request from --body-file (no generated stubs needed), --header"
          + " as metadata and --timeout as the deadline. Readiness: by default the channel must"
          + " connect; --ready grpc-health[:SERVICE] waits until grpc.health.v1.Health/Check"
          + " reports SERVING; --ready URL waits for an HTTP 2xx. OK is a success; any other"
          + " status is an error counted under its name (UNAVAILABLE, DEADLINE_EXCEEDED,"
          + " INTERNAL, ...). statusCounts holds the server's answers by code number (0 OK,"
          + " 13 INTERNAL); DEADLINE_EXCEEDED, UNAVAILABLE and CANCELLED count like a timeout or"
          + " a connection failure, without a latency.",
      "",
      "Assertions: error-rate, latency-p50, latency-p90, latency-p95, latency-p99, latency-max,"
          + " rps with <=, <, >=, >; e.g. --assert 'error-rate<=0.01' --assert"
          + " 'latency-p95<=200ms' --assert 'rps>=95'. An error is a 4xx/5xx answer (gRPC: a"
          + " status other than OK), a timeout, a connection failure, or a request held back by"
          + " --max-in-flight.",
      "",
      "With --slo and --prometheus, the SLOs are also evaluated on Prometheus after the run, as"
          + " 'slo-scout gate' does (same --policy and --alert-profile); the check passes only if"
          + " the gate would promote.",
      "",
      "The report (JSON, or Markdown with --format md) goes to --report FILE, else to stdout;"
          + " progress and the verdict go to stderr.",
      "",
      "Exit codes: 0 every assertion holds, 1 one fails, 2 the target never became ready or a"
          + " usage error."
    })
final class CheckCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--target",
      required = true,
      paramLabel = "URL|HOST:PORT",
      description = "URL to load; with --grpc: host:port, grpc://host:port or grpcs://host:port.")
  String target;

  @Option(
      names = "--grpc",
      description = "Send unary gRPC calls of --grpc-method instead of HTTP requests.")
  boolean grpc;

  @Option(
      names = "--grpc-method",
      paramLabel = "SERVICE/METHOD",
      description = "With --grpc: the full method name, e.g. shop.v1.Checkout/PlaceOrder.")
  String grpcMethod;

  @Option(
      names = "--ready",
      paramLabel = "URL|grpc-health[:SERVICE]",
      description =
          "URL that answers 2xx once the target is ready. Default: the target (with --grpc: the"
              + " channel connects). With --grpc also grpc-health[:SERVICE]: the standard health"
              + " check must report SERVING.")
  String ready;

  @Option(
      names = "--ready-timeout",
      paramLabel = "D",
      defaultValue = "60s",
      description =
          "How long to wait for readiness before giving up (exit 2). Default: ${DEFAULT-VALUE}.")
  String readyTimeout;

  @Option(
      names = "--rps",
      paramLabel = "N",
      defaultValue = "10",
      description = "Requests per second, sent on a fixed schedule. Default: ${DEFAULT-VALUE}.")
  double rps;

  @Option(
      names = "--duration",
      paramLabel = "D",
      defaultValue = "30s",
      description = "How long to send (30s, 2m, 1m30s). Default: ${DEFAULT-VALUE}.")
  String duration;

  @Option(
      names = {"-X", "--method"},
      paramLabel = "METHOD",
      defaultValue = "GET",
      description = "HTTP method (not with --grpc). Default: ${DEFAULT-VALUE}.")
  String method;

  @Option(
      names = {"-H", "--header"},
      paramLabel = "NAME:VALUE",
      description = "Request header (gRPC: metadata; -bin names take base64); repeatable.")
  List<String> headers = new ArrayList<>();

  @Option(names = "--body", paramLabel = "TEXT", description = "Request body (UTF-8).")
  String body;

  @Option(
      names = "--body-file",
      paramLabel = "FILE",
      description = "Request body from a file (gRPC: the serialized protobuf request message).")
  Path bodyFile;

  @Option(
      names = "--timeout",
      paramLabel = "D",
      defaultValue = "5s",
      description =
          "Per-request timeout (gRPC: the call deadline); a timed-out request is an error."
              + " Default: ${DEFAULT-VALUE}.")
  String timeout;

  @Option(
      names = "--max-in-flight",
      paramLabel = "N",
      defaultValue = "1000",
      description =
          "Most requests awaiting an answer at once; requests beyond it are not sent and count as"
              + " errors (max-in-flight). Default: ${DEFAULT-VALUE}.")
  int maxInFlight;

  @Option(
      names = "--assert",
      paramLabel = "EXPR",
      description = "A limit on what was measured, e.g. 'latency-p95<=200ms'; repeatable.")
  List<String> assertions = new ArrayList<>();

  // the same SLO, policy and Prometheus options as `gate`, evaluated by the same code
  @Mixin GateOptions slo;

  @Option(names = "--report", paramLabel = "FILE", description = "Write the report here.")
  Path report;

  @Option(
      names = "--format",
      paramLabel = "json|md",
      defaultValue = "json",
      description = "Report format. Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(
      names = "--progress-interval",
      paramLabel = "D",
      defaultValue = "5s",
      description = "How often a progress line goes to stderr. Default: ${DEFAULT-VALUE}.")
  String progressInterval;

  // the command line reads the clock; the SLO evaluation only gets the instant
  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws Exception {
    // everything the user typed is checked before the first request goes out
    if (!format.equals("json") && !format.equals("md")) {
      throw new InputException("--format: unknown format '" + format + "' (use json or md)");
    }
    List<CheckAssertion> parsed = assertions.stream().map(CheckAssertion::parse).toList();
    if (grpc || grpcMethod != null) {
      return callGrpc(parsed);
    }
    if (ready != null && ready.startsWith(GrpcReadiness.HEALTH)) {
      throw new InputException("--ready " + ready + ": a gRPC health check needs --grpc");
    }
    String lowerTarget = target.trim().toLowerCase(Locale.ROOT);
    if (lowerTarget.startsWith("grpc://") || lowerTarget.startsWith("grpcs://")) {
      throw new InputException(
          "--target '" + target + "' is a gRPC target: add --grpc and --grpc-method");
    }
    URI targetUri = uri("--target", target);
    URI readyUri = ready == null ? targetUri : uri("--ready", ready);
    Duration readyWait = CheckDurations.parse("--ready-timeout", readyTimeout);
    Duration requestTimeout = CheckDurations.parse("--timeout", timeout);
    Duration progressEvery = CheckDurations.parse("--progress-interval", progressInterval);
    LoadSchedule schedule = new LoadSchedule(rps, CheckDurations.parse("--duration", duration));
    LoadRequest request =
        new LoadRequest(
            targetUri,
            method,
            headers.stream().map(LoadRequest.Header::parse).toList(),
            body(),
            requestTimeout);
    request.toHttpRequest(); // rejects headers the JDK client refuses, before any traffic
    PrintWriter err = spec.commandLine().getErr();
    boolean withSlo = slo.prometheus != null || (slo.slos != null && !slo.slos.isEmpty());
    // SLO files and policy are read before the load, so that a typo costs no load run
    GateOptions.Setup gate = withSlo ? slo.load(err) : null;
    try (LoadHttpClient http = new LoadHttpClient(requestTimeout)) {
      HttpClient client = http.client();
      err.println("check: waiting for " + readyUri + " to answer 2xx");
      err.flush();
      Optional<Duration> readyAfter =
          new ReadinessWait(client, System::nanoTime, err, Duration.ofMillis(250))
              .await(readyUri, readyWait);
      if (readyAfter.isEmpty()) {
        err.println("slo-scout: the target never became ready; no load was sent");
        return SloScoutCommand.USAGE;
      }
      err.println(
          String.format(
              Locale.ROOT,
              "check: ready after %.1fs; sending %s to %s at %s rps for %s",
              readyAfter.get().toMillis() / 1000.0,
              request.method(),
              targetUri,
              number(rps),
              CheckDurations.format(schedule.duration())));
      err.flush();
      LoadSummary load =
          new LoadDriver(client, System::nanoTime, err, progressEvery)
              .run(request, schedule, maxInFlight);
      CheckReport result =
          CheckReport.of(
              targetUri.toString(),
              request.method(),
              readyAfter.get().toMillis() / 1000.0,
              load,
              parsed);
      return finish(result, gate, err);
    }
  }

  /** The gRPC variant of {@link #call}: the same checks, schedule, measurement and report. */
  private Integer callGrpc(List<CheckAssertion> parsed) throws Exception {
    if (!grpc) {
      throw new InputException("--grpc-method needs --grpc (and a host:port --target)");
    }
    if (grpcMethod == null) {
      throw new InputException("--grpc needs --grpc-method package.Service/Method");
    }
    if (spec.commandLine().getParseResult().hasMatchedOption("--method")) {
      throw new InputException("-X/--method is for HTTP; with --grpc the call is --grpc-method");
    }
    GrpcTarget grpcTarget = GrpcTarget.parse("--target", target);
    GrpcMethod grpcCall = GrpcMethod.parse("--grpc-method", grpcMethod);
    Metadata metadata =
        GrpcLoadClient.metadata(headers.stream().map(LoadRequest.Header::parse).toList());
    String healthService = null;
    URI readyUri = null;
    if (ready != null && ready.startsWith(GrpcReadiness.HEALTH)) {
      String rest = ready.substring(GrpcReadiness.HEALTH.length());
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        throw new InputException(
            "--ready '" + ready + "': expected grpc-health or grpc-health:SERVICE");
      }
      healthService = rest.isEmpty() ? "" : rest.substring(1);
    } else if (ready != null) {
      readyUri = uri("--ready", ready);
    }
    Duration readyWait = CheckDurations.parse("--ready-timeout", readyTimeout);
    Duration requestTimeout = CheckDurations.parse("--timeout", timeout);
    Duration progressEvery = CheckDurations.parse("--progress-interval", progressInterval);
    LoadSchedule schedule = new LoadSchedule(rps, CheckDurations.parse("--duration", duration));
    byte[] message = body();
    PrintWriter err = spec.commandLine().getErr();
    boolean withSlo = slo.prometheus != null || (slo.slos != null && !slo.slos.isEmpty());
    GateOptions.Setup gate = withSlo ? slo.load(err) : null;
    String shownTarget = grpcTarget + "/" + grpcCall.fullName();
    try (GrpcLoadClient client =
            new GrpcLoadClient(grpcTarget, grpcCall, metadata, message, requestTimeout);
        LoadHttpClient http = new LoadHttpClient(requestTimeout)) {
      ReadinessWait wait =
          new ReadinessWait(http.client(), System::nanoTime, err, Duration.ofMillis(250));
      ReadinessProbe probe =
          healthService != null ? GrpcReadiness.health(client, healthService) : null;
      if (probe == null && readyUri == null) {
        probe = GrpcReadiness.connected(client);
      }
      err.println(
          "check: waiting for "
              + (probe != null
                  ? probe.target() + " to " + probe.expectation()
                  : readyUri + " to answer 2xx"));
      err.flush();
      Optional<Duration> readyAfter =
          probe != null ? wait.await(probe, readyWait) : wait.await(readyUri, readyWait);
      if (readyAfter.isEmpty()) {
        err.println("slo-scout: the target never became ready; no load was sent");
        return SloScoutCommand.USAGE;
      }
      err.println(
          String.format(
              Locale.ROOT,
              "check: ready after %.1fs; calling %s (%d byte request) at %s rps for %s",
              readyAfter.get().toMillis() / 1000.0,
              shownTarget,
              message.length,
              number(rps),
              CheckDurations.format(schedule.duration())));
      err.flush();
      LoadSummary load =
          new LoadDriver(null, System::nanoTime, err, progressEvery)
              .run(client, schedule, maxInFlight);
      Long unimplemented = load.errorsByKind().get("UNIMPLEMENTED");
      if (unimplemented != null) {
        err.println(
            "check: "
                + unimplemented
                + " call(s) answered UNIMPLEMENTED: the server does not offer "
                + grpcCall.fullName()
                + " (check --grpc-method)");
      }
      CheckReport result =
          CheckReport.of(shownTarget, "GRPC", readyAfter.get().toMillis() / 1000.0, load, parsed);
      return finish(result, gate, err);
    }
  }

  /** SLOs when asked for, the verdict on stderr, the report; the exit code. */
  private Integer finish(CheckReport loaded, GateOptions.Setup gate, PrintWriter err)
      throws IOException {
    CheckReport result = gate == null ? loaded : loaded.withSlo(evaluate(gate, err));
    printVerdict(result, err);
    String text =
        format.equals("md") ? CheckReportWriter.markdown(result) : CheckReportWriter.json(result);
    if (report != null) {
      write(report, text);
    } else {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
    }
    return result.passed() ? SloScoutCommand.OK : SloScoutCommand.FAILED;
  }

  private SloEvaluation evaluate(GateOptions.Setup gate, PrintWriter err) {
    Instant at = clock.instant();
    err.println(
        "check: evaluating " + gate.slos().size() + " SLO(s) on " + gate.prometheus().base());
    err.flush();
    GateDecision d;
    try {
      d =
          new ReleaseGate(gate.policy())
              .evaluate(gate.slos(), gate.options(), gate.prometheus(), at);
    } catch (IOException e) {
      throw new InputException(e.getMessage());
    }
    return new SloEvaluation(d.decision().label(), d.reasons());
  }

  private static void printVerdict(CheckReport result, PrintWriter err) {
    LoadSummary load = result.load();
    err.println(
        String.format(
            Locale.ROOT,
            "check: %d requests, %d errors (%.2f%%) %s, p50 %s ms, p95 %s ms, p99 %s ms,"
                + " %.1f rps achieved, max send lag %.1f ms",
            load.requests(),
            load.errors(),
            load.errorRate() * 100,
            load.errorsByKind(),
            number(load.latencyMs().p50()),
            number(load.latencyMs().p95()),
            number(load.latencyMs().p99()),
            load.achievedRps(),
            load.maxSendLagMs()));
    result
        .slo()
        .ifPresent(
            s -> {
              err.println("  " + (s.passed() ? "pass " : "FAIL ") + "SLOs: " + s.decision());
              s.reasons().forEach(r -> err.println("    " + r));
            });
    for (AssertionResult a : result.assertions()) {
      err.println(
          "  "
              + (a.passed() ? "pass " : "FAIL ")
              + a.assertion().expression()
              + " (measured "
              + number(a.actual())
              + ")");
    }
    err.println(result.passed() ? "OK: all assertions hold" : "FAILED: " + plural(result));
    err.flush();
  }

  private static String plural(CheckReport result) {
    int n = result.failures().size();
    String sloPart =
        result.slo().filter(s -> !s.passed()).map(s -> "SLOs say " + s.decision()).orElse("");
    if (n == 0) {
      return sloPart;
    }
    String part = n + (n == 1 ? " assertion fails" : " assertions fail");
    return sloPart.isEmpty() ? part : part + "; " + sloPart;
  }

  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? String.valueOf((long) v)
        : String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
  }

  private byte[] body() throws IOException {
    if (body != null && bodyFile != null) {
      throw new InputException("--body and --body-file exclude each other");
    }
    if (bodyFile != null) {
      try {
        return Files.readAllBytes(bodyFile);
      } catch (NoSuchFileException e) {
        throw new InputException("--body-file: " + bodyFile + " does not exist");
      }
    }
    return body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
  }

  private static URI uri(String option, String text) {
    try {
      URI u = new URI(text);
      if (u.getScheme() == null
          || !(u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))
          || u.getHost() == null) {
        throw new InputException(option + ": '" + text + "' is not an http:// or https:// URL");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new InputException(option + ": '" + text + "' is not a URL: " + e.getReason());
    }
  }

  private static void write(Path file, String text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
