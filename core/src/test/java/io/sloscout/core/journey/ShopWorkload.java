package io.sloscout.core.journey;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Generates a web shop's telemetry as OTLP/JSON lines: user journeys across frontend, catalog,
 * cart, checkout, payment and auth, with ids in paths, older and newer HTTP attributes, injected
 * errors and slow requests, and noise that is not a journey (kube-probe health checks, Prometheus
 * scrapes, a cron job). PII canaries are planted in span names, attributes, status messages,
 * exception events and log bodies. The same seed gives the same bytes.
 */
public final class ShopWorkload {

  /** An e-mail address planted as PII; no output may contain it. */
  public static final String CANARY_EMAIL = "canary.pii.4711@example.org";

  /** A Luhn-valid card number planted as PII; no output may contain it. */
  public static final String CANARY_CARD = "4111111111111111";

  /** What a journey really is, as generated. */
  public record Truth(
      String entryService, String operation, Set<String> services, long requests, long errors) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long START = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z

  private final Random random;
  private final StringBuilder traces = new StringBuilder();
  private final StringBuilder logs = new StringBuilder();
  private final Map<String, Map<String, Object>> truth = new TreeMap<>();
  private final Map<String, List<ObjectNode>> batch = new LinkedHashMap<>();
  private final List<ObjectNode> logBatch = new ArrayList<>();
  private long traceCounter;
  private long spanCounter;
  private int tracesInBatch;

  private ShopWorkload(long seed) {
    this.random = new Random(seed);
  }

  /** A workload of {@code users} user requests plus noise, starting 2026-01-01. */
  public static ShopWorkload generate(long seed, int users) {
    ShopWorkload w = new ShopWorkload(seed);
    w.run(users);
    return w;
  }

  /** The traces, one {@code ExportTraceServiceRequest} per line. */
  public String traces() {
    return traces.toString();
  }

  /** The logs, one {@code ExportLogsServiceRequest} per line. */
  public String logs() {
    return logs.toString();
  }

  /** The user journeys generated, keyed by {@code "<entry service> <operation>"}. */
  public Map<String, Truth> truth() {
    Map<String, Truth> out = new TreeMap<>();
    truth.forEach(
        (k, v) -> {
          @SuppressWarnings("unchecked")
          Set<String> services = (Set<String>) v.get("services");
          out.put(
              k,
              new Truth(
                  (String) v.get("service"),
                  (String) v.get("operation"),
                  services,
                  (Long) v.get("requests"),
                  (Long) v.get("errors")));
        });
    return out;
  }

  private void run(int users) {
    long t = START;
    for (int i = 0; i < users; i++) {
      t += 50_000_000L + random.nextInt(200) * 1_000_000L;
      int pick = random.nextInt(100);
      if (pick < 30) {
        home(t);
      } else if (pick < 60) {
        product(t);
      } else if (pick < 75) {
        addToCart(t);
      } else if (pick < 85) {
        checkout(t);
      } else if (pick < 93) {
        order(t);
      } else {
        login(t);
      }
      if (i % 10 == 0) {
        probe(t + 1_000_000, "cart", "/healthz", "kube-probe/1.29");
        probe(t + 2_000_000, "frontend", "/readyz", "kube-probe/1.29");
      }
      if (i % 25 == 0) {
        probe(t + 3_000_000, "catalog", "/metrics", "Prometheus/2.42.0");
      }
      if (i % 100 == 50) {
        cron(t + 4_000_000);
      }
      if (++tracesInBatch >= 20) {
        flush();
      }
    }
    flush();
  }

  // --- journeys ---------------------------------------------------------------------------

  private void home(long t) {
    Trace tr = new Trace();
    long d = latency(40, 15);
    ObjectNode root = tr.server("frontend", null, "GET /", t, d, http("GET", "/", null, 200));
    tr.call(
        root,
        "frontend",
        "catalog",
        "GET /products",
        t + ms(2),
        d - ms(8),
        "GET",
        "/products",
        "/products",
        200);
    tr.emit(root);
    record("frontend", "GET /", tr, false);
  }

  private void product(long t) {
    Trace tr = new Trace();
    long id = 10_000 + random.nextInt(90_000);
    boolean fail = random.nextInt(200) == 0;
    long d = latency(60, 25);
    // No http.route on this span: the journey's route comes from templating url.path.
    ObjectNode attrs = http("GET", null, "/product/" + id, fail ? 500 : 200);
    ObjectNode root = tr.server("frontend", null, "GET", t, d, attrs);
    ObjectNode server =
        tr.call(
            root,
            "frontend",
            "catalog",
            "GET /products/{id}",
            t + ms(3),
            d - ms(10),
            "GET",
            "/products/{id}",
            "/products/" + id,
            fail ? 500 : 200);
    if (fail) {
      tr.error(server, "connection to db-7 timed out after 3000 ms");
      tr.exception(
          server,
          "java.sql.SQLTransientConnectionException",
          "connection to db-7 timed out after 3000 ms");
      tr.error(root, "");
    }
    tr.emit(root);
    record("frontend", "GET /product/{id}", tr, fail);
  }

  private void addToCart(long t) {
    Trace tr = new Trace();
    long d = latency(35, 10);
    ObjectNode attrs = http("POST", "/cart/items", "/cart/items", 201);
    attrs.put("enduser.id", CANARY_EMAIL);
    ObjectNode root = tr.server("frontend", null, "POST /cart/items", t, d, attrs);
    tr.internal(root, "frontend", "validate basket of " + CANARY_EMAIL, t + ms(1), ms(2));
    tr.call(
        root,
        "frontend",
        "cart",
        "POST /cart/{userId}/items",
        t + ms(4),
        d - ms(8),
        "POST",
        "/cart/{userId}/items",
        "/cart/" + (1000 + random.nextInt(9000)) + "/items",
        201);
    tr.emit(root);
    record("frontend", "POST /cart/items", tr, false);
  }

  private void checkout(long t) {
    Trace tr = new Trace();
    boolean declined = random.nextInt(100) < 4;
    boolean slow = random.nextInt(100) < 3;
    long d = latency(180, 40) + (slow ? ms(1500) : 0);
    ObjectNode root =
        tr.server(
            "frontend",
            null,
            "POST /checkout",
            t,
            d,
            http("POST", "/checkout", "/checkout", declined ? 502 : 200));
    ObjectNode co =
        tr.call(
            root,
            "frontend",
            "checkout",
            "POST /checkout",
            t + ms(5),
            d - ms(10),
            "POST",
            "/checkout",
            "/checkout",
            declined ? 502 : 200);
    tr.call(
        co,
        "checkout",
        "cart",
        "GET /cart/{userId}",
        t + ms(8),
        ms(15),
        "GET",
        "/cart/{userId}",
        "/cart/" + (1000 + random.nextInt(9000)),
        200);
    ObjectNode pay =
        tr.call(
            co,
            "checkout",
            "payment",
            "POST /charge",
            t + ms(30),
            d - ms(60),
            "POST",
            "/charge",
            "/charge",
            declined ? 402 : 200);
    if (declined) {
      tr.error(pay, "payment declined for card " + CANARY_CARD + " of " + CANARY_EMAIL);
      tr.error(co, "");
      tr.error(root, "");
      tr.log(
          "payment",
          pay,
          17,
          "ERROR",
          "payment declined: card " + CANARY_CARD + " user " + CANARY_EMAIL + " code 51");
    }
    tr.log("checkout", co, 9, "INFO", "checkout started for " + CANARY_EMAIL);
    tr.emit(root);
    record("frontend", "POST /checkout", tr, declined);
  }

  private void order(long t) {
    Trace tr = new Trace();
    long id = 100_000 + random.nextInt(900_000);
    long d = latency(90, 30);
    // Older semantic conventions: http.method and http.target with a query string.
    ObjectNode attrs = JSON.createObjectNode();
    attrs.put("http.method", "GET");
    attrs.put("http.target", "/orders/" + id + "?expand=items");
    attrs.put("http.status_code", 200);
    ObjectNode root = tr.server("frontend", null, "HTTP GET", t, d, attrs);
    tr.call(
        root,
        "frontend",
        "checkout",
        "GET /orders/{orderId}",
        t + ms(3),
        d - ms(6),
        "GET",
        "/orders/{orderId}",
        "/orders/" + id,
        200);
    tr.emit(root);
    record("frontend", "GET /orders/{id}", tr, false);
  }

  private void login(long t) {
    Trace tr = new Trace();
    long d = latency(120, 20);
    ObjectNode attrs = http("POST", "/login", "/login", 200);
    attrs.put("user.email", CANARY_EMAIL);
    ObjectNode root = tr.server("auth", null, "POST /login", t, d, attrs);
    tr.emit(root);
    record("auth", "POST /login", tr, false);
  }

  // --- noise ------------------------------------------------------------------------------

  private void probe(long t, String service, String path, String agent) {
    Trace tr = new Trace();
    ObjectNode attrs = http("GET", path, path, 200);
    attrs.put("user_agent.original", agent);
    tr.emit(tr.server(service, null, "GET " + path, t, ms(1), attrs));
  }

  private void cron(long t) {
    Trace tr = new Trace();
    ObjectNode root =
        tr.span("scheduler", null, "cron nightly-reindex", 1, t, ms(400), JSON.createObjectNode());
    tr.call(
        root,
        "scheduler",
        "catalog",
        "POST /internal/reindex",
        t + ms(5),
        ms(380),
        "POST",
        "/internal/reindex",
        "/internal/reindex",
        200);
    tr.emit(root);
  }

  // --- helpers ----------------------------------------------------------------------------

  private void record(String service, String operation, Trace tr, boolean failed) {
    Map<String, Object> v =
        truth.computeIfAbsent(
            service + " " + operation,
            k -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("service", service);
              m.put("operation", operation);
              m.put("services", new TreeSet<String>());
              m.put("requests", 0L);
              m.put("errors", 0L);
              return m;
            });
    @SuppressWarnings("unchecked")
    Set<String> services = (Set<String>) v.get("services");
    services.addAll(tr.services);
    v.put("requests", (Long) v.get("requests") + 1);
    if (failed) {
      v.put("errors", (Long) v.get("errors") + 1);
    }
  }

  private long latency(int medianMs, int spreadMs) {
    double ms = medianMs + random.nextGaussian() * spreadMs / 2.0;
    return ms(Math.max(medianMs / 3, (long) ms));
  }

  private static long ms(long ms) {
    return ms * 1_000_000L;
  }

  private static ObjectNode http(String method, String route, String path, int status) {
    ObjectNode a = JSON.createObjectNode();
    a.put("http.request.method", method);
    if (route != null) {
      a.put("http.route", route);
    }
    if (path != null) {
      a.put("url.path", path);
    }
    a.put("http.response.status_code", status);
    return a;
  }

  private void flush() {
    if (!batch.isEmpty()) {
      ObjectNode req = JSON.createObjectNode();
      ArrayNode rs = req.putArray("resourceSpans");
      batch.forEach(
          (service, spans) -> {
            ObjectNode r = rs.addObject();
            r.set("resource", resource(service));
            ObjectNode scope = r.putArray("scopeSpans").addObject();
            scope.putObject("scope").put("name", "shop-workload");
            ArrayNode list = scope.putArray("spans");
            spans.forEach(list::add);
          });
      traces.append(req).append('\n');
      batch.clear();
    }
    if (!logBatch.isEmpty()) {
      Map<String, List<ObjectNode>> byService = new TreeMap<>();
      for (ObjectNode l : logBatch) {
        byService.computeIfAbsent(l.remove("_service").asText(), k -> new ArrayList<>()).add(l);
      }
      ObjectNode req = JSON.createObjectNode();
      ArrayNode rl = req.putArray("resourceLogs");
      byService.forEach(
          (service, records) -> {
            ObjectNode r = rl.addObject();
            r.set("resource", resource(service));
            ArrayNode list = r.putArray("scopeLogs").addObject().putArray("logRecords");
            records.forEach(list::add);
          });
      logs.append(req).append('\n');
      logBatch.clear();
    }
    tracesInBatch = 0;
  }

  private static ObjectNode resource(String service) {
    ObjectNode res = JSON.createObjectNode();
    ArrayNode attrs = res.putArray("attributes");
    attrs.add(kv("service.name", service));
    attrs.add(kv("service.namespace", "shop"));
    if (service.equals("auth")) {
      attrs.add(kv("slo.tier", "critical"));
    }
    if (service.equals("scheduler")) {
      attrs.add(kv("k8s.cronjob.name", "nightly-reindex"));
    }
    return res;
  }

  private static ObjectNode kv(String key, Object value) {
    ObjectNode kv = JSON.createObjectNode();
    kv.put("key", key);
    ObjectNode v = kv.putObject("value");
    if (value instanceof Integer || value instanceof Long) {
      v.put("intValue", value.toString()); // int64 as a string, as OTLP/JSON writes it
    } else {
      v.put("stringValue", value.toString());
    }
    return kv;
  }

  /** One trace being built; spans are emitted children first, as exporters tend to. */
  private final class Trace {
    final String traceId = String.format(Locale.ROOT, "%016x%016x", 0x5eed0000L, ++traceCounter);
    // Identity, not equality: spans change (status, events) after they are created.
    final Map<ObjectNode, String> serviceOf = new java.util.IdentityHashMap<>();
    final List<ObjectNode> created = new ArrayList<>();
    final Set<String> services = new TreeSet<>();

    ObjectNode span(
        String service,
        ObjectNode parent,
        String name,
        int kind,
        long start,
        long dur,
        ObjectNode attrs) {
      ObjectNode s = JSON.createObjectNode();
      s.put("traceId", traceId);
      s.put("spanId", String.format(Locale.ROOT, "%016x", 0xabc0000000L + ++spanCounter));
      s.put("parentSpanId", parent == null ? "" : parent.get("spanId").asText());
      s.put("name", name);
      s.put("kind", kind);
      s.put("startTimeUnixNano", Long.toString(start));
      s.put("endTimeUnixNano", Long.toString(start + dur));
      ArrayNode list = s.putArray("attributes");
      attrs
          .properties()
          .forEach(
              e ->
                  list.add(
                      kv(
                          e.getKey(),
                          e.getValue().isNumber()
                              ? (Object) e.getValue().asLong()
                              : e.getValue().asText())));
      s.putObject("status");
      serviceOf.put(s, service);
      created.add(s);
      services.add(service);
      return s;
    }

    ObjectNode server(
        String service, ObjectNode parent, String name, long start, long dur, ObjectNode attrs) {
      return span(service, parent, name, 2, start, dur, attrs);
    }

    void internal(ObjectNode parent, String service, String name, long start, long dur) {
      span(service, parent, name, 1, start, dur, JSON.createObjectNode());
    }

    /** A CLIENT span in {@code from} and the SERVER span in {@code to} that it called. */
    ObjectNode call(
        ObjectNode parent,
        String from,
        String to,
        String name,
        long start,
        long dur,
        String method,
        String route,
        String path,
        int status) {
      ObjectNode clientAttrs = JSON.createObjectNode();
      clientAttrs.put("http.request.method", method);
      clientAttrs.put("server.address", to);
      clientAttrs.put("http.response.status_code", status);
      ObjectNode client = span(from, parent, method, 3, start, dur, clientAttrs);
      ObjectNode server =
          server(
              to,
              client,
              name,
              start + ms(1),
              Math.max(ms(1), dur - ms(2)),
              http(method, route, path, status));
      return server;
    }

    void error(ObjectNode span, String message) {
      ObjectNode st = (ObjectNode) span.get("status");
      st.put("code", 2);
      if (!message.isEmpty()) {
        st.put("message", message);
      }
    }

    void exception(ObjectNode span, String type, String message) {
      ObjectNode e = span.putArray("events").addObject();
      e.put("name", "exception");
      e.put("timeUnixNano", span.get("endTimeUnixNano").asText());
      ArrayNode a = e.putArray("attributes");
      a.add(kv("exception.type", type));
      a.add(kv("exception.message", message + " for " + CANARY_EMAIL));
    }

    void log(String service, ObjectNode span, int severity, String text, String body) {
      ObjectNode l = JSON.createObjectNode();
      l.put("_service", service);
      l.put("timeUnixNano", span.get("endTimeUnixNano").asText());
      l.put("severityNumber", severity);
      l.put("severityText", text);
      l.putObject("body").put("stringValue", body);
      l.put("traceId", traceId);
      l.put("spanId", span.get("spanId").asText());
      logBatch.add(l);
    }

    void emit(ObjectNode root) {
      List<ObjectNode> spans = new ArrayList<>(created);
      // Children first, the root last: the root ends, and is exported, last.
      java.util.Collections.reverse(spans);
      for (ObjectNode s : spans) {
        batch.computeIfAbsent(serviceOf.get(s), k -> new ArrayList<>()).add(s);
      }
    }
  }
}
