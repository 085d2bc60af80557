package io.sloscout.collectors.service;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sloscout.collectors.http.HttpReceiver;
import io.sloscout.collectors.ingest.CollectorMetrics;
import io.sloscout.collectors.ingest.EdgeRedaction;
import io.sloscout.collectors.ingest.OtlpIngest;
import io.sloscout.collectors.ingest.TlsFiles;
import io.sloscout.collectors.kafka.EmbeddedKafka;
import io.sloscout.collectors.kafka.KafkaPublisher;
import io.sloscout.collectors.kafka.TopicNames;
import io.sloscout.collectors.otlp.OtlpGrpcReceiver;
import io.sloscout.collectors.remoteread.RemoteReadPoller;
import io.sloscout.core.redaction.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector: Kafka (a cluster, or a broker in this JVM), the publisher, the OTLP receivers, the
 * remote-read poller and the admin endpoint, started from one {@link CollectorConfig}.
 *
 * <p>{@link #close()} drains: new requests are answered "retry later" at once, calls in progress
 * get up to {@code drainTimeout} to be stored and answered, the publisher flushes what Kafka has
 * not acknowledged yet, and only then does the embedded broker stop.
 */
public final class CollectorService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CollectorService.class);

  /** How often the readiness probe describes the raw topics. */
  private static final Duration PROBE_INTERVAL = Duration.ofSeconds(5);

  /** Where each part listens; receivers that are off are empty. */
  public record Endpoints(
      Optional<InetSocketAddress> otlpGrpc,
      Optional<InetSocketAddress> otlpHttp,
      InetSocketAddress metrics,
      String kafkaBootstrap,
      boolean embeddedKafka,
      Optional<Path> kafkaDataDir,
      int remoteReadTargets) {}

  private enum State {
    STARTING,
    RUNNING,
    DRAINING,
    STOPPED
  }

  private final CollectorConfig config;
  private final PrometheusMeterRegistry registry;
  private volatile State state = State.STARTING;
  private EmbeddedKafka embeddedKafka;
  private String bootstrap;
  private KafkaTopics topics;
  private KafkaPublisher publisher;
  private volatile boolean publisherClosed;
  private OtlpIngest ingest;
  private OtlpGrpcReceiver grpc;
  private HttpReceiver http;
  private RemoteReadPoller remoteRead;
  private AdminServer admin;
  // kept at start: a stopped receiver no longer knows its port
  private int grpcPort;
  private int httpPort;
  private int adminPort;
  private ScheduledExecutorService prober;
  private JvmGcMetrics gcMetrics;

  private CollectorService(CollectorConfig config) {
    this.config = config;
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /** Starts with the process environment (remote-read tokens named by {@code bearerTokenEnv}). */
  public static CollectorService start(CollectorConfig config) {
    return start(config, System.getenv());
  }

  /**
   * Starts everything {@code config} enables and returns once the receivers listen and the raw
   * topics are known; the caller closes it.
   *
   * @param environment where a remote-read target's {@code bearerTokenEnv} is looked up
   * @throws ConfigException when the configuration cannot work (no Kafka chosen, two parts on one
   *     port, an unreadable token file)
   * @throws StartupException when the machine or Kafka is not as configured (a port in use, Kafka
   *     unreachable or without the raw topics)
   */
  public static CollectorService start(CollectorConfig config, Map<String, String> environment) {
    CollectorService service = new CollectorService(config);
    try {
      service.startAll(environment);
      return service;
    } catch (RuntimeException e) {
      service.abort();
      throw e;
    } catch (InterruptedException e) {
      service.abort();
      Thread.currentThread().interrupt();
      throw new StartupException("interrupted while starting", e);
    }
  }

  private void startAll(Map<String, String> environment) throws InterruptedException {
    checkChoices();
    Optional<String> token = bearerToken();
    Optional<TlsFiles> tls = tlsFiles();
    Optional<EdgeRedaction> redaction =
        config.redaction().atEdge()
            ? Optional.of(new EdgeRedaction(Redactor.withDefaults()))
            : Optional.empty();
    List<RemoteReadPoller.Target> targets = remoteReadTargets(environment);
    // fail on a taken port before spending seconds on Kafka
    checkPortsFree();

    bindJvmMetrics();
    admin = listen("metrics", config.metrics().host(), config.metrics().port(), this::startAdmin);
    adminPort = admin.port();

    startKafka();

    KafkaPublisher.Config publisherConfig =
        new KafkaPublisher.Config(
            bootstrap,
            config.publisher().maxInFlightBytes(),
            config.publisher().maxRecordBytes().intValue(),
            config.publisher().compression(),
            config.publisher().linger(),
            config.publisher().requestTimeout(),
            config.publisher().deliveryTimeout(),
            config.kafka().topicWait(),
            Map.of());
    publisher = new KafkaPublisher(publisherConfig);
    try {
      publisher.awaitTopics(TopicNames.RAW);
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw new StartupException(
          "Kafka at "
              + bootstrap
              + ": no metadata for the raw topics "
              + TopicNames.RAW
              + " within "
              + config.kafka().topicWait().toSeconds()
              + "s",
          e);
    }
    topics.probe();
    prober =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "slo-scout-kafka-probe");
              t.setDaemon(true);
              return t;
            });
    prober.scheduleWithFixedDelay(
        topics::probe, PROBE_INTERVAL.toMillis(), PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);

    CollectorMetrics metrics = new CollectorMetrics(registry);
    ingest = new OtlpIngest(publisher, metrics, redaction);

    CollectorConfig.Grpc grpcConfig = config.otlp().grpc();
    if (grpcConfig.enabled()) {
      OtlpGrpcReceiver.Settings defaults = OtlpGrpcReceiver.Settings.defaults();
      OtlpGrpcReceiver.Settings settings =
          settings(
              "otlp.grpc",
              () ->
                  new OtlpGrpcReceiver.Settings(
                      grpcConfig.host(),
                      grpcConfig.port(),
                      grpcConfig.maxMessageBytes() == null
                          ? defaults.maxMessageBytes()
                          : grpcConfig.maxMessageBytes().intValue(),
                      token,
                      tls));
      grpc =
          listen(
              "OTLP gRPC",
              grpcConfig.host(),
              grpcConfig.port(),
              () -> OtlpGrpcReceiver.start(settings, ingest));
      grpcPort = grpc.port();
    }
    CollectorConfig.Http httpConfig = config.otlp().http();
    if (httpConfig.enabled()) {
      HttpReceiver.Settings defaults = HttpReceiver.Settings.defaults();
      HttpReceiver.Settings settings =
          settings(
              "otlp.http",
              () ->
                  new HttpReceiver.Settings(
                      httpConfig.host(),
                      httpConfig.port(),
                      httpConfig.maxBodyBytes() == null
                          ? defaults.maxBodyBytes()
                          : httpConfig.maxBodyBytes(),
                      token,
                      tls,
                      logIntake(httpConfig.logs())));
      http =
          listen(
              "OTLP HTTP",
              httpConfig.host(),
              httpConfig.port(),
              () -> HttpReceiver.start(settings, ingest));
      httpPort = http.port();
    }
    if (!targets.isEmpty()) {
      Path stateDir = config.remoteReadStateDir();
      try {
        Files.createDirectories(stateDir);
      } catch (IOException e) {
        throw new StartupException(
            "remoteRead.stateDir " + stateDir + ": cannot create: " + e.getMessage(), e);
      }
      remoteRead =
          new RemoteReadPoller(
              new RemoteReadPoller.Settings(
                  targets,
                  stateDir,
                  config.remoteRead().maxChunk(),
                  config.remoteRead().safetyLag()),
              publisher,
              registry);
      remoteRead.start();
    }
    state = State.RUNNING;
  }

  /** The configuration it runs with. */
  public CollectorConfig config() {
    return config;
  }

  /** Where everything listens, with the real ports when 0 was configured. */
  public Endpoints endpoints() {
    return new Endpoints(
        Optional.ofNullable(grpc)
            .map(g -> new InetSocketAddress(config.otlp().grpc().host(), grpcPort)),
        Optional.ofNullable(http)
            .map(h -> new InetSocketAddress(config.otlp().http().host(), httpPort)),
        new InetSocketAddress(config.metrics().host(), adminPort),
        bootstrap,
        embeddedKafka != null,
        Optional.ofNullable(embeddedKafka).map(EmbeddedKafka::dataDir),
        config.remoteRead().targets().size());
  }

  /** The registry {@code /metrics} serves. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Readiness now, per component (the body of {@code /health/ready}). */
  public Health health() {
    State now = state;
    Map<String, Health.Component> parts = new LinkedHashMap<>();
    KafkaTopics.Snapshot kafka = topics == null ? null : topics.last();
    Map<String, Object> kafkaDetails = new LinkedHashMap<>();
    kafkaDetails.put("bootstrap", bootstrap);
    kafkaDetails.put("embedded", embeddedKafka != null);
    if (kafka != null) {
      kafkaDetails.put("topics", kafka.partitions());
      kafkaDetails.put("checkedAt", kafka.checkedAt().toString());
      if (kafka.error() != null) {
        kafkaDetails.put("error", kafka.error());
      }
    }
    parts.put(
        "kafka",
        new Health.Component(
            kafka != null && kafka.up() ? Health.Status.UP : Health.Status.DOWN, kafkaDetails));
    Map<String, Object> publisherDetails = new LinkedHashMap<>();
    if (publisher != null) {
      KafkaPublisher.Stats stats = publisher.stats();
      publisherDetails.put("inFlightBytes", stats.inFlightBytes());
      publisherDetails.put("maxInFlightBytes", stats.maxInFlightBytes());
      publisherDetails.put("inFlightRecords", stats.inFlightRecords());
    }
    parts.put(
        "publisher",
        new Health.Component(
            publisher == null
                ? Health.Status.STARTING
                : publisherClosed ? Health.Status.STOPPED : Health.Status.UP,
            publisherDetails));
    parts.put(
        "ingest",
        new Health.Component(
            switch (now) {
              case STARTING -> Health.Status.STARTING;
              case RUNNING -> Health.Status.UP;
              case DRAINING -> Health.Status.DRAINING;
              case STOPPED -> Health.Status.STOPPED;
            },
            ingest == null ? Map.of() : Map.of("inFlightRequests", ingest.inFlightRequests())));
    parts.put(
        "otlpGrpc",
        receiver(config.otlp().grpc().enabled(), config.otlp().grpc().host(), grpc, grpcPort, now));
    parts.put(
        "otlpHttp",
        receiver(config.otlp().http().enabled(), config.otlp().http().host(), http, httpPort, now));
    parts.put(
        "remoteRead",
        config.remoteRead().targets().isEmpty()
            ? new Health.Component(Health.Status.DISABLED, Map.of())
            : new Health.Component(
                remoteRead == null ? Health.Status.STARTING : statusOf(now),
                Map.of(
                    "targets",
                    config.remoteRead().targets().stream()
                        .map(CollectorConfig.Target::name)
                        .toList())));
    return new Health(parts);
  }

  private static Health.Component receiver(
      boolean enabled, String host, Object receiver, int port, State now) {
    if (!enabled) {
      return new Health.Component(Health.Status.DISABLED, Map.of());
    }
    if (receiver == null) {
      return new Health.Component(Health.Status.STARTING, Map.of());
    }
    return new Health.Component(statusOf(now), Map.of("address", host + ":" + port));
  }

  private static Health.Status statusOf(State now) {
    return switch (now) {
      case STARTING -> Health.Status.STARTING;
      case RUNNING -> Health.Status.UP;
      case DRAINING -> Health.Status.DRAINING;
      case STOPPED -> Health.Status.STOPPED;
    };
  }

  /**
   * Drains and stops: stops taking requests, gives calls in progress up to {@code drainTimeout},
   * flushes the publisher, stops the admin endpoint, then the embedded broker. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (state == State.DRAINING || state == State.STOPPED) {
        return;
      }
      state = State.DRAINING;
    }
    long deadline = System.nanoTime() + config.drainTimeout().toNanos();
    if (ingest != null) {
      ingest.startDrain();
    }
    if (grpc != null) {
      quietly("stopping the OTLP gRPC receiver", () -> grpc.drainAndStop(remaining(deadline)));
    }
    if (http != null) {
      quietly("stopping the OTLP HTTP receiver", () -> http.drainAndStop(remaining(deadline)));
    }
    if (remoteRead != null) {
      quietly("stopping the remote-read poller", remoteRead::close);
    }
    if (ingest != null) {
      quietly(
          "waiting for requests in flight",
          () -> {
            if (!ingest.awaitIdle(remaining(deadline))) {
              LOG.warn(
                  "{} requests still in flight after the drain timeout", ingest.inFlightRequests());
            }
          });
    }
    if (publisher != null) {
      // at least a moment for acknowledgements already on their way, whatever the drain took
      Duration flush = max(remaining(deadline), Duration.ofSeconds(1));
      quietly(
          "closing the Kafka publisher",
          () -> {
            if (!publisher.close(flush)) {
              LOG.warn("Kafka did not acknowledge every record before the drain timeout");
            }
          });
      publisherClosed = true;
    }
    state = State.STOPPED;
    stopRest();
  }

  private void stopRest() {
    if (prober != null) {
      prober.shutdownNow();
    }
    if (topics != null) {
      quietly("closing the Kafka admin client", topics::close);
    }
    if (admin != null) {
      quietly("stopping the admin endpoint", admin::close);
    }
    if (embeddedKafka != null) {
      quietly("stopping the embedded Kafka broker", embeddedKafka::close);
    }
    if (gcMetrics != null) {
      gcMetrics.close();
    }
    registry.close();
  }

  /** A failed start: stop whatever started, without draining (nothing was acknowledged yet). */
  private void abort() {
    state = State.STOPPED;
    if (remoteRead != null) {
      quietly("stopping the remote-read poller", remoteRead::close);
    }
    if (http != null) {
      quietly("stopping the OTLP HTTP receiver", http::close);
    }
    if (grpc != null) {
      quietly("stopping the OTLP gRPC receiver", grpc::close);
    }
    if (publisher != null) {
      publisherClosed = true;
      quietly("closing the Kafka publisher", () -> publisher.close(Duration.ofSeconds(1)));
    }
    stopRest();
  }

  private void checkChoices() {
    if (config.kafka().bootstrap() == null && !config.kafka().embedded()) {
      throw new ConfigException(
          "no Kafka chosen: pass --kafka HOST:PORT or --embedded-kafka (config: kafka.bootstrap"
              + " or kafka.embedded: true; environment: SLO_SCOUT_KAFKA_BOOTSTRAP or"
              + " SLO_SCOUT_EMBEDDED_KAFKA=true)");
    }
    Map<Integer, String> ports = new LinkedHashMap<>();
    claim(ports, config.metrics().port(), "metrics.port");
    if (config.otlp().grpc().enabled()) {
      claim(ports, config.otlp().grpc().port(), "otlp.grpc.port");
    }
    if (config.otlp().http().enabled()) {
      claim(ports, config.otlp().http().port(), "otlp.http.port");
    }
  }

  private static void claim(Map<Integer, String> ports, int port, String field) {
    if (port == 0) {
      return;
    }
    String other = ports.putIfAbsent(port, field);
    if (other != null) {
      throw new ConfigException(other + " and " + field + " are both " + port + "; use two ports");
    }
  }

  private Optional<String> bearerToken() {
    CollectorConfig.Auth auth = config.auth();
    if (auth.token() != null) {
      return Optional.of(auth.token());
    }
    if (auth.bearerTokenFile() == null) {
      return Optional.empty();
    }
    return Optional.of(readToken(auth.bearerTokenFile(), "auth.bearerTokenFile"));
  }

  private static String readToken(Path file, String field) {
    try {
      String token = Files.readString(file).strip();
      if (token.isEmpty()) {
        throw new ConfigException(field + " " + file + ": the file is empty");
      }
      return token;
    } catch (NoSuchFileException e) {
      throw new ConfigException(field + " " + file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(field + " " + file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private Optional<TlsFiles> tlsFiles() {
    CollectorConfig.Tls tls = config.tls();
    if (!tls.enabled()) {
      return Optional.empty();
    }
    for (var file :
        Map.of("tls.certChain", tls.certChain(), "tls.privateKey", tls.privateKey()).entrySet()) {
      if (!Files.isReadable(file.getValue())) {
        throw new ConfigException(file.getKey() + " " + file.getValue() + ": cannot read the file");
      }
    }
    return Optional.of(new TlsFiles(tls.certChain(), tls.privateKey()));
  }

  private List<RemoteReadPoller.Target> remoteReadTargets(Map<String, String> environment) {
    List<RemoteReadPoller.Target> targets = new ArrayList<>();
    List<CollectorConfig.Target> configured = config.remoteRead().targets();
    for (int i = 0; i < configured.size(); i++) {
      CollectorConfig.Target t = configured.get(i);
      String field = "remoteRead.targets[" + i + "]";
      Optional<String> token = Optional.empty();
      if (t.bearerTokenFile() != null) {
        token = Optional.of(readToken(t.bearerTokenFile(), field + ".bearerTokenFile"));
      } else if (t.bearerTokenEnv() != null) {
        String value = environment.get(t.bearerTokenEnv());
        if (value == null || value.isBlank()) {
          throw new ConfigException(
              field
                  + ".bearerTokenEnv: environment variable "
                  + t.bearerTokenEnv()
                  + " is not set");
        }
        token = Optional.of(value.strip());
      }
      try {
        targets.add(
            new RemoteReadPoller.Target(
                    t.name(),
                    t.url(),
                    t.selectors(),
                    t.interval(),
                    t.lookback(),
                    token,
                    t.serviceLabel())
                .withForceSamples(t.forceSamples()));
      } catch (IllegalArgumentException e) {
        // the poller checks the selectors' PromQL
        throw new ConfigException(field + ": " + e.getMessage(), e);
      }
    }
    return targets;
  }

  /**
   * A receiver's settings; what its own checks refuse is a configuration error of {@code section}.
   */
  private static <T> T settings(String section, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(section + ": " + e.getMessage(), e);
    }
  }

  private HttpReceiver.LogIntake logIntake(CollectorConfig.LogIntake logs) {
    HttpReceiver.LogIntake d = HttpReceiver.LogIntake.defaults();
    return new HttpReceiver.LogIntake(
        or(logs.serviceField(), d.serviceField()),
        or(logs.serviceHeader(), d.serviceHeader()),
        or(logs.serviceQueryParam(), d.serviceQueryParam()),
        or(logs.bodyField(), d.bodyField()),
        or(logs.timeField(), d.timeField()),
        or(logs.severityField(), d.severityField()));
  }

  private static String or(String value, String fallback) {
    return value == null ? fallback : value;
  }

  private void checkPortsFree() {
    probe("metrics", config.metrics().host(), config.metrics().port());
    if (config.otlp().grpc().enabled()) {
      probe("OTLP gRPC", config.otlp().grpc().host(), config.otlp().grpc().port());
    }
    if (config.otlp().http().enabled()) {
      probe("OTLP HTTP", config.otlp().http().host(), config.otlp().http().port());
    }
  }

  private static void probe(String what, String host, int port) {
    if (port == 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw portError(what, host, port, e);
    }
  }

  private static StartupException portError(String what, String host, int port, Exception e) {
    String flag =
        switch (what) {
          case "OTLP gRPC" -> "--otlp-grpc-port";
          case "OTLP HTTP" -> "--otlp-http-port";
          default -> "--metrics-port";
        };
    if (causedBy(e, BindException.class)) {
      return new StartupException(
          what
              + " port "
              + port
              + " on "
              + host
              + " is already in use (or not allowed); choose another with "
              + flag
              + " (0 = any free port)",
          e);
    }
    return new StartupException(
        what + " could not listen on " + host + ":" + port + ": " + KafkaTopics.rootMessage(e), e);
  }

  private interface Starter<T> {
    T start() throws IOException;
  }

  private static <T> T listen(String what, String host, int port, Starter<T> starter) {
    try {
      return starter.start();
    } catch (IOException | UncheckedIOException e) {
      throw portError(what, host, port, e);
    } catch (RuntimeException e) {
      if (causedBy(e, BindException.class)) {
        throw portError(what, host, port, e);
      }
      throw e;
    }
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private AdminServer startAdmin() throws IOException {
    return AdminServer.start(
        new InetSocketAddress(config.metrics().host(), config.metrics().port()),
        registry,
        this::health);
  }

  private void startKafka() throws InterruptedException {
    CollectorConfig.Kafka kafka = config.kafka();
    Map<String, String> topicConfigs =
        Map.of(
            "retention.ms",
            Long.toString(kafka.rawRetention().toMillis()),
            // a record as large as the publisher sends must fit; brokers default to 1 MiB
            "max.message.bytes",
            Long.toString(config.publisher().maxRecordBytes() + 64 * 1024));
    if (kafka.embedded()) {
      Path dataDir = config.kafkaDataDir();
      try {
        embeddedKafka = EmbeddedKafka.start(EmbeddedKafka.Config.keeping(dataDir));
      } catch (RuntimeException e) {
        throw new StartupException(
            "the embedded Kafka broker on "
                + dataDir
                + " did not start: "
                + KafkaTopics.rootMessage(e),
            e);
      }
      bootstrap = embeddedKafka.bootstrapServers();
      embeddedKafka.createTopics(TopicNames.RAW, kafka.partitions(), topicConfigs);
      topics = new KafkaTopics(bootstrap, TopicNames.RAW);
    } else {
      bootstrap = kafka.bootstrap();
      topics = new KafkaTopics(bootstrap, TopicNames.RAW);
      topics.ensure(
          kafka.topicWait(),
          kafka.createTopics()
              ? Optional.of(new KafkaTopics.NewTopicSpec(kafka.partitions(), topicConfigs))
              : Optional.empty());
    }
  }

  private void bindJvmMetrics() {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gcMetrics = new JvmGcMetrics();
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  private static Duration remaining(long deadline) {
    long nanos = deadline - System.nanoTime();
    return nanos > 0 ? Duration.ofNanos(nanos) : Duration.ZERO;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void quietly(String what, Step step) {
    try {
      step.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("{}: interrupted", what);
    } catch (Exception e) {
      // shutting down: one part failing to stop must not keep the others running
      LOG.warn("{}: {}", what, e.toString());
    }
  }
}
