package io.sloscout.app.stack;

import io.sloscout.app.supervisor.ChildProcess;
import io.sloscout.app.supervisor.LogSink;
import io.sloscout.app.supervisor.Ports;
import io.sloscout.app.supervisor.Readiness;
import io.sloscout.app.supervisor.Supervisor;
import io.sloscout.collectors.kafka.EmbeddedKafka;
import io.sloscout.collectors.kafka.TopicNames;
import io.sloscout.collectors.service.CollectorConfig;
import io.sloscout.collectors.service.CollectorService;
import io.sloscout.storage.Database;
import io.sloscout.storage.DatabaseConfig;
import io.sloscout.storage.EmbeddedPostgres;
import io.sloscout.storage.archive.EmbeddedS3;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole pipeline on this machine, every part a real server on 127.0.0.1: in this JVM a Kafka
 * broker, PostgreSQL (its own process, from zonky's binaries), S3Proxy and the collector; in child
 * JVMs the Flink jobs on a MiniCluster and the backend. Started in dependency order under a {@link
 * Supervisor}, which stops them in reverse order.
 */
public final class EmbeddedStack {

  /** The Kafka topic the Flink jobs send records they cannot read to. */
  public static final String DEAD_LETTER_TOPIC = "slo-scout.deadletter";

  /** The database the stack's tables live in. */
  public static final String DATABASE = "slo_scout";

  /** The object store bucket of the redacted archive. */
  public static final String BUCKET = "slo-scout";

  /** How long a child gets to stop after SIGTERM before it is killed. */
  static final Duration CHILD_GRACE = Duration.ofSeconds(30);

  /** Flink 2 on Java 17 needs these, as its own launch scripts pass them. */
  static final List<String> FLINK_JVM_OPENS =
      List.of(
          "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.text=ALL-UNNAMED",
          "--add-opens=java.base/java.time=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  /**
   * Where the running stack can be reached.
   *
   * @param otlpGrpc {@code host:port} of the OTLP/gRPC receiver
   * @param otlpHttp base URL of the OTLP/HTTP receiver
   * @param backend base URL of the web UI and REST API
   * @param collectorMetrics the collector's {@code /metrics} and {@code /health/ready} base URL
   * @param jdbcUrl the database (user {@code postgres}, no password, loopback only)
   * @param kafkaBootstrap the broker
   * @param apiToken the API token writes need
   * @param dataDir the data directory
   */
  public record Endpoints(
      String otlpGrpc,
      URI otlpHttp,
      URI backend,
      URI collectorMetrics,
      String jdbcUrl,
      String kafkaBootstrap,
      String apiToken,
      Path dataDir) {}

  private final StackSettings settings;
  private final LogSink log;
  private final Supervisor supervisor;
  private DataDirectory dir;
  private CollectorService collector;
  private int flinkHealthPort;

  private EmbeddedStack(StackSettings settings, LogSink log, Supervisor supervisor) {
    this.settings = settings;
    this.log = log;
    this.supervisor = supervisor;
  }

  /**
   * Checks the ports, then starts every part and waits until all are ready. Parts started are
   * registered with {@code supervisor}, which stops them; on failure the caller closes it.
   *
   * @param dir the data directory, opened (and locked) by the caller
   * @throws Ports.PortException when a port is taken (before anything starts)
   * @throws Readiness.NotReadyException when a part does not become ready in time, or ends
   * @throws InterruptedException when interrupted (Ctrl-C while starting)
   */
  public static Endpoints start(
      StackSettings settings, DataDirectory dir, LogSink log, Supervisor supervisor)
      throws InterruptedException {
    EmbeddedStack stack = new EmbeddedStack(settings, log, supervisor);
    stack.dir = dir;
    return stack.startAll();
  }

  private Endpoints startAll() throws InterruptedException {
    long deadline = System.nanoTime() + settings.readyTimeout().toNanos();
    Ports.requireFree(
        StackSettings.HOST,
        List.of(
            new Ports.Claim("the web UI and REST API", settings.httpPort(), "--http-port"),
            new Ports.Claim("OTLP/gRPC", settings.otlpGrpcPort(), "--otlp-grpc-port"),
            new Ports.Claim("OTLP/HTTP", settings.otlpHttpPort(), "--otlp-http-port")));
    StackJars jars = StackJars.locate(settings.environment()).requireExisting();
    String apiToken = dir.apiToken();

    step("postgres", "starting PostgreSQL on " + dir.postgres());
    EmbeddedPostgres postgres = EmbeddedPostgres.start(dir.postgres());
    supervisor.started("postgres", postgres::close);
    DatabaseConfig db = postgres.createDatabase(DATABASE);
    try (Database migrated = Database.open(db)) {
      step(
          "postgres",
          "PostgreSQL on 127.0.0.1:"
              + postgres.port()
              + ", schema migrated ("
              + migrated.migrationsApplied()
              + " new migrations)");
    }

    step("s3", "starting S3Proxy on " + dir.s3());
    EmbeddedS3 s3 = EmbeddedS3.start(dir.s3());
    supervisor.started("s3", s3::close);
    step("s3", "S3 endpoint " + s3.endpoint());

    step("kafka", "starting Kafka (KRaft) on " + dir.kafka());
    EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Config.keeping(dir.kafka()));
    supervisor.started("kafka", kafka::close);
    kafka.createTopics(List.of(TopicNames.EVENTS, DEAD_LETTER_TOPIC), 3);
    step("kafka", "Kafka at " + kafka.bootstrapServers());

    step("collector", "starting the collector");
    collector = CollectorService.start(collectorConfig(kafka.bootstrapServers()), Map.of());
    supervisor.started("collector", collector::close);
    CollectorService.Endpoints ce = collector.endpoints();

    flinkHealthPort = Ports.anyFree(StackSettings.HOST);
    ChildProcess flink =
        startChild("flink", flinkCommand(jars), flinkEnvironment(kafka.bootstrapServers(), db, s3));
    ChildProcess backend =
        startChild("backend", backendCommand(jars), backendEnvironment(db, apiToken));

    URI backendUrl = URI.create("http://" + StackSettings.HOST + ":" + settings.httpPort());
    URI flinkReady = URI.create("http://" + StackSettings.HOST + ":" + flinkHealthPort + "/ready");
    URI backendReady = backendUrl.resolve("/q/health/ready");
    step("up", "waiting for the collector, the Flink jobs and the backend to be ready");
    Readiness.await(
        "the collector",
        () -> collector.health().ready(),
        remaining(deadline),
        Duration.ofMillis(500),
        this::gaveUp);
    Readiness.await(
        "the Flink jobs",
        () -> Readiness.answers2xx(flinkReady),
        remaining(deadline),
        Duration.ofSeconds(1),
        this::gaveUp);
    step("flink", "all three jobs run");
    Readiness.await(
        "the backend",
        () -> Readiness.answers2xx(backendReady),
        remaining(deadline),
        Duration.ofSeconds(1),
        this::gaveUp);
    step("backend", "ready at " + backendReady);

    return new Endpoints(
        StackSettings.HOST + ":" + ce.otlpGrpc().orElseThrow().getPort(),
        URI.create("http://" + StackSettings.HOST + ":" + ce.otlpHttp().orElseThrow().getPort()),
        backendUrl,
        URI.create("http://" + StackSettings.HOST + ":" + ce.metrics().getPort()),
        db.jdbcUrl(),
        kafka.bootstrapServers(),
        apiToken,
        dir.root());
  }

  private Optional<String> gaveUp() {
    return supervisor.failed().map(Supervisor.Failure::describe);
  }

  private ChildProcess startChild(String name, List<String> command, Map<String, String> env) {
    List<String> full = new ArrayList<>();
    ChildProcess.setsid().ifPresent(full::add);
    full.addAll(command);
    step(name, "starting " + name + " in a child JVM");
    ChildProcess child = ChildProcess.start(name, full, "SLO_SCOUT_", env, dir.root(), log);
    supervisor.watch(child, CHILD_GRACE);
    return child;
  }

  private CollectorConfig collectorConfig(String bootstrap) {
    return CollectorConfig.defaults()
        .withKafka(
            new CollectorConfig.Kafka(
                bootstrap, false, null, 3, null, true, Duration.ofSeconds(60)))
        .withOtlp(
            new CollectorConfig.Otlp(
                CollectorConfig.Grpc.on(StackSettings.HOST, settings.otlpGrpcPort()),
                CollectorConfig.Http.on(StackSettings.HOST, settings.otlpHttpPort())))
        .withMetrics(new CollectorConfig.Metrics(StackSettings.HOST, 0));
  }

  private List<String> flinkCommand(StackJars jars) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ChildProcess.javaExecutable());
    cmd.add("-Xmx1g");
    cmd.add("-Djava.io.tmpdir=" + tmp("flink"));
    cmd.add("-Dai.djl.offline=true");
    cmd.add("-Dlog4j2.configurationFile=" + flinkLogConfig());
    cmd.addAll(FLINK_JVM_OPENS);
    cmd.addAll(javaOpts("SLO_SCOUT_FLINK_JAVA_OPTS"));
    cmd.add("-cp");
    cmd.add(jars.flinkLauncher() + java.io.File.pathSeparator + jars.flinkJobs());
    cmd.add("io.sloscout.app.child.ParentWatch");
    cmd.add("io.sloscout.app.flink.FlinkPipelineLauncher");
    cmd.add("--health-port");
    cmd.add(Integer.toString(flinkHealthPort));
    cmd.add("--state-dir");
    cmd.add(dir.flink().toString());
    settings
        .flinkConfig()
        .ifPresent(
            f -> {
              cmd.add("--config");
              cmd.add(f.toAbsolutePath().toString());
            });
    return cmd;
  }

  private Map<String, String> flinkEnvironment(String bootstrap, DatabaseConfig db, EmbeddedS3 s3) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SLO_SCOUT_KAFKA_BOOTSTRAP", bootstrap);
    env.put("SLO_SCOUT_DB_URL", db.jdbcUrl());
    env.put("SLO_SCOUT_DB_USER", db.user());
    env.put("SLO_SCOUT_S3_ENDPOINT", s3.endpoint().toString());
    env.put("SLO_SCOUT_S3_BUCKET", BUCKET);
    env.put("SLO_SCOUT_S3_ACCESS_KEY", s3.accessKey());
    env.put("SLO_SCOUT_S3_SECRET_KEY", s3.secretKey());
    env.put("SLO_SCOUT_VECTOR_STORE", "lucene");
    env.put("SLO_SCOUT_LUCENE_DIR", dir.vectors().resolve("pipeline").toString());
    env.put("SLO_SCOUT_CHECKPOINT_DIR", dir.flink().resolve("checkpoints").toUri().toString());
    return env;
  }

  private List<String> backendCommand(StackJars jars) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ChildProcess.javaExecutable());
    cmd.add("-Xmx768m");
    cmd.add("-Djava.io.tmpdir=" + tmp("backend"));
    cmd.add("-Dai.djl.offline=true");
    cmd.addAll(javaOpts("SLO_SCOUT_BACKEND_JAVA_OPTS"));
    cmd.add("-cp");
    cmd.add(jars.flinkLauncher() + java.io.File.pathSeparator + jars.backend());
    cmd.add("io.sloscout.app.child.ParentWatch");
    cmd.add("io.quarkus.bootstrap.runner.QuarkusEntryPoint");
    return cmd;
  }

  private Map<String, String> backendEnvironment(DatabaseConfig db, String apiToken) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SLO_SCOUT_DB_URL", db.jdbcUrl());
    env.put("SLO_SCOUT_DB_USER", db.user());
    env.put("SLO_SCOUT_DB_PASSWORD", "");
    env.put("SLO_SCOUT_HTTP_PORT", Integer.toString(settings.httpPort()));
    env.put("QUARKUS_HTTP_HOST", StackSettings.HOST);
    env.put("SLO_SCOUT_AUTH_TOKEN_HASHES", sha256(apiToken));
    env.put("SLO_SCOUT_SEARCH_INDEX_DIR", dir.vectors().resolve("search").toString());
    // a laptop wants to see results within a minute, not at the production cadence
    env.put("SLO_SCOUT_SEARCH_INDEX_EVERY", "20s");
    env.put("SLO_SCOUT_RECOMMENDATIONS_EVERY", "1m");
    // the backend is ready only when the pipeline behind it is: the collector and the Flink jobs
    env.put("SLO_SCOUT_PIPELINE_HEALTH_URLS", String.join(",", pipelineHealthUrls()));
    return env;
  }

  /** The collector's and the Flink launcher's readiness URLs, for the backend's readiness. */
  private List<String> pipelineHealthUrls() {
    return List.of(
        "http://"
            + StackSettings.HOST
            + ":"
            + collector.endpoints().metrics().getPort()
            + "/health/ready",
        "http://" + StackSettings.HOST + ":" + flinkHealthPort + "/ready");
  }

  /** Our Log4j configuration for the Flink JVM, written to its scratch folder. */
  private Path flinkLogConfig() {
    Path file = Path.of(tmp("flink")).resolve("log4j2.xml");
    try (var in = EmbeddedStack.class.getResourceAsStream("flink-log4j2.xml")) {
      if (in == null) {
        throw new IllegalStateException("flink-log4j2.xml is missing from the jar");
      }
      Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String tmp(String name) {
    Path p = dir.tmp().resolve(name);
    try {
      Files.createDirectories(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return p.toString();
  }

  private List<String> javaOpts(String variable) {
    String value = settings.environment().get(variable);
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return List.of(value.trim().split("\\s+"));
  }

  private void step(String component, String message) {
    log.line(component, message);
  }

  private static Duration remaining(long deadline) {
    long nanos = deadline - System.nanoTime();
    return nanos > 0 ? Duration.ofNanos(nanos) : Duration.ZERO;
  }

  /** Hex SHA-256 of the token: the backend stores hashes only. */
  static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
