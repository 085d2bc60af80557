package io.sloscout.backend.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sloscout.core.gate.PromqlQuerier;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

/** Instant queries against Prometheus' HTTP API, the gate's view of the measured SLIs. */
final class PrometheusQuerier implements PromqlQuerier {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final Duration timeout;
  private final HttpClient http;

  PrometheusQuerier(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public OptionalDouble query(String promql, Instant time) throws IOException {
    String form =
        "query="
            + URLEncoder.encode(promql, StandardCharsets.UTF_8)
            + "&time="
            + BigDecimal.valueOf(time.getEpochSecond())
                .add(BigDecimal.valueOf(time.getNano(), 9))
                .stripTrailingZeros()
                .toPlainString();
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/api/v1/query"))
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while querying Prometheus", e);
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IOException("Prometheus answered HTTP " + response.statusCode() + " without JSON");
    }
    if (!"success".equals(body.path("status").asText())) {
      throw new IOException(
          "Prometheus rejected a query (" + body.path("errorType").asText("error") + ")");
    }
    JsonNode data = body.path("data");
    JsonNode result = data.path("result");
    switch (data.path("resultType").asText()) {
      case "scalar":
        return number(result.path(1).asText());
      case "vector":
        if (result.isEmpty()) {
          return OptionalDouble.empty();
        }
        if (result.size() > 1) {
          throw new IOException("a query returned " + result.size() + " series instead of one");
        }
        return number(result.path(0).path("value").path(1).asText());
      default:
        throw new IOException("unexpected result type " + data.path("resultType").asText());
    }
  }

  private static OptionalDouble number(String text) throws IOException {
    try {
      double v = Double.parseDouble(text);
      return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    } catch (NumberFormatException e) {
      throw new IOException("Prometheus returned a value that is not a number");
    }
  }
}
