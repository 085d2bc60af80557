package io.sloscout.collectors.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A pass-through HTTP proxy that records each request body exactly as the client sent it, then
 * forwards it to the receiver and hands the receiver's answer back: the exporter under test talks
 * to the real receiver, and the test knows the bytes it sent.
 */
final class CapturingProxy implements AutoCloseable {

  /** One request as it went over the wire. */
  record Captured(String path, String contentType, String contentEncoding, byte[] body) {

    /** The body with its gzip content coding undone: the protobuf bytes the exporter encoded. */
    byte[] decodedBody() {
      if (!"gzip".equalsIgnoreCase(contentEncoding)) {
        return body;
      }
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final HttpServer server;
  private final String target;
  private final HttpClient client = HttpClient.newHttpClient();
  private final List<Captured> captured = new CopyOnWriteArrayList<>();

  private CapturingProxy(HttpServer server, String target) {
    this.server = server;
    this.target = target;
  }

  /** A proxy on a free loopback port forwarding to {@code target} (scheme, host and port). */
  static CapturingProxy to(String target) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    CapturingProxy proxy = new CapturingProxy(server, target);
    server.createContext("/", proxy::forward);
    server.start();
    return proxy;
  }

  /** {@code http://127.0.0.1:<port>}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The requests seen so far, in arrival order. */
  List<Captured> captured() {
    return List.copyOf(captured);
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      String contentEncoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      captured.add(
          new Captured(exchange.getRequestURI().getPath(), contentType, contentEncoding, body));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI().getPath()))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .header("Content-Type", contentType);
      if (contentEncoding != null) {
        request.header("Content-Encoding", contentEncoding);
      }
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      response
          .headers()
          .firstValue("Content-Type")
          .ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
      byte[] answer = response.body();
      exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
