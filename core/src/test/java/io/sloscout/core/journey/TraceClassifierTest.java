package io.sloscout.core.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.core.fingerprint.UrlPathTemplater;
import io.sloscout.core.telemetry.Resource;
import io.sloscout.core.telemetry.Span;
import io.sloscout.core.telemetry.SpanKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceClassifierTest {

  final TraceClassifier classifier =
      new TraceClassifier(NoiseRules.DEFAULTS, new Operations(UrlPathTemplater::template));

  static Span span(
      String id, String parent, SpanKind kind, String name, Map<String, String> attrs) {
    return span("web", id, parent, kind, name, attrs);
  }

  static Span span(
      String service,
      String id,
      String parent,
      SpanKind kind,
      String name,
      Map<String, String> attrs) {
    return new Span(
        new Resource(Map.of("service.name", service)),
        "t",
        id,
        parent,
        name,
        kind,
        10,
        20,
        null,
        null,
        attrs,
        List.of());
  }

  @Test
  void theServerSpanWithoutAParentIsTheEntryAndNamesTheRoute() {
    Classification c =
        classifier.classify(
            List.of(
                span("c", "r", SpanKind.CLIENT, "GET", Map.of()),
                span(
                    "r",
                    "",
                    SpanKind.SERVER,
                    "GET",
                    Map.of("http.request.method", "get", "http.route", "/product/{id}"))));
    assertThat(c.kind()).isEqualTo(TraceKind.USER);
    assertThat(c.entry().spanId()).isEqualTo("r");
    assertThat(c.operation()).isEqualTo("GET /product/{id}");
  }

  @Test
  void aServerSpanWithARemoteParentIsAnEntryToo() {
    Classification c =
        classifier.classify(
            List.of(
                span(
                    "r",
                    "beefbeefbeefbeef",
                    SpanKind.SERVER,
                    "GET",
                    Map.of("http.method", "GET", "http.target", "/orders/123?x=1"))));
    assertThat(c.kind()).isEqualTo(TraceKind.USER);
    assertThat(c.operation()).isEqualTo("GET /orders/{id}");
  }

  @Test
  void operationsFallBackToTheUrlThenRpcThenSpanName() {
    Operations ops = new Operations(UrlPathTemplater::template);
    assertThat(
            ops.of(
                span(
                    "a",
                    "",
                    SpanKind.SERVER,
                    "x",
                    Map.of("http.method", "POST", "http.url", "https://shop/cart/77/items?y"))))
        .isEqualTo("POST /cart/{id}/items");
    assertThat(
            ops.of(
                span(
                    "a",
                    "",
                    SpanKind.SERVER,
                    "x",
                    Map.of("rpc.service", "shop.Cart", "rpc.method", "Get"))))
        .isEqualTo("shop.Cart/Get");
    assertThat(ops.of(span("a", "", SpanKind.SERVER, "GET /user/9", Map.of())))
        .isEqualTo("GET /user/{id}");
    assertThat(ops.of(span("a", "", SpanKind.SERVER, "Consume orders", Map.of())))
        .isEqualTo("Consume orders");
  }

  @Test
  void probesAreRecognisedByPathOrUserAgent() {
    assertThat(
            classifier
                .classify(
                    List.of(
                        span(
                            "r",
                            "",
                            SpanKind.SERVER,
                            "GET",
                            Map.of("http.method", "GET", "url.path", "/healthz/"))))
                .kind())
        .isEqualTo(TraceKind.PROBE);
    assertThat(
            classifier
                .classify(
                    List.of(
                        span(
                            "r",
                            "",
                            SpanKind.SERVER,
                            "GET",
                            Map.of(
                                "http.method",
                                "GET",
                                "http.route",
                                "/",
                                "user_agent.original",
                                "kube-probe/1.29"))))
                .kind())
        .isEqualTo(TraceKind.PROBE);
    assertThat(
            classifier
                .classify(
                    List.of(
                        span(
                            "r",
                            "",
                            SpanKind.SERVER,
                            "GET",
                            Map.of("http.method", "GET", "url.path", "/metrics"))))
                .kind())
        .isEqualTo(TraceKind.PROBE);
  }

  @Test
  void jobsHaveNoServerEntryOrASchedulerBehindThem() {
    assertThat(
            classifier
                .classify(
                    List.of(
                        span("cron", "r", "", SpanKind.INTERNAL, "cron reindex", Map.of()),
                        span("cron", "c", "r", SpanKind.CLIENT, "POST", Map.of()),
                        span(
                            "catalog",
                            "s",
                            "c",
                            SpanKind.SERVER,
                            "POST",
                            Map.of("http.route", "/internal/reindex"))))
                .kind())
        .isEqualTo(TraceKind.JOB);
    assertThat(
            classifier
                .classify(
                    List.of(
                        span(
                            "r",
                            "",
                            SpanKind.SERVER,
                            "POST",
                            Map.of(
                                "http.route", "/warm", "user_agent.original", "kube-cronjob/1.0"))))
                .kind())
        .isEqualTo(TraceKind.JOB);
  }

  @Test
  void aFragmentWithoutItsTopSpansIsIncomplete() {
    assertThat(
            classifier
                .classify(List.of(span("c", "gone", SpanKind.CLIENT, "GET", Map.of())))
                .kind())
        .isEqualTo(TraceKind.INCOMPLETE);
  }
}
