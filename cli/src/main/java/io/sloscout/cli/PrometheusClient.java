package io.sloscout.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sloscout.core.gate.PromqlQuerier;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

/** Instant queries against Prometheus' HTTP API ({@code /api/v1/query}) with the JDK's client. */
final class PrometheusClient implements PromqlQuerier {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * A client for the Prometheus at {@code base} ({@code http://host:9090}, or a path prefix).
   *
   * @throws InputException when the URL is not an absolute http(s) URL
   */
  PrometheusClient(String base, Duration timeout) {
    URI uri;
    try {
      uri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    } catch (IllegalArgumentException e) {
      throw new InputException("--prometheus: '" + base + "' is not a URL");
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new InputException(
          "--prometheus: '" + base + "' is not an http(s) URL such as http://localhost:9090");
    }
    this.base = uri;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  URI base() {
    return base;
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
    // POST keeps long SLI queries out of URL length limits; Prometheus accepts both.
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/query"))
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new IOException("cannot reach Prometheus at " + base + ": connection refused", e);
    } catch (HttpTimeoutException e) {
      throw new IOException(
          "Prometheus at " + base + " did not answer within " + timeout.toSeconds() + "s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while querying Prometheus at " + base, e);
    } catch (IOException e) {
      throw new IOException(
          "cannot reach Prometheus at "
              + base
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !body.has("status")) {
      throw new IOException(
          base
              + " did not answer like a Prometheus API (HTTP "
              + response.statusCode()
              + " on /api/v1/query)");
    }
    if (!"success".equals(body.path("status").asText())) {
      throw new IOException(
          "Prometheus rejected the query ("
              + body.path("errorType").asText("error")
              + ": "
              + body.path("error").asText("")
              + "): "
              + oneLine(promql));
    }
    JsonNode data = body.path("data");
    String type = data.path("resultType").asText();
    JsonNode result = data.path("result");
    switch (type) {
      case "scalar":
        return OptionalDouble.of(number(result.path(1).asText()));
      case "vector":
        if (result.isEmpty()) {
          return OptionalDouble.empty();
        }
        if (result.size() > 1) {
          throw new IOException(
              "the query returned "
                  + result.size()
                  + " series, an SLI must give one number (aggregate it with sum()): "
                  + oneLine(promql));
        }
        return OptionalDouble.of(number(result.get(0).path("value").path(1).asText()));
      default:
        throw new IOException(
            "the query returned a " + type + ", not one number: " + oneLine(promql));
    }
  }

  /** Prometheus' number text: Go's float formatting, with NaN and ±Inf spelled out. */
  private static double number(String s) {
    return switch (s) {
      case "NaN" -> Double.NaN;
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }

  private static String oneLine(String promql) {
    return promql.replaceAll("\\s+", " ").strip();
  }
}
