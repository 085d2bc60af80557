package io.sloscout.flink.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.core.fingerprint.UrlPathTemplater;
import io.sloscout.core.telemetry.LogRecord;
import io.sloscout.core.telemetry.Resource;
import io.sloscout.core.telemetry.Span;
import io.sloscout.core.telemetry.SpanKind;
import io.sloscout.core.telemetry.StatusCode;
import io.sloscout.proto.v1.Event;
import io.sloscout.proto.v1.EventKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventMapperTest {

  private final EventMapper mapper = new EventMapper(UrlPathTemplater::template);
  private final Resource shop = new Resource(Map.of("service.name", "shop", "host.name", "h1"));

  private Span span(String name, Map<String, String> attributes) {
    return new Span(
        shop,
        "0af7651916cd43dd8448eb211c80319c",
        "b7ad6b7169203331",
        "",
        name,
        SpanKind.SERVER,
        1_000,
        3_000,
        StatusCode.UNSET,
        "",
        attributes,
        List.of());
  }

  @Test
  void aSpanWithAPathGetsItsRouteTemplateAndAStableIdScopedByService() {
    Event e =
        mapper
            .span(
                span(
                    "GET",
                    Map.of(
                        "http.request.method",
                        "GET",
                        "url.path",
                        "/product/42",
                        "http.response.status_code",
                        "200")))
            .build();
    assertThat(e.getKind()).isEqualTo(EventKind.EVENT_KIND_SPAN);
    assertThat(e.getTemplate()).isEqualTo("GET /product/{id}");
    assertThat(e.getTemplateId())
        .isEqualTo(TemplateIds.of("span", "shop", "GET /product/{id}"))
        .hasSize(16);
    assertThat(TemplateIds.of("span", "other", "GET /product/{id}"))
        .isNotEqualTo(e.getTemplateId());
    assertThat(e.getDurationNano()).isEqualTo(2_000);
    assertThat(e.getStatus().getHttpStatusCode()).isEqualTo(200);
    assertThat(e.getTraceId().size()).isEqualTo(16);
    // only the kept keys travel: no path with ids, no host name
    assertThat(e.getAttributesMap())
        .containsOnlyKeys("http.request.method", "http.response.status_code");
  }

  @Test
  void aPlainSpanNameIsLeftToTheMiner() {
    Event e = mapper.span(span("recompute basket 42", Map.of())).build();
    assertThat(e.getTemplate()).isEqualTo("recompute basket 42");
    assertThat(e.getTemplateId()).isEmpty();
  }

  @Test
  void anErrorLogIsAnErrorEventWithItsBodyToMine() {
    Event e =
        mapper.log(new LogRecord(shop, 5, 17, "ERROR", "payment failed", "", "", Map.of())).build();
    assertThat(e.getKind()).isEqualTo(EventKind.EVENT_KIND_LOG);
    assertThat(e.getStatus().getCode())
        .isEqualTo(io.sloscout.proto.v1.StatusCode.STATUS_CODE_ERROR);
    assertThat(e.getTemplate()).isEqualTo("payment failed");
    assertThat(e.getSeverityNumber()).isEqualTo(17);
  }
}
