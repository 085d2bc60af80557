package io.sloscout.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The few calls of the backend's REST API ({@code /api/v1}) the demo makes, with its token. */
public final class StackApi {

  /** An answer that was not the one expected. */
  public static final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    ApiException(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String token;
  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  /** The API of the backend at {@code backend} (its root URL). */
  public StackApi(URI backend, String token) {
    this.base = backend.resolve("/api/v1/");
    this.token = token;
  }

  /** {@code GET /journeys}: the items. */
  public List<JsonNode> journeys() throws InterruptedException {
    return items(get("journeys?limit=1000"));
  }

  /** {@code POST /recommendations:recompute}. */
  public JsonNode recompute() throws InterruptedException {
    return send("POST", "recommendations:recompute", null, 200);
  }

  /** {@code GET /recommendations}: the items. */
  public List<JsonNode> recommendations() throws InterruptedException {
    return items(get("recommendations?limit=1000"));
  }

  /** {@code POST /recommendations/{id}/accept}: the SLO it became. */
  public JsonNode accept(String recommendationId) throws InterruptedException {
    return send("POST", "recommendations/" + encode(recommendationId) + "/accept", null, 201);
  }

  /** {@code GET /slos}: the items. */
  public List<JsonNode> slos() throws InterruptedException {
    return items(get("slos?limit=1000"));
  }

  /** {@code POST /artifacts:generate} for one SLO: the files generated. */
  public List<JsonNode> generate(String sloId) throws InterruptedException {
    String body = JSON.createObjectNode().put("slo", sloId).toString();
    return items(send("POST", "artifacts:generate", body, 200));
  }

  /** {@code GET /templates/search?q=}: the hits. */
  public List<JsonNode> search(String query) throws InterruptedException {
    return items(get("templates/search?q=" + encode(query)));
  }

  /** The URL of an API path, for a person to open. */
  public URI url(String path) {
    // "./": a path like recommendations:recompute would otherwise read as a URI scheme
    return base.resolve("./" + path);
  }

  private JsonNode get(String path) throws InterruptedException {
    return send("GET", path, null, 200);
  }

  private JsonNode send(String method, String path, String body, int expected)
      throws InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url(path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != expected) {
        throw new ApiException(
            r.statusCode(),
            method + " " + path + ": HTTP " + r.statusCode() + " " + abbreviate(r.body()));
      }
      return r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
    }
  }

  private static List<JsonNode> items(JsonNode page) {
    List<JsonNode> out = new ArrayList<>();
    page.path("items").forEach(out::add);
    return out;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
