package io.sloscout.flink.testing;

import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small shop: {@code frontend} serves {@code GET /product/{id}} (calling {@code catalog}) and
 * {@code POST /checkout} (calling {@code payment} over gRPC); Kubernetes probes hit {@code
 * /healthz}; services log info and error lines. PII canaries ride in attributes, URL paths, span
 * names and log bodies. Knows how many requests of each journey start in each minute.
 */
public final class ShopTraffic {

  /** Planted PII: each unique, so a leak is found by plain substring search. */
  public static final String EMAIL = "flink.canary@example.net";

  public static final String CARD = "4012 8888 8888 1881";
  public static final String PHONE = "+1 201-555-0177";

  /** The forms in which a canary could leak. */
  public static final List<String> CANARY_FORMS =
      List.of(
          EMAIL,
          "flink.canary",
          CARD,
          "4012888888881881",
          "8888 1881",
          PHONE,
          "555-0177",
          "2015550177");

  public static final String PRODUCT_JOURNEY = "frontend-get-product-id";
  public static final String CHECKOUT_JOURNEY = "frontend-post-checkout";

  private final Map<String, List<Span>> spansByService = new LinkedHashMap<>();
  private final Map<String, List<LogRecord>> logsByService = new LinkedHashMap<>();
  private final Map<String, Map<Long, Long>> expected = new HashMap<>();
  private long logCount;

  /** Requests so far per journey id and minute (epoch millis). */
  public Map<String, Map<Long, Long>> expected() {
    return expected;
  }

  /** Log records so far. */
  public long logCount() {
    return logCount;
  }

  /**
   * Adds {@code perMinute} product views and checkouts in each of {@code minutes} minutes from
   * {@code startMillis}, plus probes and logs; trace numbers start at {@code firstTrace}.
   */
  public ShopTraffic requests(long startMillis, int minutes, int perMinute, long firstTrace) {
    long trace = firstTrace;
    for (int m = 0; m < minutes; m++) {
      long minuteStart = startMillis + m * 60_000L;
      for (int i = 0; i < perMinute; i++) {
        long t = minuteStart + 1_000 + (long) i * (50_000L / perMinute);
        product(trace++, t, i);
        checkout(trace++, t + 300, i);
        if (i % 5 == 0) {
          probe(trace++, t + 600);
        }
      }
    }
    return this;
  }

  private void product(long trace, long startMillis, int i) {
    var tid = Otlp.traceId(trace);
    long start = startMillis * 1_000_000;
    boolean error = i % 7 == 3;
    Map<String, Object> attrs = new TreeMap<>();
    attrs.put("http.request.method", "GET");
    attrs.put("url.path", "/product/" + (1000 + i));
    attrs.put("http.response.status_code", error ? 500 : 200);
    attrs.put("user_agent.original", "Mozilla/5.0");
    if (i == 0) {
      attrs.put("user.email", EMAIL);
      attrs.put("enduser.phone", PHONE);
    }
    add(
        "frontend",
        Otlp.span(
            tid,
            Otlp.spanId(trace, 0),
            null,
            "GET",
            SpanKind.SPAN_KIND_SERVER,
            start,
            40_000_000L + i * 1_000_000L,
            error,
            attrs));
    add(
        "frontend",
        Otlp.span(
            tid,
            Otlp.spanId(trace, 1),
            Otlp.spanId(trace, 0),
            "GET",
            SpanKind.SPAN_KIND_CLIENT,
            start + 2_000_000,
            20_000_000,
            false,
            Map.of(
                "http.request.method", "GET", "url.full", "http://catalog/items/" + (1000 + i))));
    add(
        "catalog",
        Otlp.span(
            tid,
            Otlp.spanId(trace, 2),
            Otlp.spanId(trace, 1),
            "GET /items/{id}",
            SpanKind.SPAN_KIND_SERVER,
            start + 3_000_000,
            15_000_000,
            false,
            Map.of("http.request.method", "GET", "http.route", "/items/{id}")));
    if (i == 1) {
      // a span name with PII: internal spans are mined as text
      add(
          "catalog",
          Otlp.span(
              tid,
              Otlp.spanId(trace, 3),
              Otlp.spanId(trace, 2),
              "lookup recent views of " + EMAIL,
              SpanKind.SPAN_KIND_INTERNAL,
              start + 4_000_000,
              1_000_000,
              false,
              Map.of()));
      // and a URL path with PII
      add(
          "frontend",
          Otlp.span(
              tid,
              Otlp.spanId(trace, 4),
              Otlp.spanId(trace, 0),
              "GET",
              SpanKind.SPAN_KIND_CLIENT,
              start + 5_000_000,
              1_000_000,
              false,
              Map.of(
                  "http.request.method",
                  "GET",
                  "url.full",
                  "http://accounts/users/" + EMAIL + "/orders")));
    }
    log(
        "frontend",
        Otlp.log(
            start + 1_000_000,
            9,
            "rendered product page " + (1000 + i) + " in " + (30 + i) + " ms",
            tid));
    if (error) {
      log(
          "frontend",
          Otlp.log(
              start + 39_000_000,
              17,
              "upstream catalog timeout after 30000 ms for user " + EMAIL,
              tid));
    }
    expect(PRODUCT_JOURNEY, startMillis);
  }

  private void checkout(long trace, long startMillis, int i) {
    var tid = Otlp.traceId(trace);
    long start = startMillis * 1_000_000;
    boolean declined = i % 4 == 1;
    add(
        "frontend",
        Otlp.span(
            tid,
            Otlp.spanId(trace, 0),
            null,
            "POST /checkout",
            SpanKind.SPAN_KIND_SERVER,
            start,
            120_000_000,
            false,
            Map.of(
                "http.request.method",
                "POST",
                "http.route",
                "/checkout",
                "http.response.status_code",
                200)));
    add(
        "payment",
        Otlp.span(
            tid,
            Otlp.spanId(trace, 1),
            Otlp.spanId(trace, 0),
            "PaymentService/Charge",
            SpanKind.SPAN_KIND_SERVER,
            start + 10_000_000,
            80_000_000,
            declined,
            Map.of(
                "rpc.system",
                "grpc",
                "rpc.service",
                "PaymentService",
                "rpc.method",
                "Charge",
                "card.number",
                CARD)));
    if (declined) {
      log(
          "payment",
          Otlp.log(
              start + 50_000_000,
              17,
              "payment declined for card " + CARD + " phone " + PHONE,
              tid));
    } else {
      log(
          "payment",
          Otlp.log(start + 50_000_000, 9, "payment authorized in " + (70 + i) + " ms", tid));
    }
    expect(CHECKOUT_JOURNEY, startMillis);
  }

  private void probe(long trace, long startMillis) {
    add(
        "frontend",
        Otlp.span(
            Otlp.traceId(trace),
            Otlp.spanId(trace, 0),
            null,
            "GET /healthz",
            SpanKind.SPAN_KIND_SERVER,
            startMillis * 1_000_000,
            1_000_000,
            false,
            Map.of(
                "http.request.method",
                "GET",
                "url.path",
                "/healthz",
                "user_agent.original",
                "kube-probe/1.29")));
  }

  private void add(String service, Span span) {
    spansByService.computeIfAbsent(service, k -> new ArrayList<>()).add(span);
  }

  private void log(String service, LogRecord record) {
    logsByService.computeIfAbsent(service, k -> new ArrayList<>()).add(record);
    logCount++;
  }

  private void expect(String journey, long startMillis) {
    long minute = startMillis - Math.floorMod(startMillis, 60_000L);
    expected.computeIfAbsent(journey, k -> new TreeMap<>()).merge(minute, 1L, Long::sum);
  }

  /** The spans as traces requests, at most {@code perRequest} spans each, keyed by service. */
  public List<Map.Entry<String, byte[]>> traceRequests(int perRequest) {
    List<Map.Entry<String, byte[]>> out = new ArrayList<>();
    spansByService.forEach(
        (service, spans) -> {
          for (int i = 0; i < spans.size(); i += perRequest) {
            out.add(
                Map.entry(
                    service,
                    Otlp.traces(
                        service, spans.subList(i, Math.min(spans.size(), i + perRequest)))));
          }
        });
    return out;
  }

  /** The log records as logs requests, keyed by service. */
  public List<Map.Entry<String, byte[]>> logRequests(int perRequest) {
    List<Map.Entry<String, byte[]>> out = new ArrayList<>();
    logsByService.forEach(
        (service, logs) -> {
          for (int i = 0; i < logs.size(); i += perRequest) {
            out.add(
                Map.entry(
                    service,
                    Otlp.logs(service, logs.subList(i, Math.min(logs.size(), i + perRequest)))));
          }
        });
    return out;
  }

  /** Forgets the spans and logs made so far (the expectations stay). */
  public void clearRecords() {
    spansByService.clear();
    logsByService.clear();
  }
}
