package io.sloscout.collectors.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The collector's admin endpoint: {@code GET /metrics} (Prometheus text, OpenMetrics when asked),
 * {@code /health/live} (200 while the process serves) and {@code /health/ready} (200 or 503 with a
 * JSON body naming each component's status). Plain JDK HTTP server: scraped every few seconds, it
 * needs no framework.
 */
final class AdminServer implements AutoCloseable {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  // the exposition formats' own constants live in a runtime-only jar of the Prometheus client
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String OPEN_METRICS =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;
  private final PrometheusMeterRegistry registry;
  private final Supplier<Health> health;

  private AdminServer(
      HttpServer server,
      ExecutorService executor,
      PrometheusMeterRegistry registry,
      Supplier<Health> health) {
    this.server = server;
    this.executor = executor;
    this.registry = registry;
    this.health = health;
  }

  /** Listens on {@code address} now; throws the bind failure as it is. */
  static AdminServer start(
      InetSocketAddress address, PrometheusMeterRegistry registry, Supplier<Health> health)
      throws IOException {
    HttpServer server = HttpServer.create(address, 16);
    ExecutorService executor = Executors.newFixedThreadPool(2, daemonThreads());
    AdminServer admin = new AdminServer(server, executor, registry, health);
    server.createContext("/metrics", admin::metrics);
    server.createContext("/health/live", admin::live);
    server.createContext("/health/ready", admin::ready);
    server.createContext("/health", admin::ready);
    server.createContext("/", admin::notFound);
    server.setExecutor(executor);
    server.start();
    return admin;
  }

  /** The port it listens on (the real one when 0 was asked for). */
  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void metrics(HttpExchange exchange) throws IOException {
    if (!readOnly(exchange)) {
      return;
    }
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    String contentType =
        accept != null && accept.contains("application/openmetrics-text")
            ? OPEN_METRICS
            : PROMETHEUS_TEXT;
    byte[] body = registry.scrape(contentType).getBytes(StandardCharsets.UTF_8);
    respond(exchange, 200, contentType, body);
  }

  private void live(HttpExchange exchange) throws IOException {
    if (readOnly(exchange) && exactPath(exchange, "/health/live")) {
      respond(exchange, 200, "application/json", json(Map.of("status", "UP")));
    }
  }

  private void ready(HttpExchange exchange) throws IOException {
    if (!readOnly(exchange)) {
      return;
    }
    String path = exchange.getRequestURI().getPath();
    if (!path.equals("/health/ready") && !path.equals("/health")) {
      notFound(exchange);
      return;
    }
    Health now = health.get();
    respond(exchange, now.ready() ? 200 : 503, "application/json", json(now.toJson()));
  }

  private void notFound(HttpExchange exchange) throws IOException {
    respond(
        exchange,
        404,
        "text/plain; charset=utf-8",
        "not found; try /metrics, /health/live or /health/ready\n"
            .getBytes(StandardCharsets.UTF_8));
  }

  private boolean exactPath(HttpExchange exchange, String path) throws IOException {
    if (exchange.getRequestURI().getPath().equals(path)) {
      return true;
    }
    notFound(exchange);
    return false;
  }

  private static boolean readOnly(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if (method.equals("GET") || method.equals("HEAD")) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
    respond(exchange, 405, "text/plain; charset=utf-8", new byte[0]);
    return false;
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
      if (!head && body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  private static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("health is plain maps and strings", e);
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread t = new Thread(runnable, "slo-scout-admin-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
