package io.sloscout.collectors.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka (KRaft, broker and controller in one) in this JVM on 127.0.0.1; its data
 * survives {@link #stop()} and {@link #start()} on the same directory.
 *
 * <p>Used by the tests and by the all-in-one mode: the same client code talks to it as to a
 * production cluster, so nothing here is a fake.
 */
public final class EmbeddedKafka implements AutoCloseable {

  /**
   * How the broker is laid out; {@code deleteOnClose} removes {@code dataDir} in {@link #close}.
   */
  public record Config(Path dataDir, boolean deleteOnClose, Duration startTimeout) {
    public Config {
      if (dataDir == null) {
        throw new IllegalArgumentException("dataDir is required");
      }
      if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
        throw new IllegalArgumentException("startTimeout must be positive: " + startTimeout);
      }
    }

    /** A broker on {@code dataDir} that keeps its data on close and waits up to 60 s to start. */
    public static Config keeping(Path dataDir) {
      return new Config(dataDir, false, Duration.ofSeconds(60));
    }
  }

  /**
   * Largest record the broker takes: OTLP/HTTP allows 20 MiB bodies, so the 1 MiB Kafka default
   * would refuse valid requests.
   */
  public static final int MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

  private static final String CONTROLLER = "CONTROLLER";
  private static final String HOST = "127.0.0.1";

  private final Config config;
  // Chosen once, kept across restarts: clients that knew the old address must find the broker
  // again at the same place, as they would a real broker coming back.
  private final int brokerPort;
  private final int controllerPort;
  private KafkaRaftServer server;

  private EmbeddedKafka(Config config, int brokerPort, int controllerPort) {
    this.config = config;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
  }

  /** Formats {@code config.dataDir()} unless already formatted, starts the broker, waits ready. */
  public static EmbeddedKafka start(Config config) {
    int[] ports = freePorts(2);
    EmbeddedKafka kafka = new EmbeddedKafka(config, ports[0], ports[1]);
    kafka.start();
    return kafka;
  }

  /** A broker on a new temporary directory that is deleted on close. */
  public static EmbeddedKafka startTemporary() {
    try {
      Path dir = Files.createTempDirectory("slo-scout-kafka-");
      return start(new Config(dir, true, Duration.ofSeconds(60)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the broker again on the same directory and ports; no-op when running. */
  public synchronized void start() {
    if (server != null) {
      return;
    }
    try {
      Files.createDirectories(config.dataDir());
      formatIfNeeded();
      KafkaRaftServer started = new KafkaRaftServer(kafkaConfig(), Time.SYSTEM);
      try {
        started.startup();
      } catch (RuntimeException e) {
        shutdown(started);
        throw e;
      }
      server = started;
      awaitReady();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the broker, keeping its data and ports so {@link #start()} brings the same one back. */
  public synchronized void stop() {
    if (server != null) {
      KafkaRaftServer running = server;
      server = null;
      shutdown(running);
    }
  }

  /** Whether the broker is started. */
  public synchronized boolean isRunning() {
    return server != null;
  }

  /** {@code host:port} of the PLAINTEXT listener, stable across restarts. */
  public String bootstrapServers() {
    return HOST + ":" + brokerPort;
  }

  /** The data directory (metadata log and topic logs). */
  public Path dataDir() {
    return config.dataDir();
  }

  /** Creates the topics that do not exist yet, each with {@code partitions} partitions. */
  public void createTopics(Collection<String> names, int partitions) {
    createTopics(names, partitions, Map.of());
  }

  /** Creates missing topics with per-topic configs (e.g. {@code retention.ms} for raw topics). */
  public void createTopics(Collection<String> names, int partitions, Map<String, String> configs) {
    List<NewTopic> topics = new ArrayList<>();
    for (String name : names) {
      topics.add(new NewTopic(name, partitions, (short) 1).configs(configs));
    }
    try (Admin admin = admin()) {
      var results = admin.createTopics(topics).values();
      for (var result : results.entrySet()) {
        try {
          result.getValue().get(config.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          // idempotent: a restart on an existing directory asks for the same topics again
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("creating topic " + result.getKey(), e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating topics", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("creating topics " + names + " timed out", e);
    }
  }

  /** Stops the broker and, if configured, deletes its directory. */
  @Override
  public void close() {
    stop();
    if (config.deleteOnClose()) {
      deleteRecursively(config.dataDir());
    }
  }

  private void formatIfNeeded() throws IOException {
    if (Files.exists(config.dataDir().resolve("meta.properties"))) {
      return;
    }
    String dir = config.dataDir().toString();
    try {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setClusterId(Uuid.randomUuid().toString())
          .setNodeId(1)
          .setControllerListenerName(CONTROLLER)
          .setMetadataLogDirectory(dir)
          .setDirectories(List.of(dir))
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("formatting " + dir, e);
    }
  }

  private KafkaConfig kafkaConfig() {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
    props.put(
        "listeners",
        "PLAINTEXT://"
            + HOST
            + ":"
            + brokerPort
            + ","
            + CONTROLLER
            + "://"
            + HOST
            + ":"
            + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("controller.listener.names", CONTROLLER);
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", config.dataDir().toString());
    props.put("metadata.log.dir", config.dataDir().toString());
    // one node: every internal topic has exactly one replica
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    // topics are created on purpose (the contract's); a typo must fail, not create a topic
    props.put("auto.create.topics.enable", "false");
    props.put("message.max.bytes", Integer.toString(MAX_MESSAGE_BYTES));
    props.put("replica.fetch.max.bytes", Integer.toString(MAX_MESSAGE_BYTES));
    // a laptop-sized broker: few threads, no background log cleaner for compacted topics we lack
    props.put("num.network.threads", "2");
    props.put("num.io.threads", "2");
    props.put("log.cleaner.enable", "false");
    return KafkaConfig.fromProps(props, false);
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + config.startTimeout().toNanos();
    try (Admin admin = admin()) {
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get(1, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          // not ready yet: the broker registers with its controller after startup() returns
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Kafka at " + bootstrapServers() + " not ready after " + config.startTimeout());
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for Kafka", e);
    }
  }

  private Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
  }

  private static void shutdown(KafkaRaftServer server) {
    server.shutdown();
    server.awaitShutdown();
  }

  private static int[] freePorts(int count) {
    // hold all sockets open until every port is chosen, so the same port is not handed out twice
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException e) {
          // closing a listening socket we never accepted on; nothing to recover
        }
      }
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("deleting " + dir, e);
    }
  }

  /** Topic names that exist on the broker (internal topics excluded). */
  public Set<String> topics() {
    try (Admin admin = admin()) {
      return admin.listTopics().names().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted listing topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("listing topics on " + bootstrapServers(), e);
    }
  }
}
