package io.sloscout.collectors.kafka;

import io.sloscout.collectors.kafka.PublishResult.Acknowledgement;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes {@code (topic, key = service.name, value = bytes)} with acks=all, idempotence and
 * compression, within a bounded budget of in-flight bytes; a record counts as published only once
 * Kafka acknowledged it.
 *
 * <p>Thread-safe. Acknowledgement futures complete on the producer's I/O thread: dependents
 * attached with non-async methods must be short, or they slow every publisher's acknowledgements.
 */
public final class KafkaPublisher implements AutoCloseable {

  /** Settings of a publisher; {@link #defaults(String)} gives production values. */
  public record Config(
      String bootstrapServers,
      long maxInFlightBytes,
      int maxRecordBytes,
      String compression,
      Duration linger,
      Duration requestTimeout,
      Duration deliveryTimeout,
      Duration metadataWait,
      Map<String, Object> producerOverrides) {

    public Config {
      if (bootstrapServers == null || bootstrapServers.isBlank()) {
        throw new IllegalArgumentException("bootstrapServers is required");
      }
      if (maxInFlightBytes <= 0) {
        throw new IllegalArgumentException("maxInFlightBytes must be positive");
      }
      if (maxRecordBytes <= 0 || maxRecordBytes > maxInFlightBytes) {
        throw new IllegalArgumentException(
            "maxRecordBytes must be in (0, maxInFlightBytes]: " + maxRecordBytes);
      }
      if (!"lz4".equals(compression) && !"zstd".equals(compression)) {
        // the contract says compression on; these two are the fast ones on our payloads
        throw new IllegalArgumentException("compression must be lz4 or zstd: " + compression);
      }
      if (deliveryTimeout.compareTo(linger.plus(requestTimeout)) < 0) {
        // the producer refuses this combination at construction; say why here instead
        throw new IllegalArgumentException("deliveryTimeout must be >= linger + requestTimeout");
      }
      producerOverrides = Map.copyOf(producerOverrides);
    }

    /**
     * 64 MiB in flight, 21 MiB records (OTLP/HTTP's 20 MiB body plus the key), lz4, 2 ms linger, 2
     * min delivery timeout (Kafka's default), 5 s for {@link #awaitTopics} to wait for metadata.
     */
    public static Config defaults(String bootstrapServers) {
      return new Config(
          bootstrapServers,
          64L * 1024 * 1024,
          21 * 1024 * 1024,
          "lz4",
          Duration.ofMillis(2),
          Duration.ofSeconds(30),
          Duration.ofMinutes(2),
          Duration.ofSeconds(5),
          Map.of());
    }

    /** This config with other in-flight and record limits. */
    public Config withLimits(long maxInFlightBytes, int maxRecordBytes) {
      return new Config(
          bootstrapServers,
          maxInFlightBytes,
          maxRecordBytes,
          compression,
          linger,
          requestTimeout,
          deliveryTimeout,
          metadataWait,
          producerOverrides);
    }

    /** This config with other timeouts (request, delivery, {@link #awaitTopics} wait). */
    public Config withTimeouts(
        Duration requestTimeout, Duration deliveryTimeout, Duration metadataWait) {
      return new Config(
          bootstrapServers,
          maxInFlightBytes,
          maxRecordBytes,
          compression,
          linger,
          requestTimeout,
          deliveryTimeout,
          metadataWait,
          producerOverrides);
    }
  }

  /** A snapshot of the publisher's counters, for the collector's metrics endpoint. */
  public record Stats(
      long inFlightRecords,
      long inFlightBytes,
      long maxInFlightBytes,
      long submitted,
      long acknowledged,
      long failed,
      long refusedWouldBlock) {}

  private final Config config;
  private final Producer<String, byte[]> producer;
  // the budget needs an exact, atomic sum; the counters only need to add up when read, so they
  // are LongAdders: the caller's threads and the producer's I/O thread touch them per record
  private final AtomicLong inFlightBytes = new AtomicLong();
  private final LongAdder submitted = new LongAdder();
  private final LongAdder acknowledged = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder refused = new LongAdder();
  // records that failed after close began: a drain that did not finish (or a broker that was down)
  private final LongAdder failedWhileClosing = new LongAdder();
  private volatile boolean closed;

  /** A publisher with its own producer, connected per {@code config}. */
  public KafkaPublisher(Config config) {
    this.config = config;
    this.producer = new KafkaProducer<>(producerProperties(config));
  }

  /** The producer settings this publisher uses; overrides apply last. */
  public static Map<String, Object> producerProperties(Config config) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "slo-scout-collector");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // idempotence keeps order and no duplicates with up to 5 requests in flight per connection
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    props.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression());
    props.put(ProducerConfig.LINGER_MS_CONFIG, (int) config.linger().toMillis());
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.requestTimeout().toMillis());
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.deliveryTimeout().toMillis());
    // send() must never block a receiver's thread: with max.block.ms 0 it fails at once (retryable)
    // when a topic's metadata is unknown, which happens whenever a broker goes away, instead of
    // waiting max.block.ms per record; and when the buffer is full. The buffer is twice the byte
    // budget (it is allocated lazily) so that batches' unused tails, one per partition, do not
    // fill it before the budget refuses.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 0);
    props.put(
        ProducerConfig.BUFFER_MEMORY_CONFIG,
        Math.max(32L * 1024 * 1024, 2 * config.maxInFlightBytes() + 2L * config.maxRecordBytes()));
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.maxRecordBytes() + 64 * 1024);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.putAll(config.producerOverrides());
    return props;
  }

  /**
   * Waits up to {@code metadataWait} until the producer knows the partitions of each topic, so that
   * the first records are not refused for lack of metadata; throws {@link TimeoutException} if a
   * topic is still unknown then (missing, or Kafka unreachable).
   */
  public void awaitTopics(Collection<String> topics) throws InterruptedException {
    long deadline = System.nanoTime() + config.metadataWait().toNanos();
    for (String topic : topics) {
      while (true) {
        try {
          // with max.block.ms 0 this asks the I/O thread for the metadata and returns at once
          producer.partitionsFor(topic);
          break;
        } catch (TimeoutException e) {
          if (System.nanoTime() > deadline) {
            throw e;
          }
          Thread.sleep(20);
        }
      }
    }
  }

  /**
   * Hands one record to Kafka unless the in-flight byte budget is spent; never blocks. A record for
   * a topic whose metadata is unknown (see {@link #awaitTopics}) fails at once, retryable.
   *
   * @param key the service.name of the data (OTLP's {@code unknown_service} when absent)
   */
  public PublishResult tryPublish(String topic, String key, byte[] value) {
    if (topic == null || key == null || value == null) {
      throw new IllegalArgumentException("topic, key and value are required");
    }
    if (closed) {
      return new PublishResult.Closed();
    }
    // key (UTF-8 upper bound) + value: Kafka's per-record overhead is small next to OTLP payloads,
    // and a plain sum keeps the budget something receivers can reason about
    long size = (long) key.length() * 3 + value.length;
    if (size > config.maxRecordBytes()) {
      return new PublishResult.TooLarge(size, config.maxRecordBytes());
    }
    if (!reserve(size)) {
      refused.increment();
      return new PublishResult.WouldBlock(inFlightBytes.get(), config.maxInFlightBytes());
    }
    submitted.increment();
    CompletableFuture<Acknowledgement> acknowledgedFuture = new CompletableFuture<>();
    try {
      producer.send(
          new ProducerRecord<>(topic, key, value),
          (metadata, exception) -> complete(acknowledgedFuture, size, metadata, exception));
    } catch (RuntimeException e) {
      // send() throws for metadata timeouts, a closed producer, oversized records: the callback
      // never runs, so release here
      complete(acknowledgedFuture, size, null, e);
    }
    return new PublishResult.Submitted(acknowledgedFuture);
  }

  /** Bytes handed to Kafka and not yet acknowledged or failed. */
  public long inFlightBytes() {
    return inFlightBytes.get();
  }

  /** Records handed to Kafka and not yet acknowledged or failed (the queue depth). */
  public long inFlightRecords() {
    // settled is read first: reading submitted first could count a record settled in between
    // as settled but not submitted, giving a negative depth
    long settled = acknowledged.sum() + failed.sum();
    return submitted.sum() - settled;
  }

  /** The counters now. */
  public Stats stats() {
    long acknowledgedNow = acknowledged.sum();
    long failedNow = failed.sum();
    long submittedNow = submitted.sum();
    return new Stats(
        submittedNow - acknowledgedNow - failedNow,
        inFlightBytes.get(),
        config.maxInFlightBytes(),
        submittedNow,
        acknowledgedNow,
        failedNow,
        refused.sum());
  }

  /** Sends everything buffered now and waits until each record is acknowledged or failed. */
  public void flush() {
    producer.flush();
  }

  /**
   * Refuses new records, then waits up to {@code timeout} for in-flight ones; records still
   * unacknowledged then fail (retryable). Returns whether everything in flight was settled by Kafka
   * before the deadline.
   */
  public boolean close(Duration timeout) {
    closed = true;
    producer.close(timeout);
    return inFlightRecords() == 0 && failedWhileClosing.sum() == 0;
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  private boolean reserve(long size) {
    while (true) {
      long current = inFlightBytes.get();
      if (current + size > config.maxInFlightBytes()) {
        return false;
      }
      if (inFlightBytes.compareAndSet(current, current + size)) {
        return true;
      }
    }
  }

  private void complete(
      CompletableFuture<Acknowledgement> future,
      long size,
      RecordMetadata metadata,
      Exception exception) {
    // release before completing: a caller reacting to the acknowledgement may publish again
    inFlightBytes.addAndGet(-size);
    if (exception == null) {
      acknowledged.increment();
      future.complete(
          new Acknowledgement(metadata.topic(), metadata.partition(), metadata.offset()));
    } else {
      failed.increment();
      if (closed) {
        failedWhileClosing.increment();
      }
      future.completeExceptionally(
          new PublishException(
              "Kafka did not acknowledge the record: " + exception.getMessage(),
              exception,
              isRetryable(exception)));
    }
  }

  /**
   * Whether sending the same record again may succeed: only faults of the record itself may not.
   */
  static boolean isRetryable(Throwable error) {
    return !(error instanceof RecordTooLargeException
        || error instanceof RecordBatchTooLargeException
        || error instanceof SerializationException
        || error instanceof InvalidTopicException);
  }
}
