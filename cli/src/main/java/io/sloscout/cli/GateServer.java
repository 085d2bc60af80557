package io.sloscout.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sloscout.core.gate.GateDecision;
import io.sloscout.core.gate.ReleaseGate;
import io.sloscout.core.spec.Slo;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The gate over HTTP, for an Argo Rollouts web metric: {@code GET /decision} answers the same JSON
 * as {@code slo-scout gate}; {@code GET /healthz} answers 200 while the server runs.
 */
final class GateServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final GateOptions.Setup setup;
  private final Clock clock;
  private final HttpServer server;
  private final ExecutorService executor;

  /**
   * Binds {@code host:port} (port 0 picks a free one) and starts serving.
   *
   * @throws IOException when the address cannot be bound
   */
  GateServer(GateOptions.Setup setup, String host, int port, Clock clock) throws IOException {
    this.setup = setup;
    this.clock = clock;
    this.server = HttpServer.create(new InetSocketAddress(host, port), 16);
    this.executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.createContext("/decision", this::decision);
    server.createContext("/healthz", ex -> send(ex, 200, "text/plain", "ok\n"));
    server.start();
  }

  /** The port the server listens on. */
  int port() {
    return server.getAddress().getPort();
  }

  private void decision(HttpExchange ex) throws IOException {
    try {
      if (!ex.getRequestMethod().equals("GET")) {
        error(ex, 405, "use GET");
        return;
      }
      Instant at = clock.instant();
      List<String> services = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      String query = ex.getRequestURI().getRawQuery();
      if (query != null) {
        for (String pair : query.split("&")) {
          int eq = pair.indexOf('=');
          String k =
              URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
          String v =
              eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
          switch (k) {
            case "time" -> at = GateTime.parse(v, "time");
            case "service" -> services.add(v);
            case "slo" -> ids.add(v);
            default -> {
              error(ex, 400, "unknown parameter '" + k + "' (known: time, service, slo)");
              return;
            }
          }
        }
      }
      List<Slo> selected =
          setup.slos().stream()
              .filter(s -> services.isEmpty() || services.contains(s.service()))
              .filter(s -> ids.isEmpty() || ids.contains(s.id()))
              .toList();
      if (selected.isEmpty()) {
        error(ex, 404, "no SLO matches service=" + services + " slo=" + ids);
        return;
      }
      GateDecision d;
      try {
        d =
            new ReleaseGate(setup.policy())
                .evaluate(selected, setup.options(), setup.prometheus(), at);
      } catch (IOException e) {
        // Argo counts a non-2xx answer as a measurement error, not as a verdict.
        error(ex, 503, e.getMessage());
        return;
      }
      send(ex, 200, "application/json", GateReport.jsonText(d) + "\n");
    } catch (InputException e) {
      error(ex, 400, e.getMessage());
    } catch (RuntimeException e) {
      error(ex, 500, "internal error: " + e);
    }
  }

  private static void error(HttpExchange ex, int status, String message) throws IOException {
    var body = JSON.createObjectNode().put("error", message);
    send(ex, status, "application/json", JSON.writeValueAsString(body) + "\n");
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
