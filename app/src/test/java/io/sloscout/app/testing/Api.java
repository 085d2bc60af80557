package io.sloscout.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls of the stack's REST API, as any client makes them. */
public final class Api {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final int port;
  private final String token;

  /** The API on {@code 127.0.0.1:port}, calling with {@code token} (null: without one). */
  public Api(int port, String token) {
    this.port = port;
    this.token = token;
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).timeout(Duration.ofSeconds(60)).GET().build());
  }

  public HttpResponse<String> post(String path, String json) {
    HttpRequest.Builder b = request(path).timeout(Duration.ofSeconds(120));
    if (json == null) {
      b.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }
    return send(b.build());
  }

  /** The body of a 200 answer as JSON, or null for any other answer. */
  public JsonNode getJson(String path) {
    HttpResponse<String> r = get(path);
    return r.statusCode() == 200 ? json(r) : null;
  }

  public static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + r.body(), e);
    }
  }

  public static ObjectMapper mapper() {
    return JSON;
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(request.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
