package io.sloscout.collectors.ingest;

import static io.sloscout.collectors.ingest.OtlpSamples.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.sloscout.core.redaction.Redactor;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EdgeRedactionTest {

  private static final String EMAIL = "jane.doe@example.com";
  private static final String CARD = "4111 1111 1111 1111";

  private final EdgeRedaction redaction = new EdgeRedaction(Redactor.withDefaults());

  @Test
  void spanNamesAttributesEventsLinksAndStatusMessagesAreRedacted() {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(
                        OtlpSamples.resource("checkout").toBuilder()
                            .addAttributes(attribute("owner", EMAIL)))
                    .addScopeSpans(
                        io.opentelemetry.proto.trace.v1.ScopeSpans.newBuilder()
                            .addSpans(
                                Span.newBuilder()
                                    .setName("GET /users/" + EMAIL)
                                    .addAttributes(attribute("user.email", EMAIL))
                                    .addAttributes(attribute("http.route", "/users/{id}"))
                                    .addAttributes(attribute("db.password", "hunter2-hunter2"))
                                    .addAttributes(
                                        KeyValue.newBuilder()
                                            .setKey("cards")
                                            .setValue(
                                                AnyValue.newBuilder()
                                                    .setArrayValue(
                                                        ArrayValue.newBuilder()
                                                            .addValues(string("card " + CARD))
                                                            .addValues(
                                                                AnyValue.newBuilder()
                                                                    .setIntValue(7)))))
                                    .addEvents(
                                        Span.Event.newBuilder()
                                            .setName("exception")
                                            .addAttributes(
                                                attribute("exception.message", "no user " + EMAIL)))
                                    .addLinks(
                                        Span.Link.newBuilder()
                                            .addAttributes(attribute("peer", EMAIL)))
                                    .setStatus(
                                        Status.newBuilder()
                                            .setCode(Status.StatusCode.STATUS_CODE_ERROR)
                                            .setMessage("payment failed for " + CARD)))))
            .build();

    Message redacted = redaction.redact(request);

    String text = redacted.toString();
    assertThat(text).doesNotContain(EMAIL).doesNotContain(CARD).doesNotContain("hunter2");
    assertThat(text).contains("<EMAIL>").contains("<CREDIT_CARD>").contains("<SECRET>");
    ExportTraceServiceRequest out = (ExportTraceServiceRequest) redacted;
    Span span = out.getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertThat(span.getName()).isEqualTo("GET /users/<EMAIL>");
    // allow-listed keys stay: service.name is the Kafka key and the pipeline's grouping
    assertThat(span.getAttributes(1)).isEqualTo(attribute("http.route", "/users/{id}"));
    assertThat(ServiceBatches.serviceName(out.getResourceSpans(0).getResource()))
        .isEqualTo("checkout");
    assertThat(span.getAttributes(3).getValue().getArrayValue().getValues(1).getIntValue())
        .isEqualTo(7);
    assertThat(request.toString()).contains(EMAIL);
  }

  @Test
  void logBodiesAndAttributesAreRedactedStringsAndStructuredOnes() {
    ExportLogsServiceRequest request = OtlpSamples.logs("cart", 1, "order for " + EMAIL);
    LogRecord structured =
        LogRecord.newBuilder()
            .setBody(
                AnyValue.newBuilder()
                    .setKvlistValue(
                        KeyValueList.newBuilder()
                            .addValues(attribute("customer", EMAIL))
                            .addValues(attribute("card", CARD))))
            .addAttributes(attribute("client.address", "203.0.113.9"))
            .build();
    request =
        request.toBuilder()
            .setResourceLogs(
                0,
                request.getResourceLogs(0).toBuilder()
                    .setScopeLogs(
                        0,
                        request.getResourceLogs(0).getScopeLogs(0).toBuilder()
                            .addLogRecords(structured)))
            .build();

    ExportLogsServiceRequest out = redaction.redactLogs(request);

    String bytes = new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
    assertThat(bytes).doesNotContain(EMAIL).doesNotContain(CARD).doesNotContain("203.0.113.9");
    assertThat(out.getResourceLogs(0).getScopeLogs(0).getLogRecords(0).getBody().getStringValue())
        .isEqualTo("order for <EMAIL>");
  }

  @Test
  void dataPointAndExemplarAttributesAreRedactedButMetricNamesAreNot() {
    ExportMetricsServiceRequest request = OtlpSamples.metrics("payments", 1);
    Metric histogram =
        Metric.newBuilder()
            .setName("latency")
            .setHistogram(
                Histogram.newBuilder()
                    .addDataPoints(
                        HistogramDataPoint.newBuilder()
                            .addAttributes(attribute("customer", EMAIL))
                            .addExemplars(
                                Exemplar.newBuilder()
                                    .addFilteredAttributes(attribute("card", CARD)))))
            .build();
    request =
        request.toBuilder()
            .setResourceMetrics(
                0,
                request.getResourceMetrics(0).toBuilder()
                    .setScopeMetrics(
                        0,
                        request.getResourceMetrics(0).getScopeMetrics(0).toBuilder()
                            .addMetrics(histogram)))
            .build();

    ExportMetricsServiceRequest out = redaction.redactMetrics(request);

    assertThat(out.toString()).doesNotContain(EMAIL).doesNotContain(CARD).contains("latency");
    assertThat(out.getResourceMetrics(0).getScopeMetrics(0).getMetrics(0))
        .isEqualTo(request.getResourceMetrics(0).getScopeMetrics(0).getMetrics(0));
  }

  @Test
  void aRequestWithoutPiiComesBackEqual() {
    ExportTraceServiceRequest request = OtlpSamples.traces("checkout", 0, 5);

    assertThat(redaction.redact(request)).isEqualTo(request);
  }

  @Test
  void anythingButAnOtlpRequestIsAnError() {
    assertThatThrownBy(() -> redaction.redact(Span.getDefaultInstance()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static AnyValue string(String s) {
    return AnyValue.newBuilder().setStringValue(s).build();
  }
}
