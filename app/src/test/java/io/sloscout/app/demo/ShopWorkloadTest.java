package io.sloscout.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.sloscout.collectors.kafka.EmbeddedKafka;
import io.sloscout.collectors.kafka.TopicNames;
import io.sloscout.collectors.service.CollectorConfig;
import io.sloscout.collectors.service.CollectorService;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo shop against a real collector and Kafka broker: what it sends arrives as OTLP. */
class ShopWorkloadTest {

  private static EmbeddedKafka kafka;
  private static CollectorService collector;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.startTemporary();
    collector =
        CollectorService.start(
            CollectorConfig.defaults()
                .withKafka(
                    new CollectorConfig.Kafka(
                        kafka.bootstrapServers(), false, null, 1, null, true, null))
                .withOtlp(
                    new CollectorConfig.Otlp(
                        CollectorConfig.Grpc.on("127.0.0.1", 0),
                        CollectorConfig.Http.on("127.0.0.1", 0)))
                .withMetrics(new CollectorConfig.Metrics("127.0.0.1", 0)),
            Map.of());
  }

  @AfterAll
  static void stop() {
    if (collector != null) {
      collector.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void theShopsHistoryArrivesAsTracesAndLogsOfItsFourServices() throws Exception {
    var endpoints = collector.endpoints();
    String grpc = "127.0.0.1:" + endpoints.otlpGrpc().orElseThrow().getPort();
    URI http = URI.create("http://127.0.0.1:" + endpoints.otlpHttp().orElseThrow().getPort());
    Instant to = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    try (ShopWorkload shop = new ShopWorkload(grpc, http, 42)) {
      shop.history(to.minus(Duration.ofMinutes(3)), to, 40);
      assertThat(shop.requests()).isEqualTo(120);
      assertThat(shop.flush()).isTrue();
    }

    Set<String> traceServices = new TreeSet<>();
    Set<String> routes = new TreeSet<>();
    for (ConsumerRecord<String, byte[]> r : readAll(TopicNames.SPANS_RAW)) {
      traceServices.add(r.key());
      ExportTraceServiceRequest req = ExportTraceServiceRequest.parseFrom(r.value());
      req.getResourceSpansList()
          .forEach(
              rs ->
                  rs.getScopeSpansList()
                      .forEach(
                          ss ->
                              ss.getSpansList()
                                  .forEach(
                                      s ->
                                          s.getAttributesList().stream()
                                              .filter(a -> a.getKey().equals("http.route"))
                                              .forEach(
                                                  a ->
                                                      routes.add(a.getValue().getStringValue())))));
    }
    assertThat(traceServices).containsExactly("cart", "catalog", "frontend", "payment");
    assertThat(routes).contains("/", "/product/{id}", "/cart", "/checkout", "/healthz");

    List<String> bodies = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : readAll(TopicNames.LOGS_RAW)) {
      ExportLogsServiceRequest req = ExportLogsServiceRequest.parseFrom(r.value());
      req.getResourceLogsList()
          .forEach(
              rl ->
                  rl.getScopeLogsList()
                      .forEach(
                          sl ->
                              sl.getLogRecordsList()
                                  .forEach(l -> bodies.add(l.getBody().getStringValue()))));
    }
    assertThat(bodies).anyMatch(b -> b.startsWith("rendered product page"));
    // the planted PII is there, in the raw topic, for the pipeline to redact
    assertThat(String.join("\n", bodies)).contains(ShopWorkload.CANARIES.get(0));
  }

  private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "shop-test-" + topic);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      int empty = 0;
      while (System.nanoTime() < deadline && empty < 3) {
        var batch = c.poll(Duration.ofSeconds(1));
        if (batch.isEmpty() && !out.isEmpty()) {
          empty++;
        }
        batch.forEach(out::add);
      }
    }
    return out;
  }
}
