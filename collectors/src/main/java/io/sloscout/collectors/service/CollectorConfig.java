package io.sloscout.collectors.service;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything the collector needs to start: Kafka, receivers, remote-read targets, auth, TLS,
 * redaction, the metrics endpoint, publisher limits and the drain timeout.
 *
 * <p>Bound from YAML by {@link CollectorConfigLoader}; a component left out (null) takes its
 * default in the compact constructor, so every accessor of a built config is non-null except those
 * that return an {@link Optional} view. Secrets are never values here: a token comes from a file
 * ({@code auth.bearerTokenFile}) or, outside the file, from the environment.
 */
public record CollectorConfig(
    Path dataDir,
    Kafka kafka,
    Otlp otlp,
    RemoteRead remoteRead,
    Auth auth,
    Tls tls,
    Redaction redaction,
    Metrics metrics,
    Publisher publisher,
    Duration drainTimeout) {

  /** Where the collector keeps state when nothing else is said. */
  public static final Path DEFAULT_DATA_DIR = Path.of("slo-scout-data");

  public CollectorConfig {
    dataDir = dataDir == null ? DEFAULT_DATA_DIR : dataDir;
    kafka = kafka == null ? Kafka.defaults() : kafka;
    otlp = otlp == null ? new Otlp(null, null) : otlp;
    remoteRead = remoteRead == null ? new RemoteRead(null, null, null, null) : remoteRead;
    auth = auth == null ? new Auth(null, null) : auth;
    tls = tls == null ? new Tls(null, null) : tls;
    redaction = redaction == null ? new Redaction(null) : redaction;
    metrics = metrics == null ? new Metrics(null, null) : metrics;
    publisher = publisher == null ? new Publisher(null, null, null, null, null, null) : publisher;
    drainTimeout = drainTimeout == null ? Duration.ofSeconds(20) : drainTimeout;
  }

  /** All defaults; Kafka still has to be chosen (bootstrap or embedded) before it can start. */
  public static CollectorConfig defaults() {
    return new CollectorConfig(null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * Where the embedded broker keeps its logs: {@code kafka.dataDir}, else {@code dataDir/kafka}.
   */
  public Path kafkaDataDir() {
    return kafka.dataDir() == null ? dataDir.resolve("kafka") : kafka.dataDir();
  }

  /** Remote-read checkpoints: {@code remoteRead.stateDir}, else {@code dataDir/remote-read}. */
  public Path remoteReadStateDir() {
    return remoteRead.stateDir() == null ? dataDir.resolve("remote-read") : remoteRead.stateDir();
  }

  /** This config with another Kafka section (tests start an embedded broker per config). */
  public CollectorConfig withKafka(Kafka other) {
    return new CollectorConfig(
        dataDir, other, otlp, remoteRead, auth, tls, redaction, metrics, publisher, drainTimeout);
  }

  /** This config with other receivers. */
  public CollectorConfig withOtlp(Otlp other) {
    return new CollectorConfig(
        dataDir, kafka, other, remoteRead, auth, tls, redaction, metrics, publisher, drainTimeout);
  }

  /** This config with another metrics endpoint. */
  public CollectorConfig withMetrics(Metrics other) {
    return new CollectorConfig(
        dataDir, kafka, otlp, remoteRead, auth, tls, redaction, other, publisher, drainTimeout);
  }

  /** This config with other publisher settings. */
  public CollectorConfig withPublisher(Publisher other) {
    return new CollectorConfig(
        dataDir, kafka, otlp, remoteRead, auth, tls, redaction, metrics, other, drainTimeout);
  }

  /** This config with other remote-read targets. */
  public CollectorConfig withRemoteRead(RemoteRead other) {
    return new CollectorConfig(
        dataDir, kafka, otlp, other, auth, tls, redaction, metrics, publisher, drainTimeout);
  }

  /**
   * Kafka: an external cluster ({@code bootstrap}) or a broker in this JVM ({@code embedded}).
   *
   * @param partitions partitions of the raw topics the collector creates (embedded, or external
   *     with {@code createTopics})
   * @param rawRetention {@code retention.ms} of raw topics the collector creates: raw data is
   *     unredacted, so it is kept briefly
   * @param createTopics external only: create missing raw topics instead of failing to start
   * @param topicWait how long to wait for Kafka and the raw topics' metadata at start
   */
  public record Kafka(
      String bootstrap,
      Boolean embedded,
      Path dataDir,
      Integer partitions,
      Duration rawRetention,
      Boolean createTopics,
      Duration topicWait) {

    private static final Pattern HOST_PORT = Pattern.compile("[^\\s,:]+:\\d{1,5}");

    public Kafka {
      embedded = embedded != null && embedded;
      partitions = partitions == null ? 3 : partitions;
      rawRetention = rawRetention == null ? Duration.ofHours(6) : rawRetention;
      createTopics = createTopics != null && createTopics;
      topicWait = topicWait == null ? Duration.ofSeconds(30) : topicWait;
      if (bootstrap != null) {
        bootstrap = bootstrap.trim();
        for (String server : bootstrap.split(",", -1)) {
          if (!HOST_PORT.matcher(server.trim()).matches()) {
            throw new IllegalArgumentException(
                "bootstrap: '" + bootstrap + "' is not HOST:PORT[,HOST:PORT...]");
          }
        }
      }
      if (bootstrap != null && embedded) {
        throw new IllegalArgumentException(
            "bootstrap and embedded: true exclude each other; choose one");
      }
      if (partitions < 1) {
        throw new IllegalArgumentException("partitions: must be at least 1, got " + partitions);
      }
      if (rawRetention.isZero()) {
        throw new IllegalArgumentException("rawRetention: must be longer than zero");
      }
      if (topicWait.isZero()) {
        throw new IllegalArgumentException("topicWait: must be longer than zero");
      }
    }

    /** No Kafka chosen yet. */
    public static Kafka defaults() {
      return new Kafka(null, null, null, null, null, null, null);
    }

    /** An external cluster at {@code bootstrap}. */
    public static Kafka external(String bootstrap) {
      return new Kafka(bootstrap, false, null, null, null, null, null);
    }

    /** A broker in this JVM on {@code dataDir} (null: the config's {@code dataDir/kafka}). */
    public static Kafka embeddedAt(Path dataDir) {
      return new Kafka(null, true, dataDir, null, null, null, null);
    }

    /** The external cluster, when one is configured. */
    public Optional<String> bootstrapServers() {
      return Optional.ofNullable(bootstrap);
    }
  }

  /** The two OTLP receivers. */
  public record Otlp(Grpc grpc, Http http) {
    public Otlp {
      grpc = grpc == null ? new Grpc(null, null, null, null) : grpc;
      http = http == null ? new Http(null, null, null, null, null) : http;
    }
  }

  /**
   * The OTLP/gRPC receiver; {@code maxMessageBytes} null means the receiver's default.
   *
   * @param port 0 for any free port
   */
  public record Grpc(
      Boolean enabled,
      String host,
      Integer port,
      @JsonDeserialize(using = ConfigValues.BytesDeserializer.class) Long maxMessageBytes) {
    public Grpc {
      enabled = enabled == null || enabled;
      host = host == null ? "0.0.0.0" : host;
      port = port == null ? 4317 : port;
      checkPort(port);
      checkSize("maxMessageBytes", maxMessageBytes, Integer.MAX_VALUE);
    }

    /** Enabled on {@code port} of {@code host}, other settings default. */
    public static Grpc on(String host, int port) {
      return new Grpc(true, host, port, null);
    }

    /** Not started. */
    public static Grpc disabled() {
      return new Grpc(false, null, null, null);
    }
  }

  /**
   * The OTLP/HTTP and NDJSON log receiver; {@code maxBodyBytes} null means the receiver's default.
   *
   * @param logs how NDJSON log lines (Fluent Bit's {@code http} output) map onto OTLP log records
   */
  public record Http(
      Boolean enabled,
      String host,
      Integer port,
      @JsonDeserialize(using = ConfigValues.BytesDeserializer.class) Long maxBodyBytes,
      LogIntake logs) {
    public Http {
      enabled = enabled == null || enabled;
      host = host == null ? "0.0.0.0" : host;
      port = port == null ? 4318 : port;
      logs = logs == null ? new LogIntake(null, null, null, null, null, null) : logs;
      checkPort(port);
      checkSize("maxBodyBytes", maxBodyBytes, Long.MAX_VALUE);
    }

    /** Enabled on {@code port} of {@code host}, other settings default. */
    public static Http on(String host, int port) {
      return new Http(true, host, port, null, null);
    }

    /** Not started. */
    public static Http disabled() {
      return new Http(false, null, null, null, null);
    }
  }

  /**
   * Field names of NDJSON log lines; each null one takes the HTTP receiver's default.
   *
   * @param serviceField the JSON field holding the service name
   * @param serviceHeader the request header naming the service when the line does not
   * @param serviceQueryParam the query parameter naming the service when neither does
   * @param bodyField the field holding the message
   * @param timeField the field holding the timestamp
   * @param severityField the field holding the level
   */
  public record LogIntake(
      String serviceField,
      String serviceHeader,
      String serviceQueryParam,
      String bodyField,
      String timeField,
      String severityField) {}

  /**
   * Prometheus remote-read polling; nothing runs without targets.
   *
   * @param stateDir where each target's read position is kept (null: {@code dataDir/remote-read})
   * @param maxChunk the longest time range asked for in one request
   * @param safetyLag how far behind now reads stay, so late samples are not missed
   */
  public record RemoteRead(
      Path stateDir, Duration maxChunk, Duration safetyLag, List<Target> targets) {
    public RemoteRead {
      maxChunk = maxChunk == null ? Duration.ofMinutes(30) : maxChunk;
      safetyLag = safetyLag == null ? Duration.ofMinutes(1) : safetyLag;
      targets = targets == null ? List.of() : List.copyOf(targets);
      if (maxChunk.isZero()) {
        throw new IllegalArgumentException("maxChunk: must be longer than zero");
      }
      long distinct = targets.stream().map(Target::name).distinct().count();
      if (distinct != targets.size()) {
        throw new IllegalArgumentException("targets: names must be unique");
      }
    }
  }

  /**
   * One Prometheus to read from.
   *
   * @param url the remote-read endpoint, e.g. {@code http://prometheus:9090/api/v1/read}
   * @param selectors PromQL series selectors, e.g. {@code {__name__=~"http_server_.*"}}
   * @param interval how often to poll
   * @param lookback how far back the first poll reads
   * @param bearerTokenFile a mounted file holding the token, when Prometheus wants one
   * @param bearerTokenEnv the name of an environment variable holding the token instead
   * @param serviceLabel the series label whose value is the Kafka key (service.name); null: the
   *     poller's default ({@code service}, falling back to {@code job})
   * @param forceSamples ask for SAMPLES only, for servers whose streamed answers do not work
   */
  public record Target(
      String name,
      URI url,
      List<String> selectors,
      Duration interval,
      Duration lookback,
      Path bearerTokenFile,
      String bearerTokenEnv,
      String serviceLabel,
      Boolean forceSamples) {
    public Target {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("name: is required");
      }
      if (url == null
          || url.getScheme() == null
          || !List.of("http", "https").contains(url.getScheme().toLowerCase(Locale.ROOT))
          || url.getHost() == null) {
        throw new IllegalArgumentException("url: an http(s) URL is required, got " + url);
      }
      if (selectors == null || selectors.isEmpty()) {
        throw new IllegalArgumentException("selectors: at least one series selector is required");
      }
      selectors = List.copyOf(selectors);
      interval = interval == null ? Duration.ofSeconds(30) : interval;
      lookback = lookback == null ? Duration.ofHours(1) : lookback;
      forceSamples = forceSamples != null && forceSamples;
      if (interval.isZero()) {
        throw new IllegalArgumentException("interval: must be longer than zero");
      }
      if (bearerTokenFile != null && bearerTokenEnv != null) {
        throw new IllegalArgumentException(
            "bearerTokenFile and bearerTokenEnv exclude each other; choose one");
      }
    }
  }

  /**
   * Bearer-token auth for the receivers: off when neither is set.
   *
   * @param bearerTokenFile a mounted file holding the token
   * @param token the token itself; only ever from the environment ({@code SLO_SCOUT_AUTH_TOKEN}),
   *     never from the config file
   */
  public record Auth(Path bearerTokenFile, String token) {
    public Auth {
      if (token != null && token.isBlank()) {
        throw new IllegalArgumentException("token: must not be blank");
      }
      if (bearerTokenFile != null && token != null) {
        throw new IllegalArgumentException("bearerTokenFile and token exclude each other");
      }
    }

    @Override
    public String toString() {
      // the token must not reach a log line through a printed config
      return "Auth[bearerTokenFile="
          + bearerTokenFile
          + ", token="
          + (token == null ? "null" : "****")
          + "]";
    }
  }

  /** TLS for both receivers: PEM certificate chain and PKCS#8 private key, both or neither. */
  public record Tls(Path certChain, Path privateKey) {
    public Tls {
      if ((certChain == null) != (privateKey == null)) {
        throw new IllegalArgumentException("certChain and privateKey: set both or neither");
      }
    }

    /** Whether TLS is on. */
    public boolean enabled() {
      return certChain != null;
    }
  }

  /** PII redaction before Kafka (by default data is redacted later, in the Flink job). */
  public record Redaction(Boolean atEdge) {
    public Redaction {
      atEdge = atEdge != null && atEdge;
    }
  }

  /** The admin HTTP endpoint: {@code /metrics}, {@code /health/live}, {@code /health/ready}. */
  public record Metrics(String host, Integer port) {
    public Metrics {
      host = host == null ? "0.0.0.0" : host;
      port = port == null ? 9464 : port;
      checkPort(port);
    }
  }

  /**
   * The Kafka publisher: an in-flight byte budget (beyond it receivers answer "retry later"), the
   * largest record, compression and timeouts.
   */
  public record Publisher(
      @JsonDeserialize(using = ConfigValues.BytesDeserializer.class) Long maxInFlightBytes,
      @JsonDeserialize(using = ConfigValues.BytesDeserializer.class) Long maxRecordBytes,
      String compression,
      Duration linger,
      Duration requestTimeout,
      Duration deliveryTimeout) {
    public Publisher {
      maxInFlightBytes = maxInFlightBytes == null ? 64L * 1024 * 1024 : maxInFlightBytes;
      maxRecordBytes = maxRecordBytes == null ? 21L * 1024 * 1024 : maxRecordBytes;
      compression = compression == null ? "lz4" : compression;
      // every request waits for Kafka's ack, so linger is latency each client pays: Kafka's own
      // 5 ms made 8 waiting exporters latency-bound (0.5M spans/s against 1.4M with 0 ms), while
      // 0 ms sent smaller produce requests under load (fewer spans/s with 64 exporters)
      linger = linger == null ? Duration.ofMillis(2) : linger;
      requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
      deliveryTimeout = deliveryTimeout == null ? Duration.ofMinutes(2) : deliveryTimeout;
      checkSize("maxInFlightBytes", maxInFlightBytes, Long.MAX_VALUE);
      checkSize("maxRecordBytes", maxRecordBytes, Integer.MAX_VALUE);
      if (maxRecordBytes > maxInFlightBytes) {
        throw new IllegalArgumentException("maxRecordBytes: must not exceed maxInFlightBytes");
      }
      if (!compression.equals("lz4") && !compression.equals("zstd")) {
        throw new IllegalArgumentException("compression: lz4 or zstd, got " + compression);
      }
      if (deliveryTimeout.compareTo(linger.plus(requestTimeout)) < 0) {
        throw new IllegalArgumentException(
            "deliveryTimeout: must be at least linger + requestTimeout");
      }
    }
  }

  private static void checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: must be 0-65535 (0 = any free port), got " + port);
    }
  }

  private static void checkSize(String field, Long value, long max) {
    if (value != null && (value <= 0 || value > max)) {
      throw new IllegalArgumentException(
          field + ": must be between 1 and " + max + " bytes, got " + value);
    }
  }
}
