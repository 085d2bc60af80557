package io.sloscout.collectors.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sloscout.collectors.kafka.KafkaPublisher;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The collector's own metrics, in Prometheus form:
 *
 * <ul>
 *   <li>{@code slo_scout_collector_received_items_total{signal,receiver}}: spans, data points or
 *       log records received
 *   <li>{@code slo_scout_collector_accepted_items_total{signal,receiver}}: items Kafka acknowledged
 *   <li>{@code slo_scout_collector_refused_items_total{signal,receiver,reason}}: items not stored,
 *       by reason: {@code throttled} (the client may retry), {@code too_large} (over the record
 *       limit), {@code kafka_refused} (Kafka refused the record for good)
 *   <li>{@code slo_scout_collector_refused_requests_total{signal,receiver,reason}}: requests
 *       answered with an error, by reason: {@code backpressure}, {@code kafka_unavailable}, {@code
 *       draining}, {@code too_large}, {@code kafka_refused}, {@code invalid}, {@code
 *       unauthenticated}; includes requests that could not be parsed (no items known)
 *   <li>{@code slo_scout_collector_received_bytes_total{signal,receiver}}: request bytes
 *       (uncompressed protobuf or JSON)
 *   <li>{@code slo_scout_collector_kafka_ack_latency_seconds{signal}}: from handing a request's
 *       records to Kafka to the last acknowledgement
 *   <li>{@code slo_scout_collector_kafka_in_flight_bytes}, {@code
 *       slo_scout_collector_kafka_in_flight_records}, {@code
 *       slo_scout_collector_kafka_in_flight_max_bytes}: the publisher's queue, once {@link
 *       #monitor(KafkaPublisher)} was called
 * </ul>
 *
 * <p>Thread-safe; meters are looked up once per label set and cached.
 */
public final class CollectorMetrics {

  /** Receiver label for OTLP over gRPC. */
  public static final String OTLP_GRPC = "otlp_grpc";

  /** Receiver label for OTLP over HTTP. */
  public static final String OTLP_HTTP = "otlp_http";

  private static final String PREFIX = "slo_scout_collector_";

  private final MeterRegistry registry;
  private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
  private final ConcurrentMap<Signal, Timer> ackLatency = new ConcurrentHashMap<>();
  private volatile KafkaPublisher monitored;

  /** Metrics registered in {@code registry}. */
  public CollectorMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** The registry the meters live in. */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * Registers the in-flight gauges for {@code publisher}; a second call for another publisher
   * changes nothing (one collector has one publisher).
   */
  public synchronized void monitor(KafkaPublisher publisher) {
    Objects.requireNonNull(publisher, "publisher");
    if (monitored != null) {
      return;
    }
    monitored = publisher;
    Gauge.builder(PREFIX + "kafka_in_flight_bytes", publisher, p -> p.inFlightBytes())
        .description("Bytes handed to Kafka and not yet acknowledged")
        .baseUnit("bytes")
        .strongReference(true)
        .register(registry);
    Gauge.builder(PREFIX + "kafka_in_flight_records", publisher, p -> p.inFlightRecords())
        .description("Records handed to Kafka and not yet acknowledged (queue depth)")
        .strongReference(true)
        .register(registry);
    Gauge.builder(
            PREFIX + "kafka_in_flight_max_bytes", publisher, p -> p.stats().maxInFlightBytes())
        .description("The in-flight byte budget; requests beyond it are throttled")
        .baseUnit("bytes")
        .strongReference(true)
        .register(registry);
  }

  /** A request of {@code items} items and {@code bytes} bytes arrived. */
  public void received(Signal signal, String receiver, long items, long bytes) {
    counter("received_items", signal, receiver, null, "Items received").increment(items);
    counter("received_bytes", signal, receiver, null, "Request bytes received").increment(bytes);
  }

  /** Kafka acknowledged {@code items} items. */
  public void accepted(Signal signal, String receiver, long items) {
    counter("accepted_items", signal, receiver, null, "Items acknowledged by Kafka")
        .increment(items);
  }

  /** {@code items} items were not stored, for {@code reason} (a short snake_case word). */
  public void refusedItems(Signal signal, String receiver, String reason, long items) {
    counter("refused_items", signal, receiver, reason, "Items not stored, by reason")
        .increment(items);
  }

  /** A request was answered with an error for {@code reason} (a short snake_case word). */
  public void refusedRequest(Signal signal, String receiver, String reason) {
    counter("refused_requests", signal, receiver, reason, "Requests answered with an error")
        .increment();
  }

  /** The records of one request took {@code latency} from hand-over to the last ack. */
  public void kafkaAckLatency(Signal signal, Duration latency) {
    ackLatency
        .computeIfAbsent(
            signal,
            s ->
                Timer.builder(PREFIX + "kafka_ack_latency")
                    .description("From handing a request's records to Kafka to the last ack")
                    .tag("signal", s.label())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofMinutes(2))
                    .register(registry))
        .record(latency.toNanos(), TimeUnit.NANOSECONDS);
  }

  private Counter counter(
      String name, Signal signal, String receiver, String reason, String description) {
    String key = name + '|' + signal + '|' + receiver + '|' + reason;
    Counter counter = counters.get(key);
    if (counter != null) {
      return counter;
    }
    return counters.computeIfAbsent(
        key,
        k -> {
          Counter.Builder builder =
              Counter.builder(PREFIX + name)
                  .description(description)
                  .tag("signal", signal.label())
                  .tag("receiver", receiver);
          if (reason != null) {
            builder.tag("reason", reason);
          }
          if (name.endsWith("_bytes")) {
            builder.baseUnit("bytes");
          }
          return builder.register(registry);
        });
  }
}
