package io.sloscout.collectors.service;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slo-scout collect}: the collector in the foreground until Ctrl-C or SIGTERM. */
@Command(
    name = "slo-scout collect",
    mixinStandardHelpOptions = true,
    versionProvider = CollectMain.Version.class,
    sortOptions = false,
    usageHelpWidth = 100,
    description = {
      "Runs the SLO-Scout collector in the foreground: receives OTLP traces, metrics and logs over"
          + " gRPC (default port 4317) and HTTP (4318, also NDJSON logs from Fluent Bit), polls"
          + " Prometheus remote-read targets, and stores everything in the raw Kafka topics"
          + " slo-scout.spans.raw, slo-scout.logs.raw and slo-scout.metrics.raw. A request is"
          + " acknowledged only once Kafka has stored it; when Kafka is slow or away, clients are"
          + " told to retry later.",
      "",
      "Settings come from, lowest to highest precedence: defaults, the YAML file (--config or"
          + " SLO_SCOUT_CONFIG; see examples/collector/collector.yaml), SLO_SCOUT_* environment"
          + " variables, then these flags.",
      ""
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  SLO_SCOUT_KAFKA_BOOTSTRAP, SLO_SCOUT_EMBEDDED_KAFKA, SLO_SCOUT_DATA_DIR,",
      "  SLO_SCOUT_OTLP_GRPC_PORT, SLO_SCOUT_OTLP_HTTP_PORT, SLO_SCOUT_METRICS_PORT (and _HOST),",
      "  SLO_SCOUT_AUTH_TOKEN or SLO_SCOUT_AUTH_TOKEN_FILE (bearer token the receivers require),",
      "  SLO_SCOUT_TLS_CERT_CHAIN + SLO_SCOUT_TLS_PRIVATE_KEY, SLO_SCOUT_REDACT_AT_EDGE,",
      "  SLO_SCOUT_KAFKA_CREATE_TOPICS, SLO_SCOUT_DRAIN_TIMEOUT, SLO_SCOUT_CONFIG.",
      "",
      "Endpoints: /metrics (Prometheus), /health/live and /health/ready (JSON) on the metrics port"
          + " (default 9464). Point OpenTelemetry SDKs at OTEL_EXPORTER_OTLP_ENDPOINT="
          + "http://HOST:4317 (grpc) or http://HOST:4318 (http/protobuf); Fluent Bit's http output"
          + " at HOST:4318, URI /v1/logs/fluentbit (NDJSON: /v1/logs/ndjson).",
      "",
      "Ctrl-C or SIGTERM drains: new requests are told to retry, those in progress are stored"
          + " and answered (up to drainTimeout, default 20s), then Kafka is flushed.",
      "",
      "Exit codes: 0 stopped cleanly, 1 internal error, 2 usage, configuration or start error"
          + " (a port in use, Kafka unreachable)."
    })
public final class CollectMain implements Callable<Integer> {

  /** Exit code: stopped cleanly. */
  public static final int OK = 0;

  /** Exit code: an unexpected failure. */
  public static final int INTERNAL = 1;

  /** Exit code: usage, configuration or start error. */
  public static final int USAGE = 2;

  static final class KafkaChoice {
    @Option(
        names = "--kafka",
        paramLabel = "HOST:PORT",
        description = "An existing Kafka cluster (bootstrap servers, comma-separated).")
    String bootstrap;

    @Option(
        names = "--embedded-kafka",
        description =
            "Start a Kafka broker inside the collector (data in DIR/kafka, see --data-dir).")
    boolean embedded;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  KafkaChoice kafka;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Where state is kept: embedded Kafka under DIR/kafka (default: slo-scout-data in the"
              + " working directory).")
  Path dataDir;

  @Option(
      names = "--otlp-grpc-port",
      paramLabel = "N",
      description = "OTLP/gRPC port (default 4317; 0 = any free port).")
  Integer grpcPort;

  @Option(
      names = "--otlp-http-port",
      paramLabel = "N",
      description = "OTLP/HTTP and NDJSON logs port (default 4318; 0 = any free port).")
  Integer httpPort;

  @Option(
      names = "--metrics-port",
      paramLabel = "N",
      description = "Port of /metrics and /health (default 9464; 0 = any free port).")
  Integer metricsPort;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
  Path configFile;

  @Option(
      names = "--redact-at-edge",
      description =
          "Redact PII before Kafka (by default raw topics hold data as received and the pipeline"
              + " redacts it).")
  boolean redactAtEdge;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Map<String, String> environment;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch running = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile CollectorService service;

  /** A command that reads {@code SLO_SCOUT_*} settings from {@code environment}. */
  public CollectMain(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    CollectMain main = new CollectMain(System.getenv());
    main.handleShutdown(err);
    int code = commandLine(main, out, err).execute(args);
    // --help, --version and usage errors never reach call(): nothing for the hook to wait for
    main.stopped.countDown();
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** The command line of {@code main} with the collector's exit codes and messages. */
  public static CommandLine commandLine(CollectMain main, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(main);
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          err.println("slo-scout collect: " + ex.getMessage());
          err.println("Run 'slo-scout collect --help'.");
          return USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof ConfigException || ex instanceof StartupException) {
            err.println("slo-scout collect: " + ex.getMessage());
            return USAGE;
          }
          err.println("slo-scout collect: internal error: " + ex);
          ex.printStackTrace(err);
          return INTERNAL;
        });
    cl.setExitCodeExceptionMapper(e -> USAGE);
    return cl;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    try {
      CollectorConfig config =
          CollectorConfigLoader.load(
              CollectorConfigLoader.configFile(configFile, environment), environment, flags());
      if (stopRequested.getCount() == 0) {
        return OK;
      }
      service = CollectorService.start(config, environment);
      err.println(readyLine(service.endpoints()));
      err.flush();
      running.countDown();
      stopRequested.await();
      err.println(
          "slo-scout collect: draining (up to "
              + config.drainTimeout().toSeconds()
              + "s): new requests are told to retry, those in progress are stored");
      err.flush();
      service.close();
      err.println("slo-scout collect: stopped");
      return OK;
    } finally {
      stopped.countDown();
    }
  }

  /** Asks a running command to drain and stop; {@link #call()} then returns. */
  public void requestStop() {
    stopRequested.countDown();
  }

  /** Waits up to {@code timeout} for the collector to be ready; empty if it is not. */
  public Optional<CollectorService> awaitRunning(Duration timeout) throws InterruptedException {
    return running.await(timeout.toNanos(), TimeUnit.NANOSECONDS)
        ? Optional.ofNullable(service)
        : Optional.empty();
  }

  private List<CollectorConfigLoader.Setting> flags() {
    List<CollectorConfigLoader.Setting> flags = new ArrayList<>();
    if (kafka != null && kafka.bootstrap != null) {
      flags.add(new CollectorConfigLoader.Setting("--kafka", "kafka.bootstrap", kafka.bootstrap));
    }
    if (kafka != null && kafka.embedded) {
      flags.add(new CollectorConfigLoader.Setting("--embedded-kafka", "kafka.embedded", "true"));
    }
    if (dataDir != null) {
      flags.add(new CollectorConfigLoader.Setting("--data-dir", "dataDir", dataDir.toString()));
    }
    if (grpcPort != null) {
      flags.add(
          new CollectorConfigLoader.Setting(
              "--otlp-grpc-port", "otlp.grpc.port", grpcPort.toString()));
    }
    if (httpPort != null) {
      flags.add(
          new CollectorConfigLoader.Setting(
              "--otlp-http-port", "otlp.http.port", httpPort.toString()));
    }
    if (metricsPort != null) {
      flags.add(
          new CollectorConfigLoader.Setting(
              "--metrics-port", "metrics.port", metricsPort.toString()));
    }
    if (redactAtEdge) {
      flags.add(new CollectorConfigLoader.Setting("--redact-at-edge", "redaction.atEdge", "true"));
    }
    return flags;
  }

  /** The line printed once everything listens: where to send data and where to look. */
  static String readyLine(CollectorService.Endpoints endpoints) {
    StringBuilder sb = new StringBuilder("slo-scout collect: ready - ");
    sb.append("OTLP gRPC ").append(endpoints.otlpGrpc().map(CollectMain::address).orElse("off"));
    sb.append(", OTLP HTTP ").append(endpoints.otlpHttp().map(CollectMain::address).orElse("off"));
    sb.append(", metrics http://").append(local(endpoints.metrics())).append("/metrics");
    sb.append(", Kafka ").append(endpoints.kafkaBootstrap());
    endpoints
        .kafkaDataDir()
        .ifPresent(dir -> sb.append(" (embedded, data in ").append(dir).append(')'));
    if (endpoints.remoteReadTargets() > 0) {
      sb.append(", remote-read ").append(endpoints.remoteReadTargets()).append(" target(s)");
    }
    return sb.toString();
  }

  private static String address(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }

  /** A URL host a person can click: the wildcard address is reachable on loopback. */
  private static String local(InetSocketAddress address) {
    String host = address.getHostString();
    if (host.equals("0.0.0.0")) {
      host = "127.0.0.1";
    } else if (host.equals("::") || host.equals("[::]")) {
      host = "[::1]";
    }
    return host + ":" + address.getPort();
  }

  /**
   * Ctrl-C and SIGTERM drain the collector and exit 0; a second one stops at once. Where the JVM
   * offers no signal handling, a shutdown hook still drains (the exit code is then the JVM's).
   */
  void handleShutdown(PrintWriter err) {
    Runnable onSignal =
        () -> {
          if (stopRequested.getCount() == 0) {
            err.println("slo-scout collect: stopping now, without draining");
            err.flush();
            Runtime.getRuntime().halt(130);
          }
          requestStop();
        };
    boolean signals = Signals.onTermination(onSignal);
    // a shutdown hook covers what the handlers do not (SIGHUP, a failed handler install): it asks
    // for the same drain and waits for the main thread to finish it
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  requestStop();
                  try {
                    stopped.await(5, TimeUnit.MINUTES);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "slo-scout-collect-shutdown"));
    if (!signals) {
      err.println("slo-scout collect: no signal handling here; a shutdown hook drains instead");
    }
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = CollectMain.class.getPackage().getImplementationVersion();
      return new String[] {
        "slo-scout collect " + (version == null ? "(development build)" : version)
      };
    }
  }
}
