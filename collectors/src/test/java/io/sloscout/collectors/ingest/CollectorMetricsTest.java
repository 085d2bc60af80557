package io.sloscout.collectors.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sloscout.collectors.kafka.KafkaPublisher;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CollectorMetricsTest {

  @Test
  void countersAndTheAckTimerAppearUnderTheirPrometheusNames() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CollectorMetrics metrics = new CollectorMetrics(registry);

    metrics.received(Signal.TRACES, CollectorMetrics.OTLP_GRPC, 512, 40_000);
    metrics.received(Signal.TRACES, CollectorMetrics.OTLP_GRPC, 8, 1_000);
    metrics.accepted(Signal.TRACES, CollectorMetrics.OTLP_GRPC, 500);
    metrics.refusedItems(Signal.LOGS, CollectorMetrics.OTLP_HTTP, "throttled", 3);
    metrics.refusedRequest(Signal.LOGS, CollectorMetrics.OTLP_HTTP, "throttled");
    metrics.kafkaAckLatency(Signal.METRICS, Duration.ofMillis(12));

    String scrape = registry.scrape();
    assertThat(scrape)
        .contains(
            "slo_scout_collector_received_items_total{receiver=\"otlp_grpc\",signal=\"traces\"} 520")
        .contains(
            "slo_scout_collector_received_bytes_total{receiver=\"otlp_grpc\",signal=\"traces\"} 41000")
        .contains(
            "slo_scout_collector_accepted_items_total{receiver=\"otlp_grpc\",signal=\"traces\"} 500")
        .contains(
            "slo_scout_collector_refused_items_total{reason=\"throttled\",receiver=\"otlp_http\",signal=\"logs\"} 3")
        .contains(
            "slo_scout_collector_refused_requests_total{reason=\"throttled\",receiver=\"otlp_http\",signal=\"logs\"} 1")
        .contains("slo_scout_collector_kafka_ack_latency_seconds_count{signal=\"metrics\"} 1");
  }

  @Test
  void thePublishersQueueIsExposedAsGauges() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CollectorMetrics metrics = new CollectorMetrics(registry);
    // the producer connects lazily: no broker is needed to read its counters
    KafkaPublisher publisher =
        new KafkaPublisher(
            KafkaPublisher.Config.defaults("127.0.0.1:9").withLimits(1_000_000, 100_000));
    try {
      metrics.monitor(publisher);
      metrics.monitor(publisher);

      assertThat(registry.scrape())
          .contains("slo_scout_collector_kafka_in_flight_bytes 0")
          .contains("slo_scout_collector_kafka_in_flight_records 0")
          .contains("slo_scout_collector_kafka_in_flight_max_bytes 1000000");
    } finally {
      publisher.close(Duration.ZERO);
    }
  }
}
