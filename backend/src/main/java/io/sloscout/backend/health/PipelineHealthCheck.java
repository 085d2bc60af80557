package io.sloscout.backend.health;

import io.sloscout.backend.config.BackendConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when every configured pipeline readiness URL ({@code slo-scout.pipeline.health-urls})
 * answers 2xx; always ready when none is configured. The data names each URL (without user info,
 * query or fragment) with its HTTP status, {@code timeout} or {@code unreachable}, nothing else. A
 * result is reused for {@code slo-scout.pipeline.health-cache-ttl}, so that polling the backend
 * does not poll the pipeline at the same rate.
 */
@Readiness
@ApplicationScoped
public class PipelineHealthCheck implements HealthCheck {

  static final String NAME = "pipeline";

  /** A configured URL: what the check requests, and how the data names it. */
  private record Target(URI uri, String label) {}

  private final List<Target> targets;
  private final List<String> invalid;
  private final Duration timeout;
  private final long cacheTtlNanos;
  private final HttpClient http;

  private HealthCheckResponse cached;
  private long cachedAt;

  public PipelineHealthCheck(BackendConfig config) {
    BackendConfig.Pipeline p = config.pipeline();
    this.timeout = p.healthTimeout();
    this.cacheTtlNanos = p.healthCacheTtl().toNanos();
    List<Target> ok = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    for (String raw : p.healthUrls().orElse(List.of())) {
      String url = raw.strip();
      if (url.isEmpty()) {
        continue;
      }
      Target t = parse(url);
      if (t == null) {
        bad.add("url " + (ok.size() + bad.size() + 1));
      } else {
        ok.add(t);
      }
    }
    this.targets = List.copyOf(ok);
    this.invalid = List.copyOf(bad);
    this.http =
        targets.isEmpty()
            ? null
            : HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
  }

  private static Target parse(String url) {
    try {
      URI u = URI.create(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
        return null;
      }
      String label =
          scheme
              + "://"
              + u.getHost()
              + (u.getPort() < 0 ? "" : ":" + u.getPort())
              + (u.getRawPath() == null ? "" : u.getRawPath());
      return new Target(u, label);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public synchronized HealthCheckResponse call() {
    long now = System.nanoTime();
    if (cached != null && now - cachedAt < cacheTtlNanos) {
      return cached;
    }
    cached = probe();
    cachedAt = System.nanoTime();
    return cached;
  }

  private HealthCheckResponse probe() {
    HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME);
    if (targets.isEmpty() && invalid.isEmpty()) {
      return b.up().withData("urls", 0).build();
    }
    boolean up = invalid.isEmpty();
    for (String label : invalid) {
      b.withData(label, "invalid URL");
    }
    List<CompletableFuture<String>> answers = new ArrayList<>();
    for (Target t : targets) {
      HttpRequest req = HttpRequest.newBuilder(t.uri()).timeout(timeout).GET().build();
      answers.add(
          http.sendAsync(req, HttpResponse.BodyHandlers.discarding())
              .thenApply(r -> Integer.toString(r.statusCode()))
              .exceptionally(PipelineHealthCheck::describe));
    }
    Map<String, String> statuses = new LinkedHashMap<>();
    for (int i = 0; i < targets.size(); i++) {
      String status;
      try {
        status = answers.get(i).join();
      } catch (CompletionException e) {
        status = "unreachable";
      }
      statuses.merge(targets.get(i).label(), status, (a, c) -> a.startsWith("2") ? c : a);
      up &= status.length() == 3 && status.charAt(0) == '2';
    }
    statuses.forEach(b::withData);
    return (up ? b.up() : b.down()).build();
  }

  private static String describe(Throwable t) {
    Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    if (c instanceof HttpConnectTimeoutException || c instanceof HttpTimeoutException) {
      return "timeout";
    }
    return "unreachable";
  }
}
