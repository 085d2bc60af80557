package io.sloscout.app;

import static io.sloscout.app.testing.TestShop.CANARY_FORMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sloscout.app.testing.Api;
import io.sloscout.app.testing.TestShop;
import io.sloscout.app.testing.UpProcess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code slo-scout up} as a user runs it: the packaged supervisor jar started as a process, with
 * the real Flink and backend jars beside it, on free ports and a fresh data directory. Telemetry
 * goes in over OTLP with the OpenTelemetry SDK's exporters, results come out of the REST API, the
 * stack stops on SIGTERM, and afterwards no planted PII is found anywhere under the data directory
 * but in Kafka's topics.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpIT {

  private static UpProcess up;
  private static Path data;
  private static Api api;
  private static List<ProcessHandle> children = List.of();

  @BeforeAll
  static void startTheStack() throws Exception {
    var jar = UpProcess.jar();
    assumeTrue(jar.isPresent(), "the packaged supervisor jar (mvn package)");
    data = Files.createTempDirectory("slo-scout-up-it-");
    up = UpProcess.startReady(jar.get(), data);
    api = new Api(up.httpPort(), up.token());
    children = up.children();
  }

  @AfterAll
  static void stopTheStack() throws Exception {
    if (up != null) {
      up.close();
    }
    UpProcess.deleteDataDir(data);
  }

  @Test
  @Order(1)
  void whenReadyTheBackendIsReadyAndTheCollectorTakesOtlp() {
    assertThat(api.get("/q/health/ready").statusCode()).isEqualTo(200);
    assertThat(up.output())
        .contains("grpc 127.0.0.1:" + up.grpcPort())
        .contains("http http://127.0.0.1:" + up.otlpHttpPort())
        .contains("http://127.0.0.1:" + up.httpPort() + "/");
    // every component's lines carry its prefix
    assertThat(up.output())
        .contains("[postgres]", "[kafka]", "[collector]", "[flink]", "[backend]", "[up]");
    // the API wants the token
    assertThat(new Api(up.httpPort(), null).get("/api/v1/journeys").statusCode()).isEqualTo(401);
  }

  @Test
  @Order(2)
  void telemetrySentOverOtlpBecomesJourneysRecommendationsAnSloAndArtifacts() throws Exception {
    TestShop.send(up.grpcPort(), up.otlpHttpPort(), Duration.ofMinutes(6));

    JsonNode journeys =
        await(
            "journeys of the shop",
            () -> {
              JsonNode page = api.getJson("/api/v1/journeys?limit=1000");
              return page != null && page.path("items").size() >= 2 ? page : null;
            });
    List<String> ids = new ArrayList<>();
    journeys.path("items").forEach(j -> ids.add(j.path("id").asText()));
    assertThat(ids).contains("frontend-get-product-id", "frontend-post-checkout");
    JsonNode product = find(journeys, "frontend-get-product-id");
    assertThat(product.path("entryOperation").asText()).isEqualTo("GET /product/{id}");
    assertThat(product.path("requests").asLong()).isPositive();
    assertThat(product.path("services").toString()).contains("catalog");

    JsonNode recommendations =
        await(
            "recommendations",
            () -> {
              HttpResponse<String> r = api.post("/api/v1/recommendations:recompute", null);
              assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
              JsonNode page = api.getJson("/api/v1/recommendations?limit=1000");
              return page != null && page.path("items").size() > 0 ? page : null;
            });
    JsonNode top = recommendations.path("items").get(0);
    for (JsonNode r : recommendations.path("items")) {
      if (r.path("confidence").asDouble() > top.path("confidence").asDouble()) {
        top = r;
      }
    }
    HttpResponse<String> accepted =
        api.post("/api/v1/recommendations/" + top.path("id").asText() + "/accept", null);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
    String sloId = Api.json(accepted).path("id").asText();

    HttpResponse<String> generated =
        api.post(
            "/api/v1/artifacts:generate",
            Api.mapper().createObjectNode().put("slo", sloId).toString());
    assertThat(generated.statusCode()).as(generated.body()).isEqualTo(200);
    List<String> kinds = new ArrayList<>();
    Api.json(generated).path("items").forEach(i -> kinds.add(i.path("kind").asText()));
    assertThat(kinds).contains("rules", "rule_tests", "dashboard", "runbook");
  }

  @Test
  @Order(3)
  void logTemplatesCanBeSearchedByMeaning() throws Exception {
    JsonNode hits =
        await(
            "template search hits",
            () -> {
              JsonNode page =
                  api.getJson(
                      "/api/v1/templates/search?q="
                          + URLEncoder.encode("card payment was declined", StandardCharsets.UTF_8));
              return page != null && page.path("items").size() > 0 ? page : null;
            });
    JsonNode best = hits.path("items").get(0);
    assertThat(best.has("templateId")).isTrue();
    assertThat(best.has("service")).isTrue();
    assertThat(best.has("score")).isTrue();
    String all = hits.toString();
    for (String canary : CANARY_FORMS) {
      assertThat(all).doesNotContain(canary);
    }
  }

  @Test
  @Order(4)
  void theDatabaseHoldsNoPlantedPii() throws Exception {
    List<String> leaks = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(up.jdbcUrl(), "postgres", null)) {
      List<String> tables = new ArrayList<>();
      try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT table_schema, table_name FROM information_schema.tables"
                      + " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
                      + " AND table_type = 'BASE TABLE'");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tables.add('"' + rs.getString(1) + "\".\"" + rs.getString(2) + '"');
        }
      }
      assertThat(tables).isNotEmpty();
      for (String table : tables) {
        // identifiers come from the catalog, quoted; no input of ours is concatenated in. Rows
        // as JSON: values compressed on disk (TOAST) cannot hide from this
        try (PreparedStatement ps =
                c.prepareStatement("SELECT row_to_json(t)::text FROM " + table + " t");
            ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String row = rs.getString(1);
            for (String canary : CANARY_FORMS) {
              if (row.contains(canary)) {
                leaks.add(table + ": " + row);
              }
            }
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  @Order(5)
  void sigtermStopsEverythingAndNoPiiIsLeftOutsideKafka() throws Exception {
    assertThat(children).as("the child JVMs").hasSizeGreaterThanOrEqualTo(2);
    assertThat(up.terminate()).as(up.output()).isZero();
    for (ProcessHandle child : children) {
      child.onExit().get(1, TimeUnit.MINUTES);
      assertThat(child.isAlive()).isFalse();
    }
    String log = up.output();
    // reverse order: the backend first, PostgreSQL last
    assertThat(log.indexOf("stopping backend")).isPositive();
    assertThat(log.indexOf("stopping backend")).isLessThan(log.indexOf("stopping flink"));
    assertThat(log.indexOf("stopping flink")).isLessThan(log.indexOf("stopping collector"));
    assertThat(log.indexOf("stopping collector")).isLessThan(log.indexOf("stopping kafka"));
    assertThat(log.indexOf("stopping kafka")).isLessThan(log.indexOf("stopping postgres"));
    assertThat(log).contains("stopped with a savepoint");

    List<String> leaks = new ArrayList<>();
    int files = 0;
    try (Stream<Path> all = Files.walk(data)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        if (p.startsWith(data.resolve("kafka"))) {
          continue;
        }
        files++;
        for (String text : readings(p)) {
          for (String canary : CANARY_FORMS) {
            if (text.contains(canary)) {
              leaks.add(data.relativize(p) + " holds '" + canary + "'");
            }
          }
        }
      }
    }
    assertThat(files).isGreaterThan(100);
    assertThat(leaks).isEmpty();
    // the raw topics do hold it: the search above finds a canary where there is one
    boolean inKafka;
    try (Stream<Path> all = Files.walk(data.resolve("kafka"))) {
      inKafka =
          all.filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().endsWith(".log"))
              .anyMatch(p -> readings(p).stream().anyMatch(t -> t.contains(TestShop.EMAIL)));
    }
    assertThat(inKafka).as("the canary is in Kafka's raw topics").isTrue();
  }

  /** The ways a file's text could hold a canary: as bytes, gunzipped, or as Lucene fields. */
  private static List<String> readings(Path file) {
    List<String> out = new ArrayList<>();
    try {
      byte[] bytes = Files.readAllBytes(file);
      out.add(new String(bytes, StandardCharsets.ISO_8859_1));
      if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
          out.add(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
      }
      if (file.getFileName().toString().startsWith("segments_")) {
        out.add(luceneStoredFields(file.getParent()));
      }
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
    return out;
  }

  /** Every stored field of a Lucene index (stored fields are compressed on disk). */
  private static String luceneStoredFields(Path indexDir) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (FSDirectory dir = FSDirectory.open(indexDir);
        DirectoryReader reader = DirectoryReader.open(dir)) {
      var stored = reader.storedFields();
      for (int i = 0; i < reader.maxDoc(); i++) {
        Document d = stored.document(i);
        for (IndexableField f : d.getFields()) {
          if (f.stringValue() != null) {
            sb.append(f.stringValue()).append('\n');
          }
        }
      }
    }
    return sb.toString();
  }

  private static JsonNode find(JsonNode page, String id) {
    for (JsonNode j : page.path("items")) {
      if (j.path("id").asText().equals(id)) {
        return j;
      }
    }
    throw new AssertionError("no journey " + id + " in " + page);
  }

  private static <T> T await(String what, Supplier<T> attempt) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
    while (true) {
      T value = attempt.get();
      if (value != null) {
        return value;
      }
      assertThat(up.process().isAlive())
          .as("slo-scout up is running; its output:%n%s", up.output())
          .isTrue();
      assertThat(System.nanoTime()).as("%s within 8 minutes", what).isLessThan(deadline);
      Thread.sleep(3000);
    }
  }
}
