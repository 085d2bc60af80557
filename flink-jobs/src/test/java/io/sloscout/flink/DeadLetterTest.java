package io.sloscout.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.sloscout.flink.config.PipelineConfig;
import io.sloscout.flink.ingest.Topics;
import io.sloscout.flink.testing.KafkaIo;
import io.sloscout.flink.testing.Otlp;
import io.sloscout.flink.testing.ShopTraffic;
import io.sloscout.flink.testing.TestStack;
import io.sloscout.proto.v1.Event;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * Records that are not OTLP go to the dead-letter topic with the reason in a header and their
 * original bytes; the job finishes normally and processes the good records that follow.
 */
class DeadLetterTest {

  @Test
  void malformedRecordsAreParkedWithTheirReasonAndGoodOnesStillFlow() throws Exception {
    PipelineConfig fresh = TestStack.newConfig("dlq");
    PipelineConfig config = fresh.withKafka(fresh.kafka().withBounded(true));
    String bootstrap = config.kafka().bootstrapServers();
    byte[] garbage = "this is not protobuf {".getBytes(StandardCharsets.UTF_8);
    byte[] truncated = new ShopTraffic().requests(0, 1, 1, 1).traceRequests(10).get(0).getValue();
    byte[] cut = java.util.Arrays.copyOf(truncated, truncated.length / 2);
    long t = Instant.parse("2025-08-01T12:00:00Z").toEpochMilli() * 1_000_000;
    // one good span and one without a trace id in the same request: a partial dead letter
    byte[] partial =
        Otlp.traces(
            "orders",
            List.of(
                Otlp.span(
                    Otlp.traceId(7),
                    Otlp.spanId(7, 0),
                    null,
                    "GET /a",
                    SpanKind.SPAN_KIND_SERVER,
                    t,
                    1_000_000,
                    false,
                    Map.of()),
                Otlp.span(
                    com.google.protobuf.ByteString.EMPTY,
                    Otlp.spanId(7, 1),
                    null,
                    "GET /b",
                    SpanKind.SPAN_KIND_SERVER,
                    t,
                    1_000_000,
                    false,
                    Map.of())));
    List<Map.Entry<String, byte[]>> spans = new ArrayList<>();
    spans.add(Map.entry("bad", garbage));
    spans.add(Map.entry("bad", cut));
    spans.add(Map.entry("orders", partial));
    // good records after the bad ones
    ShopTraffic good = new ShopTraffic().requests(t / 1_000_000, 1, 3, 100);
    spans.addAll(good.traceRequests(50));
    KafkaIo.send(bootstrap, config.kafka().spansTopic(), spans);
    KafkaIo.send(bootstrap, config.kafka().logsTopic(), List.of(Map.entry("bad", garbage)));
    KafkaIo.send(bootstrap, config.kafka().logsTopic(), good.logRequests(50));

    LocalCluster cluster = TestStack.cluster();
    JobID job = cluster.submit(FlinkJob.REDACT_FINGERPRINT, config, null);
    PipelineEndToEndTest.assertSucceeded(cluster.await(job, Duration.ofMinutes(3)));

    List<ConsumerRecord<byte[], byte[]>> dead =
        KafkaIo.readAll(bootstrap, config.kafka().deadLetterTopic(), 4, Duration.ofSeconds(30));
    assertThat(dead).hasSize(4);
    assertThat(dead).allSatisfy(r -> assertThat(header(r, Topics.HEADER_REASON)).isNotBlank());
    assertThat(dead)
        .anySatisfy(
            r -> {
              assertThat(r.value()).isEqualTo(garbage);
              assertThat(header(r, Topics.HEADER_REASON)).contains("not an OTLP Export");
              assertThat(header(r, Topics.HEADER_SOURCE)).startsWith(config.kafka().spansTopic());
            });
    assertThat(dead).anySatisfy(r -> assertThat(r.value()).isEqualTo(cut));
    assertThat(dead)
        .anySatisfy(
            r -> {
              assertThat(r.value()).isEqualTo(partial);
              assertThat(header(r, Topics.HEADER_PARTIAL)).isEqualTo("true");
              assertThat(header(r, Topics.HEADER_REASON)).contains("traceId is missing");
            });

    // the good records, and the good span of the partial request, became events
    List<ConsumerRecord<byte[], byte[]>> events =
        KafkaIo.readAll(bootstrap, config.kafka().eventsTopic(), 1, Duration.ofSeconds(30));
    List<String> services = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : events) {
      services.add(Event.parseFrom(r.value()).getService());
    }
    assertThat(services).contains("orders", "frontend", "catalog", "payment");
    long goodSpans =
        good.traceRequests(1000).stream().mapToLong(e -> spanCount(e.getValue())).sum();
    assertThat(events).hasSize((int) (goodSpans + good.logCount() + 1));
  }

  private static long spanCount(byte[] request) {
    try {
      return io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.parseFrom(request)
          .getResourceSpansList()
          .stream()
          .flatMap(rs -> rs.getScopeSpansList().stream())
          .mapToLong(ss -> ss.getSpansCount())
          .sum();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
    Header h = r.headers().lastHeader(key);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
