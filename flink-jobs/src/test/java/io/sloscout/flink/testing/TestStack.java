package io.sloscout.flink.testing;

import io.sloscout.collectors.kafka.EmbeddedKafka;
import io.sloscout.flink.LocalCluster;
import io.sloscout.flink.config.ConfigLoader;
import io.sloscout.flink.config.PipelineConfig;
import io.sloscout.flink.config.SecretRef;
import io.sloscout.storage.DatabaseConfig;
import io.sloscout.storage.archive.ArchiveConfig;
import io.sloscout.storage.testing.SharedStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real servers the job tests run against, once per test JVM: a Kafka broker (KRaft, from
 * collectors), PostgreSQL and S3Proxy (storage's test helpers), and a Flink MiniCluster. Each test
 * class gets its own topics, database, bucket and vector folder through {@link #newConfig}.
 */
public final class TestStack {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedKafka kafka;
  private static LocalCluster cluster;

  private TestStack() {}

  /** The broker of this JVM. */
  public static synchronized EmbeddedKafka kafka() {
    if (kafka == null) {
      kafka = EmbeddedKafka.startTemporary();
      EmbeddedKafka started = kafka;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-kafka-stop"));
    }
    return kafka;
  }

  /** The Flink MiniCluster of this JVM: room for three jobs of parallelism 2. */
  public static synchronized LocalCluster cluster() {
    if (cluster == null) {
      cluster = LocalCluster.start(6);
      LocalCluster started = cluster;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-flink-stop"));
    }
    return cluster;
  }

  /**
   * A configuration of fresh topics, database, bucket and vector folder: checkpoints every 500 ms,
   * no restarts, event time that moves on after 1 s of idleness, traces closed after 2 s.
   */
  public static PipelineConfig newConfig(String name) {
    int n = COUNTER.incrementAndGet();
    String prefix = "t" + n + "-" + name + ".";
    Path dir;
    try {
      dir = Files.createTempDirectory("flink-" + name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PipelineConfig defaults = ConfigLoader.load(Map.of());
    PipelineConfig.Kafka k = defaults.kafka();
    PipelineConfig.Kafka kafkaSettings =
        new PipelineConfig.Kafka(
            kafka().bootstrapServers(),
            "test-" + n,
            PipelineConfig.StartingOffsets.EARLIEST,
            false,
            PipelineConfig.Delivery.AT_LEAST_ONCE,
            "test-" + n,
            prefix + k.spansTopic(),
            prefix + k.logsTopic(),
            prefix + k.eventsTopic(),
            prefix + k.deadLetterTopic(),
            Map.of());
    kafka()
        .createTopics(
            List.of(
                kafkaSettings.spansTopic(),
                kafkaSettings.logsTopic(),
                kafkaSettings.eventsTopic(),
                kafkaSettings.deadLetterTopic()),
            2);
    DatabaseConfig db = SharedStorage.get().newDatabaseConfig();
    ArchiveConfig bucket = SharedStorage.get().newBucket();
    return defaults
        .withKafka(kafkaSettings)
        .withCheckpoints(
            new PipelineConfig.Checkpoints(
                Duration.ofMillis(500),
                Duration.ofMinutes(1),
                "hashmap",
                dir.resolve("checkpoints").toUri().toString()))
        .withRestart(new PipelineConfig.Restart("none", 1, Duration.ofSeconds(1)))
        .withParallelism(1)
        .withEventTime(new PipelineConfig.EventTime(Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .withJourneys(
            new PipelineConfig.Journeys(Duration.ofSeconds(2), Duration.ofMinutes(5), 1000))
        .withDatabase(
            new PipelineConfig.Database(
                db.jdbcUrl(),
                db.user(),
                db.password() == null ? SecretRef.NONE : SecretRef.literal(db.password()),
                db.schema(),
                2,
                500,
                Duration.ofMillis(200)))
        .withArchive(
            new PipelineConfig.Archive(
                bucket.endpoint().toString(),
                bucket.region(),
                bucket.bucket(),
                SecretRef.literal(bucket.accessKey()),
                SecretRef.literal(bucket.secretKey())))
        .withVectors(
            new PipelineConfig.Vectors(
                PipelineConfig.VectorStoreKind.LUCENE,
                dir.resolve("vectors").toString(),
                null,
                "unused",
                SecretRef.NONE))
        .withEmbed(new PipelineConfig.Embed(32, Duration.ofMillis(100), false, null, 2));
  }

  /** The database settings of a test configuration as storage's config. */
  public static DatabaseConfig databaseConfig(PipelineConfig config) {
    PipelineConfig.Database d = config.database();
    return DatabaseConfig.of(d.url(), d.user(), d.password().resolve()).withMaxPoolSize(2);
  }

  /** The archive settings of a test configuration as storage's config. */
  public static ArchiveConfig archiveConfig(PipelineConfig config) {
    PipelineConfig.Archive a = config.archive();
    return new ArchiveConfig(
        java.net.URI.create(a.endpoint()),
        a.accessKey().resolve(),
        a.secretKey().resolve(),
        a.bucket(),
        a.region());
  }
}
