package io.sloscout.flink.config;

import io.sloscout.flink.ingest.RedactionSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the three jobs are configured by; read by {@link ConfigLoader} from a YAML file and
 * the environment. Serializable: functions carry the parts they need into the job graph (secrets
 * only as {@link SecretRef}s).
 */
public record PipelineConfig(
    Kafka kafka,
    Checkpoints checkpoints,
    Restart restart,
    int parallelism,
    EventTime eventTime,
    Templates templates,
    Journeys journeys,
    Database database,
    Archive archive,
    Vectors vectors,
    Embed embed,
    RedactionSettings redaction)
    implements Serializable {

  public PipelineConfig {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(checkpoints, "checkpoints");
    Objects.requireNonNull(restart, "restart");
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(templates, "templates");
    Objects.requireNonNull(journeys, "journeys");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(archive, "archive");
    Objects.requireNonNull(vectors, "vectors");
    Objects.requireNonNull(embed, "embed");
    Objects.requireNonNull(redaction, "redaction");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
    }
  }

  /** Where the jobs start reading a topic their group has no committed offset for. */
  public enum StartingOffsets {
    EARLIEST,
    LATEST
  }

  /** How {@code slo-scout.events} is written. */
  public enum Delivery {
    AT_LEAST_ONCE,
    EXACTLY_ONCE
  }

  /**
   * Kafka.
   *
   * @param bootstrapServers {@code host:port,...}
   * @param groupIdPrefix consumer groups are {@code <prefix>-<job>}
   * @param startingOffsets where a group without committed offsets starts
   * @param bounded stop at the offsets that are latest when the job starts (backfills, tests)
   * @param eventsDelivery how events are written (see {@code RedactFingerprintJob})
   * @param transactionalIdPrefix prefix of the exactly-once producer's transactions
   * @param spansTopic raw spans
   * @param logsTopic raw logs
   * @param eventsTopic redacted events
   * @param deadLetterTopic undecodable records
   * @param properties extra client properties (security, timeouts), passed as they are
   */
  public record Kafka(
      String bootstrapServers,
      String groupIdPrefix,
      StartingOffsets startingOffsets,
      boolean bounded,
      Delivery eventsDelivery,
      String transactionalIdPrefix,
      String spansTopic,
      String logsTopic,
      String eventsTopic,
      String deadLetterTopic,
      Map<String, String> properties)
      implements Serializable {
    public Kafka {
      Objects.requireNonNull(bootstrapServers, "kafka.bootstrapServers");
      Objects.requireNonNull(groupIdPrefix, "kafka.groupIdPrefix");
      Objects.requireNonNull(startingOffsets, "kafka.startingOffsets");
      Objects.requireNonNull(eventsDelivery, "kafka.eventsDelivery");
      Objects.requireNonNull(transactionalIdPrefix, "kafka.transactionalIdPrefix");
      Objects.requireNonNull(spansTopic, "kafka.topics.spans");
      Objects.requireNonNull(logsTopic, "kafka.topics.logs");
      Objects.requireNonNull(eventsTopic, "kafka.topics.events");
      Objects.requireNonNull(deadLetterTopic, "kafka.topics.deadLetter");
      properties = Map.copyOf(properties);
    }

    public Kafka withBootstrapServers(String value) {
      return new Kafka(
          value,
          groupIdPrefix,
          startingOffsets,
          bounded,
          eventsDelivery,
          transactionalIdPrefix,
          spansTopic,
          logsTopic,
          eventsTopic,
          deadLetterTopic,
          properties);
    }

    public Kafka withBounded(boolean value) {
      return new Kafka(
          bootstrapServers,
          groupIdPrefix,
          startingOffsets,
          value,
          eventsDelivery,
          transactionalIdPrefix,
          spansTopic,
          logsTopic,
          eventsTopic,
          deadLetterTopic,
          properties);
    }

    public Kafka withGroupIdPrefix(String value) {
      return new Kafka(
          bootstrapServers,
          value,
          startingOffsets,
          bounded,
          eventsDelivery,
          transactionalIdPrefix,
          spansTopic,
          logsTopic,
          eventsTopic,
          deadLetterTopic,
          properties);
    }

    public Kafka withEventsDelivery(Delivery value) {
      return new Kafka(
          bootstrapServers,
          groupIdPrefix,
          startingOffsets,
          bounded,
          value,
          transactionalIdPrefix,
          spansTopic,
          logsTopic,
          eventsTopic,
          deadLetterTopic,
          properties);
    }
  }

  /**
   * Checkpointing.
   *
   * @param interval time between checkpoints
   * @param timeout a checkpoint slower than this fails
   * @param backend Flink state backend ({@code hashmap}; {@code rocksdb} where the cluster has it)
   * @param directory checkpoint storage URI ({@code file:///...}, {@code s3://...}); null keeps
   *     checkpoints in the JobManager's memory
   */
  public record Checkpoints(Duration interval, Duration timeout, String backend, String directory)
      implements Serializable {
    public Checkpoints {
      Objects.requireNonNull(interval, "checkpoints.interval");
      Objects.requireNonNull(timeout, "checkpoints.timeout");
      Objects.requireNonNull(backend, "checkpoints.backend");
    }
  }

  /**
   * What Flink does when a task fails.
   *
   * @param strategy {@code none}, {@code fixed-delay} or {@code exponential-delay}
   * @param attempts attempts of {@code fixed-delay}
   * @param delay delay of {@code fixed-delay}, initial delay of {@code exponential-delay}
   */
  public record Restart(String strategy, int attempts, Duration delay) implements Serializable {
    public Restart {
      Objects.requireNonNull(strategy, "restart.strategy");
      Objects.requireNonNull(delay, "restart.delay");
    }
  }

  /**
   * Event time.
   *
   * @param outOfOrderness how far behind the latest event time an item may arrive and still count
   *     in time
   * @param idleness a source partition silent this long stops holding the watermark back
   */
  public record EventTime(Duration outOfOrderness, Duration idleness) implements Serializable {
    public EventTime {
      Objects.requireNonNull(outOfOrderness, "eventTime.outOfOrderness");
      Objects.requireNonNull(idleness, "eventTime.idleness");
    }
  }

  /**
   * Fingerprinting.
   *
   * @param maxClustersPerService clusters each per-service miner keeps
   * @param countsAllowedLateness how long after its minute a count may still change
   */
  public record Templates(int maxClustersPerService, Duration countsAllowedLateness)
      implements Serializable {
    public Templates {
      Objects.requireNonNull(countsAllowedLateness, "templates.countsAllowedLateness");
    }
  }

  /**
   * Journeys.
   *
   * @param inactivityGap a trace is complete when no span of it arrived for this long (event time)
   * @param allowedLateness how long after its minute a request may still change the minute's RED
   *     values: covers the longest trace plus the gap
   * @param maxSpansPerTrace spans kept per trace; more are dropped and counted
   */
  public record Journeys(Duration inactivityGap, Duration allowedLateness, int maxSpansPerTrace)
      implements Serializable {
    public Journeys {
      Objects.requireNonNull(inactivityGap, "journeys.inactivityGap");
      Objects.requireNonNull(allowedLateness, "journeys.allowedLateness");
    }
  }

  /**
   * The relational store.
   *
   * @param url a {@code jdbc:postgresql:} URL
   * @param user the user
   * @param password where the password is read from
   * @param schema the schema of the tables
   * @param poolSize connections per pool
   * @param batchSize rows a sink writes per statement batch at most
   * @param flushInterval a sink writes what it holds at least this often
   */
  public record Database(
      String url,
      String user,
      SecretRef password,
      String schema,
      int poolSize,
      int batchSize,
      Duration flushInterval)
      implements Serializable {
    public Database {
      Objects.requireNonNull(password, "database.password");
      Objects.requireNonNull(schema, "database.schema");
      Objects.requireNonNull(flushInterval, "database.flushInterval");
    }

    public Database withUrl(String value, String user, SecretRef password) {
      return new Database(value, user, password, schema, poolSize, batchSize, flushInterval);
    }
  }

  /**
   * The object store for the event archive.
   *
   * @param endpoint an http(s) URL
   * @param region the signing region
   * @param bucket the bucket
   * @param accessKey where the access key is read from
   * @param secretKey where the secret key is read from
   */
  public record Archive(
      String endpoint, String region, String bucket, SecretRef accessKey, SecretRef secretKey)
      implements Serializable {
    public Archive {
      Objects.requireNonNull(region, "archive.region");
      Objects.requireNonNull(bucket, "archive.bucket");
      Objects.requireNonNull(accessKey, "archive.accessKey");
      Objects.requireNonNull(secretKey, "archive.secretKey");
    }
  }

  /** Which vector store the embed job writes. */
  public enum VectorStoreKind {
    LUCENE,
    MILVUS
  }

  /**
   * The vector store.
   *
   * @param store which one
   * @param luceneDirectory the Lucene index folder
   * @param milvusUri the Milvus endpoint
   * @param milvusCollection the Milvus collection
   * @param milvusToken where the Milvus token is read from
   */
  public record Vectors(
      VectorStoreKind store,
      String luceneDirectory,
      String milvusUri,
      String milvusCollection,
      SecretRef milvusToken)
      implements Serializable {
    public Vectors {
      Objects.requireNonNull(store, "vectors.store");
      Objects.requireNonNull(milvusCollection, "vectors.milvus.collection");
      Objects.requireNonNull(milvusToken, "vectors.milvus.token");
    }
  }

  /**
   * Embedding.
   *
   * @param batchSize templates per model call at most
   * @param maxDelay a template waits at most this long for its batch to fill
   * @param quantized the int8 weights (twice the throughput) instead of fp32
   * @param modelCacheDir where the weights are copied out of the jar; null for the temp dir
   * @param threads ONNX Runtime threads per inference
   */
  public record Embed(
      int batchSize, Duration maxDelay, boolean quantized, String modelCacheDir, int threads)
      implements Serializable {
    public Embed {
      Objects.requireNonNull(maxDelay, "embed.maxDelay");
    }
  }

  public PipelineConfig withKafka(Kafka value) {
    return new PipelineConfig(
        value,
        checkpoints,
        restart,
        parallelism,
        eventTime,
        templates,
        journeys,
        database,
        archive,
        vectors,
        embed,
        redaction);
  }

  public PipelineConfig withCheckpoints(Checkpoints value) {
    return new PipelineConfig(
        kafka,
        value,
        restart,
        parallelism,
        eventTime,
        templates,
        journeys,
        database,
        archive,
        vectors,
        embed,
        redaction);
  }

  public PipelineConfig withRestart(Restart value) {
    return new PipelineConfig(
        kafka,
        checkpoints,
        value,
        parallelism,
        eventTime,
        templates,
        journeys,
        database,
        archive,
        vectors,
        embed,
        redaction);
  }

  public PipelineConfig withParallelism(int value) {
    return new PipelineConfig(
        kafka,
        checkpoints,
        restart,
        value,
        eventTime,
        templates,
        journeys,
        database,
        archive,
        vectors,
        embed,
        redaction);
  }

  public PipelineConfig withEventTime(EventTime value) {
    return new PipelineConfig(
        kafka,
        checkpoints,
        restart,
        parallelism,
        value,
        templates,
        journeys,
        database,
        archive,
        vectors,
        embed,
        redaction);
  }

  public PipelineConfig withJourneys(Journeys value) {
    return new PipelineConfig(
        kafka,
        checkpoints,
        restart,
        parallelism,
        eventTime,
        templates,
        value,
        database,
        archive,
        vectors,
        embed,
        redaction);
  }

  public PipelineConfig withDatabase(Database value) {
    return new PipelineConfig(
        kafka,
        checkpoints,
        restart,
        parallelism,
        eventTime,
        templates,
        journeys,
        value,
        archive,
        vectors,
        embed,
        redaction);
  }

  public PipelineConfig withArchive(Archive value) {
    return new PipelineConfig(
        kafka,
        checkpoints,
        restart,
        parallelism,
        eventTime,
        templates,
        journeys,
        database,
        value,
        vectors,
        embed,
        redaction);
  }

  public PipelineConfig withVectors(Vectors value) {
    return new PipelineConfig(
        kafka,
        checkpoints,
        restart,
        parallelism,
        eventTime,
        templates,
        journeys,
        database,
        archive,
        value,
        embed,
        redaction);
  }

  public PipelineConfig withEmbed(Embed value) {
    return new PipelineConfig(
        kafka,
        checkpoints,
        restart,
        parallelism,
        eventTime,
        templates,
        journeys,
        database,
        archive,
        vectors,
        value,
        redaction);
  }
}
