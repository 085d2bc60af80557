package io.sloscout.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.sloscout.app.UpMain;
import io.sloscout.app.stack.EmbeddedStack;
import io.sloscout.app.supervisor.LogSink;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code slo-scout demo}: sends the shop's last quarter hour, then live traffic, and walks the
 * product's path once: journeys appear, recommendations are computed, the top one is accepted as an
 * SLO, its artifacts are generated; then it prints what to open.
 */
public final class DemoScenario implements UpMain.Workload {

  private static final Duration HISTORY = Duration.ofMinutes(15);
  private static final Duration STEP_TIMEOUT = Duration.ofMinutes(10);

  private final int rate;

  /** A demo sending {@code rate} live requests a second after the history. */
  public DemoScenario(int rate) {
    this.rate = rate;
  }

  @Override
  public void run(EmbeddedStack.Endpoints endpoints, LogSink log) throws InterruptedException {
    long t0 = System.nanoTime();
    try (ShopWorkload shop =
        new ShopWorkload(endpoints.otlpGrpc(), endpoints.otlpHttp(), System.nanoTime())) {
      Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
      int perMinute = Math.min(rate * 60, 120);
      log.line(
          "demo",
          "sending the shop's last "
              + HISTORY.toMinutes()
              + " minutes ("
              + perMinute
              + " requests a minute) to "
              + endpoints.otlpGrpc()
              + " (traces, metrics) and "
              + endpoints.otlpHttp()
              + " (logs)");
      shop.history(now.minus(HISTORY), now, perMinute);
      log.line("demo", shop.requests() + " requests sent; live traffic at " + rate + "/s from now");

      Thread live = new Thread(() -> live(shop), "slo-scout-demo-live");
      live.setDaemon(true);
      live.start();
      try {
        walkThrough(endpoints, log, t0);
        live.join();
      } finally {
        live.interrupt();
        live.join(TimeUnit.SECONDS.toMillis(10));
      }
    }
  }

  private void live(ShopWorkload shop) {
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
    long next = System.nanoTime();
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Instant at = Instant.now();
        shop.request(TimeUnit.SECONDS.toNanos(at.getEpochSecond()) + at.getNano());
        next += intervalNanos;
        long sleep = next - System.nanoTime();
        if (sleep > 0) {
          TimeUnit.NANOSECONDS.sleep(sleep);
        } else {
          next = System.nanoTime();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void walkThrough(EmbeddedStack.Endpoints endpoints, LogSink log, long t0)
      throws InterruptedException {
    StackApi api = new StackApi(endpoints.backend(), endpoints.apiToken());
    List<JsonNode> journeys =
        poll(
            log,
            "journeys",
            () -> {
              List<JsonNode> js = api.journeys();
              return js.stream().filter(j -> j.path("requests").asLong() > 0).count() >= 3
                  ? Optional.of(js)
                  : Optional.empty();
            });
    log.line("demo", journeys.size() + " journeys after " + since(t0) + ":");
    for (JsonNode j : journeys) {
      log.line(
          "demo",
          String.format(
              Locale.ROOT,
              "  %-28s %-22s %6d requests, %5.2f%% errors, p95 %.0f ms",
              j.path("id").asText(),
              j.path("entryOperation").asText(),
              j.path("requests").asLong(),
              j.path("errorRatio").asDouble() * 100,
              j.path("latencyMs").path("p95").asDouble()));
    }

    List<JsonNode> recommendations =
        poll(
            log,
            "recommendations",
            () -> {
              api.recompute();
              List<JsonNode> rs = api.recommendations();
              return rs.isEmpty() ? Optional.empty() : Optional.of(rs);
            });
    JsonNode top =
        recommendations.stream()
            .max(Comparator.comparingDouble(r -> r.path("confidence").asDouble()))
            .orElseThrow();
    log.line(
        "demo",
        recommendations.size()
            + " recommendations after "
            + since(t0)
            + "; the top one: "
            + describe(top));

    String sloId;
    if (!top.path("sloId").isMissingNode() && !top.path("sloId").isNull()) {
      sloId = top.path("sloId").asText();
      log.line("demo", "already accepted as SLO " + sloId + " (data from an earlier run)");
    } else {
      try {
        JsonNode slo = api.accept(top.path("id").asText());
        sloId = slo.path("id").asText();
        log.line("demo", "accepted it as SLO " + sloId);
      } catch (StackApi.ApiException e) {
        if (e.status() != 409) {
          throw e;
        }
        sloId =
            api.slos().stream()
                .filter(s -> top.path("id").asText().equals(s.path("recommendationId").asText()))
                .map(s -> s.path("id").asText())
                .findFirst()
                .orElseThrow(() -> e);
        log.line("demo", "already accepted as SLO " + sloId);
      }
    }
    List<JsonNode> files = api.generate(sloId);
    log.line("demo", "generated " + files.size() + " artifacts after " + since(t0) + ":");
    for (JsonNode f : files) {
      log.line("demo", "  " + f.path("path").asText() + " (" + f.path("kind").asText() + ")");
    }
    List<JsonNode> hits = api.search("payment declined");
    if (!hits.isEmpty()) {
      log.line(
          "demo", "template search 'payment declined': " + hits.get(0).path("template").asText());
    }

    String ui = endpoints.backend().toString();
    log.line("demo", "open:");
    log.line(
        "demo",
        "  web UI           " + ui + "/  (the API token is in " + tokenFile(endpoints) + ")");
    log.line("demo", "  journeys         " + api.url("journeys"));
    log.line("demo", "  recommendations  " + api.url("recommendations"));
    log.line("demo", "  the SLO          " + api.url("slos/" + sloId));
    log.line("demo", "  its artifacts    " + api.url("artifacts.zip?slo=" + sloId));
    log.line("demo", "  template search  " + api.url("templates/search?q=payment%20declined"));
    log.line(
        "demo",
        "  from a shell     curl --oauth2-bearer \"$(cat "
            + tokenFile(endpoints)
            + ")\" "
            + api.url("journeys"));
    log.line("demo", "live traffic goes on; Ctrl-C stops the demo and the stack");
  }

  private static String tokenFile(EmbeddedStack.Endpoints endpoints) {
    return endpoints.dataDir().resolve("api-token").toString();
  }

  private static String describe(JsonNode r) {
    String sli = r.path("sli").path("type").asText();
    String threshold =
        r.hasNonNull("thresholdMs")
            ? String.format(Locale.ROOT, " under %.0f ms", r.path("thresholdMs").asDouble())
            : "";
    return String.format(
        Locale.ROOT,
        "%s %s%s %.2f%% over %s (confidence %.2f)",
        r.path("journey").asText(),
        sli,
        threshold,
        r.path("objective").asDouble() * 100,
        r.path("window").asText(),
        r.path("confidence").asDouble());
  }

  private interface Attempt<T> {
    Optional<T> get() throws InterruptedException;
  }

  private static <T> T poll(LogSink log, String what, Attempt<T> attempt)
      throws InterruptedException {
    long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        Optional<T> result = attempt.get();
        if (result.isPresent()) {
          return result.get();
        }
      } catch (RuntimeException e) {
        if (last == null || !String.valueOf(last.getMessage()).equals(e.getMessage())) {
          log.line("demo", "still waiting for " + what + ": " + e.getMessage());
        }
        last = e;
      }
      TimeUnit.SECONDS.sleep(5);
    }
    throw new IllegalStateException(
        "no "
            + what
            + " after "
            + STEP_TIMEOUT.toMinutes()
            + " minutes"
            + (last == null ? "" : ": " + last.getMessage()));
  }

  private static String since(long t0) {
    return String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - t0) / 1e9);
  }
}
