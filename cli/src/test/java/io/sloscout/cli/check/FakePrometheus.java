package io.sloscout.cli.check;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the Prometheus query API on 127.0.0.1 that answers every instant query with the
 * same one-sample vector; enough to drive the gate's evaluation to a known verdict.
 */
final class FakePrometheus implements AutoCloseable {

  private final HttpServer server;
  private final AtomicInteger queries = new AtomicInteger();

  FakePrometheus(double value) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    String body =
        String.format(
            Locale.ROOT,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
                + "\"result\":[{\"metric\":{},\"value\":[1700000000,\"%s\"]}]}}",
            value);
    server.createContext(
        "/api/v1/query",
        ex -> {
          queries.incrementAndGet();
          ex.getRequestBody().readAllBytes();
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, bytes.length);
          ex.getResponseBody().write(bytes);
          ex.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int queries() {
    return queries.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
