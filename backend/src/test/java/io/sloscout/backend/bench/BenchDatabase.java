package io.sloscout.backend.bench;

import io.sloscout.backend.testing.ShopData;
import io.sloscout.storage.Database;
import io.sloscout.storage.DatabaseConfig;
import io.sloscout.storage.EmbeddedPostgres;
import io.sloscout.storage.JourneyEdgeRow;
import io.sloscout.storage.JourneyMinute;
import io.sloscout.storage.JourneyRow;
import io.sloscout.storage.ServiceRow;
import io.sloscout.storage.TemplateKind;
import io.sloscout.storage.TemplateRow;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The database behind the read-API benchmark ({@code backend/bench/read-api.sh}): an embedded
 * PostgreSQL with {@code JOURNEYS} journeys of {@code MINUTES} minutes of aggregates each, ending
 * now, written through storage's repositories. Prints {@code READY <jdbc url>} and runs until
 * killed.
 *
 * <p>Usage: {@code BenchDatabase [journeys=40] [minutes=1440]}
 */
public final class BenchDatabase {

  private BenchDatabase() {}

  public static void main(String[] args) throws InterruptedException {
    int journeys = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 1440;
    EmbeddedPostgres postgres = EmbeddedPostgres.startTemporary();
    Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "bench-postgres-stop"));
    DatabaseConfig config = postgres.createDatabase("bench");
    try (Database db = Database.open(config)) {
      seed(db, journeys, minutes);
    }
    System.out.println("READY " + config.jdbcUrl() + " " + config.user());
    System.out.flush();
    Thread.currentThread().join();
  }

  static void seed(Database db, int journeys, int minutes) {
    Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Instant start = end.minus(Duration.ofMinutes(minutes - 1L));
    List<String> services = new ArrayList<>();
    for (int s = 0; s < 12; s++) {
      services.add("svc-" + s);
    }
    db.services()
        .upsertServices(services.stream().map(s -> new ServiceRow(s, start, end)).toList());
    List<JourneyRow> rows = new ArrayList<>();
    List<JourneyEdgeRow> edges = new ArrayList<>();
    List<TemplateRow> templates = new ArrayList<>();
    for (int j = 0; j < journeys; j++) {
      String entry = services.get(j % 4);
      String callee = services.get(4 + j % 8);
      String id = entry + "-get-route-" + j;
      rows.add(
          new JourneyRow(
              id,
              entry + " GET /route/" + j,
              entry,
              "GET /route/" + j,
              List.of(entry, callee),
              start,
              end));
      edges.add(
          new JourneyEdgeRow(id, entry, "GET /route/" + j, callee, "Handle", 1000L * minutes, end));
      templates.add(
          new TemplateRow(
              "bench-tpl-" + j,
              callee,
              TemplateKind.LOG,
              "request " + j + " to <*> failed after <*> ms",
              start,
              end,
              100));
    }
    db.journeys().upsertJourneys(rows);
    db.journeys().upsertEdges(edges);
    db.templates().upsertTemplates(templates);
    for (int j = 0; j < journeys; j++) {
      List<JourneyMinute> batch = new ArrayList<>(minutes);
      for (int m = 0; m < minutes; m++) {
        batch.add(
            new JourneyMinute(
                rows.get(j).id(),
                start.plus(Duration.ofMinutes(m)),
                ShopData.red(60, m % 7 == 0 ? 1 : 0, 10 + j, 300 + 5 * j, m)));
      }
      db.journeys().upsertJourneyMinutes(batch);
    }
  }
}
