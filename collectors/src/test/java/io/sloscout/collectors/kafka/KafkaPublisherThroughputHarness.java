package io.sloscout.collectors.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Prints records/s of 300-byte records through {@link KafkaPublisher} and through a raw {@link
 * KafkaProducer} with the same settings, against one embedded broker in the same run.
 *
 * <p>A harness, not a test: run with {@code java -cp <test classpath>
 * io.sloscout.collectors.kafka.KafkaPublisherThroughputHarness [records] [rounds] [text|random]}:
 * {@code text} payloads compress well like OTLP protobuf with repeated strings, {@code random} ones
 * not at all (the worst case for bytes on the wire).
 */
public final class KafkaPublisherThroughputHarness {

  private static final String TOPIC = "throughput";
  private static final List<String> SERVICES =
      List.of("checkout", "cart", "payments", "catalog", "shipping", "users", "search", "ads");

  private KafkaPublisherThroughputHarness() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    boolean random = args.length > 2 && args[2].equals("random");
    Random seeded = new Random(7);
    byte[][] values = new byte[1024][];
    for (int i = 0; i < values.length; i++) {
      values[i] = KafkaPublisherTest.payload(i);
      if (random) {
        seeded.nextBytes(values[i]);
      }
    }
    try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
      kafka.createTopics(List.of(TOPIC), 3);
      KafkaPublisher.Config config = KafkaPublisher.Config.defaults(kafka.bootstrapServers());
      System.out.printf(
          Locale.ROOT,
          "%d %s records of %d B, lz4, acks=all, idempotent, linger 5 ms, 3 partitions%n",
          records,
          random ? "random" : "text",
          values[0].length);
      // alternate the two so JIT warm-up and page cache favour neither
      for (int round = 1; round <= rounds; round++) {
        double raw = rawProducer(config, records, values);
        Result publisher = publisher(config, records, values);
        System.out.printf(
            Locale.ROOT,
            "round %d: raw KafkaProducer %,.0f rec/s | KafkaPublisher %,.0f rec/s (%.2f of raw,"
                + " %,d would-block retries)%n",
            round,
            raw,
            publisher.recordsPerSecond(),
            publisher.recordsPerSecond() / raw,
            publisher.wouldBlock());
      }
    }
  }

  private record Result(double recordsPerSecond, long wouldBlock) {}

  private static double rawProducer(KafkaPublisher.Config config, int records, byte[][] values)
      throws InterruptedException {
    CountDownLatch done = new CountDownLatch(records);
    AtomicLong failed = new AtomicLong();
    // the same settings, except that a raw producer's send() may block when its buffer is full
    // (Kafka's default), where the publisher refuses instead
    Map<String, Object> props = new HashMap<>(KafkaPublisher.producerProperties(config));
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      awaitMetadata(producer);
      long start = System.nanoTime();
      for (int i = 0; i < records; i++) {
        producer.send(
            new ProducerRecord<>(TOPIC, SERVICES.get(i & 7), values[i & 1023]),
            (metadata, exception) -> {
              if (exception != null) {
                failed.incrementAndGet();
              }
              done.countDown();
            });
      }
      await(done);
      long elapsed = System.nanoTime() - start;
      check(failed.get());
      return records / (elapsed / 1e9);
    }
  }

  private static Result publisher(KafkaPublisher.Config config, int records, byte[][] values)
      throws InterruptedException {
    CountDownLatch done = new CountDownLatch(records);
    AtomicLong failed = new AtomicLong();
    long wouldBlock = 0;
    try (KafkaPublisher publisher = new KafkaPublisher(config)) {
      publisher.awaitTopics(List.of(TOPIC));
      long start = System.nanoTime();
      for (int i = 0; i < records; i++) {
        PublishResult result;
        // a receiver would answer 503 here; the harness plays the client that backs off and
        // retries (parking, not spinning: a spin would take the core the producer needs, where
        // the raw producer's send() sleeps when its buffer is full)
        while ((result = publisher.tryPublish(TOPIC, SERVICES.get(i & 7), values[i & 1023]))
            instanceof PublishResult.WouldBlock) {
          wouldBlock++;
          LockSupport.parkNanos(100_000);
        }
        ((PublishResult.Submitted) result)
            .acknowledged()
            .whenComplete(
                (ack, error) -> {
                  if (error != null) {
                    failed.incrementAndGet();
                  }
                  done.countDown();
                });
      }
      await(done);
      long elapsed = System.nanoTime() - start;
      check(failed.get());
      return new Result(records / (elapsed / 1e9), wouldBlock);
    }
  }

  private static void awaitMetadata(KafkaProducer<String, byte[]> producer)
      throws InterruptedException {
    for (int attempt = 0; ; attempt++) {
      try {
        producer.partitionsFor(TOPIC);
        return;
      } catch (TimeoutException e) {
        if (attempt > 500) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }

  private static void await(CountDownLatch done) throws InterruptedException {
    if (!done.await(5, TimeUnit.MINUTES)) {
      throw new IllegalStateException("records not acknowledged within 5 minutes");
    }
  }

  private static void check(long failed) {
    if (failed > 0) {
      throw new IllegalStateException(failed + " records failed");
    }
  }
}
