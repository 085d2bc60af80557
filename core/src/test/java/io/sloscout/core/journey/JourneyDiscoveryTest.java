package io.sloscout.core.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.core.fingerprint.UrlPathTemplater;
import io.sloscout.core.telemetry.LogRecord;
import io.sloscout.core.telemetry.Resource;
import io.sloscout.core.telemetry.Span;
import io.sloscout.core.telemetry.SpanKind;
import io.sloscout.core.telemetry.StatusCode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JourneyDiscoveryTest {

  static final long MS = 1_000_000L;

  /** Replaces the word "hunter2" so the test sees whether redaction ran before keeping. */
  static final Scrubber SCRUBBER =
      new Scrubber(
          t -> t.replace("hunter2", "<SECRET>"),
          attrs -> {
            Map<String, String> out = new HashMap<>();
            attrs.forEach((k, v) -> out.put(k, v.replace("hunter2", "<SECRET>")));
            return out;
          });

  static Span span(
      String service,
      String trace,
      String id,
      String parent,
      SpanKind kind,
      long start,
      long dur,
      StatusCode status,
      String message,
      Map<String, String> attrs) {
    return new Span(
        new Resource(Map.of("service.name", service)),
        trace,
        id,
        parent,
        "op",
        kind,
        start,
        start + dur,
        status,
        message,
        attrs,
        List.of());
  }

  static LogRecord errorLog(String trace, String body) {
    return new LogRecord(
        new Resource(Map.of("service.name", "pay")), 0, 17, "ERROR", body, trace, "", Map.of());
  }

  static void request(JourneyDiscovery d, String trace, long start, boolean fail) {
    d.span(
        span(
            "pay",
            trace,
            "p" + trace,
            "c" + trace,
            SpanKind.SERVER,
            start + 2 * MS,
            5 * MS,
            fail ? StatusCode.ERROR : StatusCode.UNSET,
            fail ? "card rejected, password hunter2" : "",
            Map.of("http.request.method", "POST", "http.route", "/charge")));
    d.span(
        span(
            "web",
            trace,
            "c" + trace,
            "r" + trace,
            SpanKind.CLIENT,
            start + MS,
            7 * MS,
            StatusCode.UNSET,
            "",
            Map.of()));
    d.span(
        span(
            "web",
            trace,
            "r" + trace,
            "",
            SpanKind.SERVER,
            start,
            10 * MS,
            StatusCode.UNSET,
            "",
            Map.of(
                "http.request.method",
                "POST",
                "url.path",
                "/buy/123",
                "http.response.status_code",
                fail ? "503" : "200",
                "slo.tier",
                "critical")));
  }

  @Test
  void aggregatesRequestsErrorsEdgesAndOperationsPerJourney() {
    JourneyDiscovery d =
        new JourneyDiscovery(DiscoveryConfig.defaults(SCRUBBER, UrlPathTemplater::template));
    for (int i = 0; i < 10; i++) {
      request(d, String.format("%032x", i + 1), i * 1000 * MS, i == 3);
    }
    DiscoveryResult r = d.finish();

    Journey j = r.journeys().get(0);
    assertThat(r.journeys()).hasSize(1);
    assertThat(j.id()).isEqualTo("web-post-buy-id");
    assertThat(j.entryOperation()).isEqualTo("POST /buy/{id}");
    assertThat(j.services()).containsExactly("pay", "web");
    assertThat(j.edges()).containsExactly(new CallEdge("web", "pay", 10));
    assertThat(j.requests()).isEqualTo(10);
    assertThat(j.errors()).isEqualTo(1);
    assertThat(j.labels()).containsEntry("tier", "critical");
    assertThat(j.operations())
        .extracting(o -> o.service() + " " + o.operation() + " " + o.requests())
        .containsExactly("pay POST /charge 10", "web POST /buy/{id} 10");
    assertThat(j.latencyMs().p50()).isBetween(9.9, 10.1);
    assertThat(j.errorTemplates())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.template()).contains("<SECRET>").doesNotContain("hunter2");
              assertThat(t.source()).isEqualTo("span-status");
            });
  }

  @Test
  void errorLogsJoinTheirTraceWhetherTheyComeBeforeOrAfterIt() {
    JourneyDiscovery d =
        new JourneyDiscovery(DiscoveryConfig.defaults(SCRUBBER, UrlPathTemplater::template));
    String before = String.format("%032x", 1);
    String after = String.format("%032x", 2);
    d.log(errorLog(before, "ledger unavailable for hunter2"));
    request(d, before, 0, false);
    request(d, after, 1000 * MS, false);
    d.span(
        span(
            "web",
            String.format("%032x", 3),
            "x",
            "",
            SpanKind.SERVER,
            120_000 * MS,
            MS,
            StatusCode.UNSET,
            "",
            Map.of("http.route", "/other")));
    d.log(errorLog(after, "ledger unavailable for hunter2"));
    d.log(errorLog("", "no trace at all"));
    DiscoveryResult r = d.finish();

    Journey buy =
        r.journeys().stream()
            .filter(j -> j.id().equals("web-post-buy-id"))
            .findFirst()
            .orElseThrow();
    assertThat(buy.errorTemplates())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.count()).isEqualTo(2);
              assertThat(t.source()).isEqualTo("log");
              assertThat(t.template()).doesNotContain("hunter2");
            });
    assertThat(r.stats().errorLogs()).isEqualTo(3);
    assertThat(r.stats().errorLogsJoined()).isEqualTo(2);
  }

  @Test
  void journeysWhoseSlugsCollideGetAStableHashSuffix() {
    JourneyDiscovery d =
        new JourneyDiscovery(DiscoveryConfig.defaults(SCRUBBER, UrlPathTemplater::template));
    d.span(
        span(
            "web",
            "a".repeat(32),
            "1",
            "",
            SpanKind.SERVER,
            0,
            MS,
            StatusCode.UNSET,
            "",
            Map.of("http.request.method", "GET", "http.route", "/a-b")));
    d.span(
        span(
            "web",
            "b".repeat(32),
            "2",
            "",
            SpanKind.SERVER,
            0,
            MS,
            StatusCode.UNSET,
            "",
            Map.of("http.request.method", "GET", "http.route", "/a_b")));
    List<Journey> journeys = d.finish().journeys();
    assertThat(journeys)
        .extracting(Journey::id)
        .allMatch(id -> id.matches("web-get-a-b-[0-9a-f]{8}"))
        .doesNotHaveDuplicates();
    assertThat(journeys.get(0).id())
        .isEqualTo(
            "web-get-a-b-"
                + JourneyDiscovery.shortHash(
                    journeys.get(0).entryService() + " " + journeys.get(0).entryOperation()));
  }

  @Test
  void probesJobsAndFragmentsAreCountedButAreNotJourneys() {
    JourneyDiscovery d =
        new JourneyDiscovery(DiscoveryConfig.defaults(SCRUBBER, UrlPathTemplater::template));
    d.span(
        span(
            "web",
            "a".repeat(32),
            "1",
            "",
            SpanKind.SERVER,
            0,
            MS,
            StatusCode.UNSET,
            "",
            Map.of("url.path", "/livez")));
    d.span(
        span(
            "cron",
            "b".repeat(32),
            "2",
            "",
            SpanKind.INTERNAL,
            0,
            MS,
            StatusCode.UNSET,
            "",
            Map.of()));
    d.span(
        span(
            "web",
            "c".repeat(32),
            "3",
            "gone",
            SpanKind.CLIENT,
            0,
            MS,
            StatusCode.UNSET,
            "",
            Map.of()));
    DiscoveryResult r = d.finish();
    assertThat(r.journeys()).isEmpty();
    assertThat(r.stats().probeTraces()).isEqualTo(1);
    assertThat(r.stats().jobTraces()).isEqualTo(1);
    assertThat(r.stats().incompleteTraces()).isEqualTo(1);
  }
}
