package io.sloscout.collectors.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.sloscout.collectors.ingest.CollectorMetrics;
import io.sloscout.collectors.ingest.OtlpIngest;
import io.sloscout.collectors.kafka.EmbeddedKafka;
import io.sloscout.collectors.kafka.KafkaPublisher;
import io.sloscout.collectors.kafka.TopicNames;
import io.sloscout.collectors.kafka.TopicReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JSON log intake against a real Kafka broker: the bodies Fluent Bit's {@code http} output
 * sends in each of its JSON formats, and plain NDJSON, end up in {@code slo-scout.logs.raw} as OTLP
 * log requests keyed by service.
 */
class HttpLogIntakeTest {

  private static EmbeddedKafka kafka;
  private static KafkaPublisher publisher;
  private static HttpReceiver receiver;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.startTemporary();
    kafka.createTopics(TopicNames.RAW, 1);
    publisher = new KafkaPublisher(KafkaPublisher.Config.defaults(kafka.bootstrapServers()));
    publisher.awaitTopics(TopicNames.RAW);
    OtlpIngest ingest =
        new OtlpIngest(
            publisher, new CollectorMetrics(new SimpleMeterRegistry()), Optional.empty());
    receiver =
        HttpReceiver.start(HttpReceiver.Settings.defaults().withAddress("127.0.0.1", 0), ingest);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {receiver, publisher, kafka}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          // keep closing the others
        }
      }
    }
  }

  @Test
  void fluentBitJsonArraysAreStoredOneRecordPerService() throws Exception {
    // what Fluent Bit's http output sends with "format json" and the default json_date_key
    String body =
        """
        [{"date":1700000000.123456,"log":"GET /cart/42 200 12ms","level":"info",\
        "service":"fb-cart","kubernetes":{"pod_name":"cart-7d9","namespace_name":"shop"}},
         {"date":1700000001.5,"log":"card declined","level":"error","service":"fb-payments",\
        "stream":"stderr"},
         {"date":1700000002,"log":"GET /cart/43 200 9ms","level":"info","service":"fb-cart"}]
        """;

    HttpResponse<String> response =
        post("/v1/logs/fluentbit?format=json", "application/json", body, null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(partialSuccess(response).hasPartialSuccess()).isFalse();

    ExportLogsServiceRequest cart = onlyRequest("fb-cart");
    assertThat(cart.getResourceLogsCount()).isEqualTo(1);
    assertThat(serviceName(cart.getResourceLogs(0))).isEqualTo("fb-cart");
    List<LogRecord> cartLogs = cart.getResourceLogs(0).getScopeLogs(0).getLogRecordsList();
    assertThat(cartLogs).hasSize(2);
    LogRecord first = cartLogs.get(0);
    assertThat(first.getBody().getStringValue()).isEqualTo("GET /cart/42 200 12ms");
    assertThat(first.getTimeUnixNano()).isEqualTo(1_700_000_000_123_456_000L);
    assertThat(first.getObservedTimeUnixNano()).isPositive();
    assertThat(first.getSeverityText()).isEqualTo("info");
    assertThat(first.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_INFO);
    assertThat(first.getAttributesList())
        .extracting(KeyValue::getKey)
        .containsExactly("kubernetes");
    assertThat(first.getAttributes(0).getValue().getKvlistValue().getValues(0).getKey())
        .isEqualTo("pod_name");
    assertThat(cartLogs.get(1).getTimeUnixNano()).isEqualTo(1_700_000_002_000_000_000L);

    ExportLogsServiceRequest payments = onlyRequest("fb-payments");
    LogRecord declined = payments.getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
    assertThat(declined.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_ERROR);
    assertThat(declined.getAttributes(0).getKey()).isEqualTo("stream");
  }

  @Test
  void fluentBitJsonLinesTakeTheServiceFromTheHeaderWhenRecordsNameNone() throws Exception {
    // "format json_lines" with json_date_format iso8601, and "header X-Service-Name ..."
    String body =
        """
        {"date":"2024-05-30T09:39:52.000681Z","log":"started","level":"INFO"}
        {"date":"2024-05-30T09:39:53.5+02:00","log":"listening on 8080","level":"warn"}
        """;

    HttpResponse<String> response =
        post("/v1/logs/fluentbit?format=json_lines", "application/x-ndjson", body, "fb-lines");

    assertThat(response.statusCode()).isEqualTo(200);
    List<LogRecord> logs =
        onlyRequest("fb-lines").getResourceLogs(0).getScopeLogs(0).getLogRecordsList();
    assertThat(logs)
        .extracting(r -> r.getBody().getStringValue())
        .containsExactly("started", "listening on 8080");
    assertThat(logs.get(0).getTimeUnixNano()).isEqualTo(1_717_061_992_000_681_000L);
    assertThat(logs.get(1).getTimeUnixNano()).isEqualTo(1_717_054_793_500_000_000L);
    assertThat(logs.get(1).getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_WARN);
  }

  @Test
  void fluentBitJsonStreamsOfBackToBackObjectsAreRead() throws Exception {
    String body =
        "{\"date\":1700000000,\"log\":\"a\",\"service\":\"fb-stream\"}"
            + "{\"date\":1700000001,\"log\":\"b\",\"service\":\"fb-stream\"}";

    HttpResponse<String> response =
        post("/v1/logs/fluentbit?format=json_stream", "application/json", body, null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(onlyRequest("fb-stream").getResourceLogs(0).getScopeLogs(0).getLogRecordsList())
        .extracting(r -> r.getBody().getStringValue())
        .containsExactly("a", "b");
  }

  @Test
  void gzipNdjsonTakesTheServiceFromTheQueryWhenNoHeaderNamesIt() throws Exception {
    String body =
        """
        {"timestamp":"2024-01-01 10:00:00","message":"hello","level":30}
        {"time":1704103200123,"message":"world","level":"debug","user":{"id":7}}
        """;
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(body.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(url() + "/v1/logs/ndjson?service=nd-query"))
                .header("Content-Type", "application/x-ndjson")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray()))
                .timeout(Duration.ofSeconds(60))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    List<LogRecord> logs =
        onlyRequest("nd-query").getResourceLogs(0).getScopeLogs(0).getLogRecordsList();
    assertThat(logs.get(0).getTimeUnixNano()).isEqualTo(1_704_103_200_000_000_000L);
    assertThat(logs.get(0).getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_INFO);
    assertThat(logs.get(1).getTimeUnixNano()).isEqualTo(1_704_103_200_123_000_000L);
    assertThat(logs.get(1).getAttributes(0).getKey()).isEqualTo("user");
  }

  @Test
  void aBodyWithOneBadLineStoresTheOthersAndNamesTheLineInThePartialSuccess() throws Exception {
    String body =
        """
        {"log":"one","service":"nd-partial"}
        {"log": "two", oops}
        {"log":"three","service":"nd-partial"}
        """;

    HttpResponse<String> response = post("/v1/logs/ndjson", "application/x-ndjson", body, null);

    assertThat(response.statusCode()).isEqualTo(200);
    ExportLogsServiceResponse answer = partialSuccess(response);
    assertThat(answer.getPartialSuccess().getRejectedLogRecords()).isEqualTo(1);
    assertThat(answer.getPartialSuccess().getErrorMessage())
        .contains("1 of 3 log records rejected")
        .contains("line 2: malformed JSON");
    assertThat(onlyRequest("nd-partial").getResourceLogs(0).getScopeLogs(0).getLogRecordsList())
        .extracting(r -> r.getBody().getStringValue())
        .containsExactly("one", "three");
  }

  @Test
  void aBodyOfOnlyBadLinesIsA400NamingTheFirst() throws Exception {
    String body = "[1, 2]\nnot json at all\n";

    HttpResponse<String> response =
        post("/v1/logs/ndjson", "application/x-ndjson", body, "nd-all-bad");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(status(response).getMessage())
        .contains("line 1: expected a JSON object, got an array");
    assertThat(TopicReader.withKey(kafka.bootstrapServers(), TopicNames.LOGS_RAW, "nd-all-bad"))
        .isEmpty();
  }

  @Test
  void recordsWithoutAnyServiceGoToUnknownService() throws Exception {
    HttpResponse<String> response =
        post("/v1/logs/ndjson", "application/json", "{\"message\":\"orphan-42\"}", null);

    assertThat(response.statusCode()).isEqualTo(200);
    List<TopicReader.Stored> stored =
        TopicReader.withKey(kafka.bootstrapServers(), TopicNames.LOGS_RAW, "unknown_service");
    assertThat(stored)
        .anySatisfy(
            r ->
                assertThat(
                        ExportLogsServiceRequest.parseFrom(r.value())
                            .getResourceLogs(0)
                            .getScopeLogs(0)
                            .getLogRecords(0)
                            .getBody()
                            .getStringValue())
                    .isEqualTo("orphan-42"));
  }

  @Test
  void msgpackFromFluentBitIsA415SayingWhichFormatToUse() throws Exception {
    HttpResponse<String> response =
        post("/v1/logs/fluentbit", "application/msgpack", "\u0091\u00a1x", null);

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(status(response).getMessage()).contains("json_lines");
  }

  @Test
  void anUnknownFluentBitFormatIsA400() throws Exception {
    HttpResponse<String> response =
        post("/v1/logs/fluentbit?format=gelf", "application/json", "{}", null);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(status(response).getMessage()).contains("unsupported format 'gelf'");
  }

  // --- helpers

  private static String url() {
    return "http://127.0.0.1:" + receiver.port();
  }

  private static HttpResponse<String> post(
      String pathAndQuery, String contentType, String body, String serviceHeader)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url() + pathAndQuery))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .timeout(Duration.ofSeconds(60));
    if (serviceHeader != null) {
      request.header("X-Service-Name", serviceHeader);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static ExportLogsServiceResponse partialSuccess(HttpResponse<String> response)
      throws IOException {
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    ExportLogsServiceResponse.Builder answer = ExportLogsServiceResponse.newBuilder();
    JsonFormat.parser().merge(response.body(), answer);
    return answer.build();
  }

  private static Status status(HttpResponse<String> response) throws IOException {
    Status.Builder status = Status.newBuilder();
    JsonFormat.parser().merge(response.body(), status);
    return status.build();
  }

  private static ExportLogsServiceRequest onlyRequest(String service) throws IOException {
    List<TopicReader.Stored> stored =
        TopicReader.withKey(kafka.bootstrapServers(), TopicNames.LOGS_RAW, service);
    assertThat(stored).hasSize(1);
    return ExportLogsServiceRequest.parseFrom(stored.get(0).value());
  }

  private static String serviceName(ResourceLogs logs) {
    return logs.getResource().getAttributesList().stream()
        .filter(kv -> kv.getKey().equals("service.name"))
        .findFirst()
        .orElseThrow()
        .getValue()
        .getStringValue();
  }
}
