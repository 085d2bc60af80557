package io.sloscout.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.core.embedding.Embedder;
import io.sloscout.core.search.TemplateHit;
import io.sloscout.core.search.TemplateSearch;
import io.sloscout.core.search.VectorStore;
import io.sloscout.flink.config.PipelineConfig;
import io.sloscout.flink.embed.VectorConnector;
import io.sloscout.flink.testing.KafkaIo;
import io.sloscout.flink.testing.ShopTraffic;
import io.sloscout.flink.testing.TestStack;
import io.sloscout.storage.Database;
import io.sloscout.storage.JourneyMinute;
import io.sloscout.storage.JourneyRow;
import io.sloscout.storage.OperationMinute;
import io.sloscout.storage.ServiceRow;
import io.sloscout.storage.TemplateCount;
import io.sloscout.storage.TemplateRow;
import io.sloscout.storage.archive.ArchiveKey;
import io.sloscout.storage.archive.ObjectArchive;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * OTLP traces and logs written to the raw topics come out of the three jobs, run on a MiniCluster
 * against a real broker, PostgreSQL and S3Proxy, as journey, RED, template and count rows, archived
 * objects and searchable vectors; and none of the PII planted in them reaches any store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineEndToEndTest {

  private static final Instant START = Instant.parse("2025-06-01T10:00:00Z");
  private static final int MINUTES = 3;
  private static final int PER_MINUTE = 10;

  private PipelineConfig config;
  private ShopTraffic traffic;
  private Database db;
  private ObjectArchive archive;
  private long spanCount;

  @BeforeAll
  void runThePipelineOverTheShop() {
    config = TestStack.newConfig("e2e");
    config = config.withKafka(config.kafka().withBounded(true));
    traffic = new ShopTraffic().requests(START.toEpochMilli(), MINUTES, PER_MINUTE, 1);
    var traces = traffic.traceRequests(7);
    spanCount = countSpans(traces);
    String bootstrap = config.kafka().bootstrapServers();
    KafkaIo.send(bootstrap, config.kafka().spansTopic(), traces);
    KafkaIo.send(bootstrap, config.kafka().logsTopic(), traffic.logRequests(5));

    LocalCluster cluster = TestStack.cluster();
    JobID redact = cluster.submit(FlinkJob.REDACT_FINGERPRINT, config, null);
    JobID journeys = cluster.submit(FlinkJob.JOURNEYS, config, null);
    assertSucceeded(cluster.await(redact, Duration.ofMinutes(3)));
    assertSucceeded(cluster.await(journeys, Duration.ofMinutes(3)));
    // the events topic is complete now: the bounded embed job reads all of it
    JobID embed = cluster.submit(FlinkJob.EMBED, config, null);
    assertSucceeded(cluster.await(embed, Duration.ofMinutes(3)));

    db = Database.open(TestStack.databaseConfig(config));
    archive = ObjectArchive.open(TestStack.archiveConfig(config));
  }

  @AfterAll
  void close() {
    if (db != null) {
      db.close();
    }
    if (archive != null) {
      archive.close();
    }
  }

  @Test
  void journeysAndTheirPerMinuteRequestsMatchTheInput() {
    Instant to = START.plus(Duration.ofMinutes(MINUTES));
    for (Map.Entry<String, Map<Long, Long>> j : traffic.expected().entrySet()) {
      List<JourneyMinute> series = db.journeys().series(j.getKey(), START, to);
      Map<Long, Long> actual = new java.util.TreeMap<>();
      series.forEach(m -> actual.put(m.minute().toEpochMilli(), m.red().requests()));
      assertThat(actual).as(j.getKey()).isEqualTo(j.getValue());
    }
    JourneyRow product = db.journeys().find(ShopTraffic.PRODUCT_JOURNEY).orElseThrow();
    assertThat(product.entryOperation()).isEqualTo("GET /product/{id}");
    assertThat(product.services()).containsExactly("catalog", "frontend");
    JourneyRow checkout = db.journeys().find(ShopTraffic.CHECKOUT_JOURNEY).orElseThrow();
    assertThat(checkout.services()).containsExactly("frontend", "payment");
    // probes are not journeys
    assertThat(db.journeys().find("frontend-get-healthz")).isEmpty();
    // errors: every 7th product view (i % 7 == 3) answered 500
    long errors =
        db.journeys().series(ShopTraffic.PRODUCT_JOURNEY, START, to).stream()
            .mapToLong(m -> m.red().errors())
            .sum();
    assertThat(errors).isEqualTo(MINUTES * 1L * (PER_MINUTE / 7 + (PER_MINUTE % 7 > 3 ? 1 : 0)));
    assertThat(db.journeys().edges(ShopTraffic.CHECKOUT_JOURNEY))
        .anySatisfy(
            e -> {
              assertThat(e.fromService()).isEqualTo("frontend");
              assertThat(e.toService()).isEqualTo("payment");
              assertThat(e.calls()).isEqualTo((long) MINUTES * PER_MINUTE);
            });
  }

  @Test
  void operationsGetPerMinuteRedRows() {
    List<OperationMinute> catalog =
        db.journeys()
            .operationSeries(
                "catalog", "GET /items/{id}", START, START.plus(Duration.ofMinutes(MINUTES)));
    assertThat(catalog).hasSize(MINUTES);
    assertThat(catalog).allSatisfy(m -> assertThat(m.red().requests()).isEqualTo(PER_MINUTE));
    assertThat(db.services().list())
        .extracting(ServiceRow::name)
        .contains("frontend", "catalog", "payment");
  }

  @Test
  void templatesAndTheirPerMinuteCountsAreWritten() {
    List<TemplateRow> frontend = db.templates().byService("frontend");
    assertThat(frontend)
        .extracting(TemplateRow::template)
        .contains("GET /product/{id}", "POST /checkout");
    TemplateRow rendered =
        frontend.stream()
            .filter(t -> t.template().startsWith("rendered product page"))
            .findFirst()
            .orElseThrow();
    List<TemplateCount> counts =
        db.templates()
            .counts(rendered.templateId(), START, START.plus(Duration.ofMinutes(MINUTES)));
    assertThat(counts).hasSize(MINUTES);
    assertThat(counts).allSatisfy(c -> assertThat(c.count()).isEqualTo(PER_MINUTE));
    assertThat(rendered.exampleCount()).isEqualTo((long) MINUTES * PER_MINUTE);
  }

  @Test
  void everyRedactedEventIsArchivedOnce() {
    long records = 0;
    for (String service : List.of("frontend", "catalog", "payment")) {
      for (ArchiveKey key : archive.list(service)) {
        assertThat(key.hour()).isEqualTo(START);
        records += archive.read(key).size();
      }
    }
    assertThat(records).isEqualTo(spanCount + traffic.logCount());
  }

  @Test
  void semanticSearchFindsTemplatesByMeaning() {
    VectorConnector vectors = new VectorConnector(config.vectors(), config.embed());
    Embedder embedder = vectors.acquireEmbedder();
    VectorStore store = vectors.acquireStore(embedder.dimension());
    try {
      TemplateSearch search = new TemplateSearch(embedder, store);
      List<TemplateHit> hits = search.search("credit card payment was refused", 3);
      assertThat(hits.get(0).service()).isEqualTo("payment");
      assertThat(hits.get(0).template()).startsWith("payment declined for");
      List<TemplateHit> slow = search.search("upstream service timed out", 3);
      assertThat(slow)
          .extracting(TemplateHit::template)
          .anyMatch(t -> t.startsWith("upstream catalog timeout"));
    } finally {
      vectors.releaseStore();
      vectors.releaseEmbedder();
    }
  }

  @Test
  void noPiiCanaryReachesAnyStore() throws Exception {
    // every text column of every table
    List<String> leaks = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement columns =
            c.prepareStatement(
                "SELECT table_name, column_name FROM information_schema.columns"
                    + " WHERE table_schema = 'public' AND table_name NOT LIKE 'flyway%'"
                    + " AND data_type IN ('text', 'character varying', 'ARRAY', 'jsonb', 'json')");
        ResultSet rs = columns.executeQuery()) {
      int scanned = 0;
      while (rs.next()) {
        String table = rs.getString(1);
        String column = rs.getString(2);
        scanned++;
        for (String canary : ShopTraffic.CANARY_FORMS) {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT count(*) FROM \"" + table + "\" WHERE \"" + column + "\"::text LIKE ?")) {
            q.setString(1, "%" + canary + "%");
            try (ResultSet n = q.executeQuery()) {
              n.next();
              if (n.getLong(1) > 0) {
                leaks.add(table + "." + column + ": " + canary);
              }
            }
          }
        }
      }
      assertThat(scanned).isGreaterThan(10);
    }
    // the templates did see the placeholders: redaction happened, not an accident of the data
    assertThat(db.templates().byService("payment"))
        .extracting(TemplateRow::template)
        .anyMatch(t -> t.contains("<CREDIT_CARD>"));
    // every archived object, decompressed
    int objects = 0;
    for (ServiceRow s : db.services().list()) {
      for (ArchiveKey key : archive.list(s.name())) {
        objects++;
        String text = String.join("\n", archive.read(key));
        for (String canary : ShopTraffic.CANARY_FORMS) {
          if (text.contains(canary)) {
            leaks.add(key.objectName() + ": " + canary);
          }
        }
      }
    }
    assertThat(objects).isPositive();
    // every vector payload
    VectorConnector vectors = new VectorConnector(config.vectors(), config.embed());
    Embedder embedder = vectors.acquireEmbedder();
    VectorStore store = vectors.acquireStore(embedder.dimension());
    try {
      List<TemplateHit> all = store.search(embedder.embed("payment card user email phone"), 1000);
      assertThat(all).hasSize((int) store.count());
      for (TemplateHit h : all) {
        for (String canary : ShopTraffic.CANARY_FORMS) {
          if (h.template().contains(canary) || h.service().contains(canary)) {
            leaks.add("vector " + h.templateId() + ": " + canary);
          }
        }
      }
    } finally {
      vectors.releaseStore();
      vectors.releaseEmbedder();
    }
    assertThat(leaks).isEmpty();
  }

  private static long countSpans(List<Map.Entry<String, byte[]>> requests) {
    long n = 0;
    for (var r : requests) {
      try {
        var req =
            io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.parseFrom(
                r.getValue());
        for (var rs : req.getResourceSpansList()) {
          for (var ss : rs.getScopeSpansList()) {
            n += ss.getSpansCount();
          }
        }
      } catch (com.google.protobuf.InvalidProtocolBufferException e) {
        throw new IllegalStateException(e);
      }
    }
    return n;
  }

  static void assertSucceeded(JobResult result) {
    if (result.getSerializedThrowable().isPresent()) {
      throw new AssertionError(
          "job " + result.getJobId() + " failed",
          result
              .getSerializedThrowable()
              .get()
              .deserializeError(PipelineEndToEndTest.class.getClassLoader()));
    }
    assertThat(result.isSuccess()).isTrue();
  }
}
