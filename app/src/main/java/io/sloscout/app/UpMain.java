package io.sloscout.app;

import io.sloscout.app.demo.DemoScenario;
import io.sloscout.app.stack.DataDirectory;
import io.sloscout.app.stack.EmbeddedStack;
import io.sloscout.app.stack.StackJars;
import io.sloscout.app.stack.StackSettings;
import io.sloscout.app.supervisor.InProcessLogging;
import io.sloscout.app.supervisor.LogSink;
import io.sloscout.app.supervisor.Ports;
import io.sloscout.app.supervisor.Readiness;
import io.sloscout.app.supervisor.Supervisor;
import io.sloscout.collectors.service.ConfigException;
import io.sloscout.collectors.service.Signals;
import io.sloscout.collectors.service.StartupException;
import io.sloscout.core.redaction.Redactor;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code slo-scout up} and {@code slo-scout demo}: the whole stack on this machine, supervised, in
 * the foreground until Ctrl-C.
 */
@Command(
    name = "slo-scout",
    mixinStandardHelpOptions = true,
    versionProvider = UpMain.Version.class,
    usageHelpWidth = 100,
    subcommands = {UpMain.Up.class, UpMain.Demo.class},
    description = "The SLO-Scout stack on one machine (no Docker, no root).")
public final class UpMain implements Callable<Integer> {

  /** Exit code: stopped cleanly (Ctrl-C or SIGTERM). */
  public static final int OK = 0;

  /** Exit code: a component failed, or did not become ready. */
  public static final int FAILED = 1;

  /** Exit code: usage error, a port in use, a data directory in use, a jar missing. */
  public static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return USAGE;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    CommandLine cl = new CommandLine(new UpMain());
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("slo-scout: " + ex.getMessage());
          err.println("Run 'slo-scout " + ex.getCommandLine().getCommandName() + " --help'.");
          return USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          err.println("slo-scout: internal error: " + ex);
          ex.printStackTrace(err);
          return FAILED;
        });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** The options {@code up} and {@code demo} share. */
  static final class StackOptions {
    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        description =
            "Where everything is kept across restarts (default: .slo-scout in the working"
                + " directory). Raw telemetry stays in DIR/kafka; nothing else there holds PII.")
    Path dataDir = StackSettings.DEFAULT_DATA_DIR;

    @Option(
        names = "--http-port",
        paramLabel = "N",
        description = "Web UI, REST API and health (default ${DEFAULT-VALUE}).")
    int httpPort = StackSettings.DEFAULT_HTTP_PORT;

    @Option(
        names = "--otlp-grpc-port",
        paramLabel = "N",
        description = "OTLP/gRPC receiver (default ${DEFAULT-VALUE}).")
    int otlpGrpcPort = StackSettings.DEFAULT_OTLP_GRPC_PORT;

    @Option(
        names = "--otlp-http-port",
        paramLabel = "N",
        description = "OTLP/HTTP receiver, also NDJSON logs (default ${DEFAULT-VALUE}).")
    int otlpHttpPort = StackSettings.DEFAULT_OTLP_HTTP_PORT;

    @Option(
        names = "--ready-timeout",
        paramLabel = "DURATION",
        converter = DurationConverter.class,
        description = "How long starting may take, e.g. 10m or 300s (default 10m).")
    Duration readyTimeout = StackSettings.DEFAULT_READY_TIMEOUT;

    @Option(
        names = "--flink-config",
        paramLabel = "FILE",
        description =
            "YAML merged over the Flink jobs' defaults (flink-jobs/config/production.yaml shows"
                + " the format), e.g. shorter checkpoint intervals.")
    Path flinkConfig;

    /** Runs the stack (and {@code workload}) with these options until stopped. */
    int run(Optional<Workload> workload) {
      StackSettings settings;
      try {
        settings = settings(System.getenv());
      } catch (IllegalArgumentException e) {
        System.err.println("slo-scout: " + e.getMessage());
        return USAGE;
      }
      return new StackRun(settings, System.err, workload, true).run();
    }

    StackSettings settings(Map<String, String> environment) {
      return new StackSettings(
          dataDir,
          httpPort,
          otlpGrpcPort,
          otlpHttpPort,
          readyTimeout,
          Optional.ofNullable(flinkConfig),
          environment);
    }
  }

  @Command(
      name = "up",
      mixinStandardHelpOptions = true,
      versionProvider = UpMain.Version.class,
      usageHelpWidth = 100,
      description = {
        "Runs the whole SLO-Scout stack on this machine, every part a real server on 127.0.0.1:"
            + " Kafka (KRaft), PostgreSQL, an S3 server, the collector, the three Flink jobs on a"
            + " local cluster and the backend with its web UI. Ready when the backend's"
            + " /q/health/ready answers, the collector is ready and the Flink jobs run. Ctrl-C or"
            + " SIGTERM stops everything in reverse order; data stays in --data-dir.",
        ""
      },
      footerHeading = "%nEnvironment:%n",
      footer = {
        "  SLO_SCOUT_FLINK_JAVA_OPTS, SLO_SCOUT_BACKEND_JAVA_OPTS: extra JVM options of the",
        "  child JVMs; SLO_SCOUT_FLINK_JAR, SLO_SCOUT_FLINK_LAUNCHER_JAR, SLO_SCOUT_BACKEND_JAR:",
        "  the jars to run (default: next to this one in the source tree).",
        "",
        "Exit codes: 0 stopped, 1 a component failed or did not become ready, 2 usage error,",
        "a port or the data directory in use, or a jar missing."
      })
  static final class Up implements Callable<Integer> {
    @Mixin StackOptions options;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return options.run(Optional.empty());
    }
  }

  @Command(
      name = "demo",
      mixinStandardHelpOptions = true,
      versionProvider = UpMain.Version.class,
      usageHelpWidth = 100,
      description = {
        "'up' plus a sample shop: frontend, catalog, cart and payment services send traces"
            + " (browse, product, cart, checkout journeys), logs with errors and metrics through"
            + " the OTLP endpoints with the OpenTelemetry SDK. Some attributes carry planted PII"
            + " (e-mail addresses, card numbers) to show redaction. Once journeys appear it"
            + " accepts the top recommendation as an SLO, generates its artifacts and prints what"
            + " to open. Traffic goes on until Ctrl-C.",
        ""
      })
  static final class Demo implements Callable<Integer> {
    @Mixin StackOptions options;

    @Option(
        names = "--rate",
        paramLabel = "N",
        description = "Shop requests per second once the history is sent (default 5).")
    int rate = 5;

    @Override
    public Integer call() {
      if (rate < 1 || rate > 500) {
        System.err.println("slo-scout demo: --rate must be 1-500, got " + rate);
        return USAGE;
      }
      return options.run(Optional.of(new DemoScenario(rate)));
    }
  }

  /** Something to run once the stack is ready (the demo's workload), until the stack stops. */
  public interface Workload {
    /** Runs until interrupted; reports through {@code log}. */
    void run(EmbeddedStack.Endpoints endpoints, LogSink log) throws InterruptedException;
  }

  /** One run of the stack: start, report ready, wait for Ctrl-C or a failure, stop. */
  static final class StackRun {
    private final StackSettings settings;
    private final PrintStream console;
    private final Optional<Workload> workload;
    private final boolean handleSignals;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean started;
    private volatile Thread main;

    /**
     * A run writing to {@code console}.
     *
     * @param handleSignals take over SIGINT and SIGTERM (the command does; a test in this JVM not)
     */
    StackRun(
        StackSettings settings,
        PrintStream console,
        Optional<Workload> workload,
        boolean handleSignals) {
      this.settings = settings;
      this.console = console;
      this.workload = workload;
      this.handleSignals = handleSignals;
    }

    /** Asks the run to stop, as Ctrl-C does. */
    void requestStop() {
      stop.countDown();
      if (!started && main != null) {
        main.interrupt();
      }
    }

    int run() {
      long t0 = System.nanoTime();
      main = Thread.currentThread();
      LogSink bootLog = LogSink.console(console);
      DataDirectory dir;
      try {
        dir = DataDirectory.open(settings.dataDir());
      } catch (DataDirectory.DataDirectoryException e) {
        bootLog.line("up", e.getMessage());
        return USAGE;
      }
      LogSink log = new LogSink(console, Optional.of(dir.logs()), Redactor.withDefaults());
      InProcessLogging.install(log);
      Supervisor supervisor = new Supervisor(log);
      if (handleSignals) {
        installSignals(log);
      }
      Thread workloadThread = null;
      int code;
      try {
        log.line("up", "data directory " + dir.root());
        EmbeddedStack.Endpoints endpoints = EmbeddedStack.start(settings, dir, log, supervisor);
        started = true;
        double seconds = (System.nanoTime() - t0) / 1e9;
        banner(log, endpoints, seconds);
        if (workload.isPresent()) {
          Workload w = workload.get();
          workloadThread =
              new Thread(
                  () -> {
                    try {
                      w.run(endpoints, log);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                      log.line("demo", "the demo workload stopped: " + e);
                    }
                  },
                  "slo-scout-demo");
          workloadThread.setDaemon(true);
          workloadThread.start();
        }
        code = awaitEnd(supervisor, log);
      } catch (Ports.PortException
          | StackJars.MissingJarException
          | StartupException
          | ConfigException e) {
        // a port taken in the meantime, a missing jar: the machine is not as the stack needs it
        log.line("up", e.getMessage());
        code = USAGE;
      } catch (Readiness.NotReadyException e) {
        log.line("up", "not ready: " + e.getMessage());
        code = stop.getCount() == 0 ? OK : FAILED;
      } catch (InterruptedException e) {
        log.line("up", "interrupted while starting; stopping what started");
        code = OK;
      } catch (RuntimeException e) {
        if (stop.getCount() == 0) {
          // Ctrl-C while a part was starting: it gave up half-way, as asked
          log.line("up", "stopping what started");
          code = OK;
        } else {
          log.line("up", "starting failed: " + e);
          code = FAILED;
        }
      } finally {
        if (workloadThread != null) {
          workloadThread.interrupt();
        }
      }
      Thread.interrupted();
      supervisor.close();
      log.line("up", code == OK ? "stopped" : "stopped with exit code " + code);
      log.close();
      dir.close();
      stopped.countDown();
      return code;
    }

    private int awaitEnd(Supervisor supervisor, LogSink log) throws InterruptedException {
      while (true) {
        if (stop.await(500, TimeUnit.MILLISECONDS)) {
          log.line("up", "stopping (Ctrl-C again to stop at once)");
          return OK;
        }
        Optional<Supervisor.Failure> failure = supervisor.failed();
        if (failure.isPresent()) {
          // without setsid a terminal's Ctrl-C reaches the children as well: a child ending in
          // the same moment as our own signal is the stop, not a crash
          if (stop.await(1, TimeUnit.SECONDS)) {
            log.line("up", "stopping");
            return OK;
          }
          log.line("up", failure.get().describe());
          log.line("up", "stopping everything else");
          return FAILED;
        }
      }
    }

    private void installSignals(LogSink log) {
      Runnable onSignal =
          () -> {
            if (stop.getCount() == 0) {
              log.line("up", "stopping now");
              Runtime.getRuntime().halt(130);
            }
            requestStop();
          };
      if (!Signals.onTermination(onSignal)) {
        log.line("up", "no signal handling in this JVM; a shutdown hook stops the stack instead");
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    stop.countDown();
                    try {
                      stopped.await(3, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  },
                  "slo-scout-up-shutdown"));
    }

    private static void banner(LogSink log, EmbeddedStack.Endpoints e, double seconds) {
      String ui = e.backend().toString();
      log.line(
          "up",
          String.format(
              Locale.ROOT,
              "slo-scout up: ready in %.1f s (collector ready, Flink jobs running, backend"
                  + " %s/q/health/ready is 200)",
              seconds,
              ui));
      log.line(
          "up",
          "  send OTLP to    grpc "
              + e.otlpGrpc()
              + "  |  http "
              + e.otlpHttp()
              + "   (OTEL_EXPORTER_OTLP_ENDPOINT=http://"
              + e.otlpGrpc()
              + ")");
      log.line(
          "up",
          "  open            "
              + ui
              + "/   (REST API "
              + ui
              + "/api/v1, OpenAPI "
              + ui
              + "/q/openapi)");
      log.line(
          "up",
          "  API token       in "
              + e.dataDir().resolve("api-token")
              + " (the UI asks for it; API clients send it as a bearer token)");
      log.line("up", "  collector       " + e.collectorMetrics() + "/metrics, /health/ready");
      log.line("up", "  PostgreSQL      " + e.jdbcUrl() + " (user postgres)");
      log.line("up", "  Kafka           " + e.kafkaBootstrap());
      log.line(
          "up",
          "  data            "
              + e.dataDir()
              + " (raw telemetry only in "
              + e.dataDir().resolve("kafka")
              + ")");
      log.line("up", "Ctrl-C stops everything.");
    }
  }

  /** {@code 10m}, {@code 300s}, {@code 1h}, {@code 500ms}, or an ISO-8601 duration. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return duration(value);
    }
  }

  static Duration duration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p")) {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> throw new NumberFormatException();
      };
    } catch (RuntimeException e) {
      throw new CommandLine.TypeConversionException(
          "expected a duration like 10m, 300s or PT10M, got '" + text + "'");
    }
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = UpMain.class.getPackage().getImplementationVersion();
      return new String[] {"slo-scout up " + (version == null ? "(development build)" : version)};
    }
  }
}
