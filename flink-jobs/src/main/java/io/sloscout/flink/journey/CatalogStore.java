package io.sloscout.flink.journey;

import io.sloscout.flink.sink.BatchSink;
import io.sloscout.flink.sink.DatabaseConnector;
import io.sloscout.storage.Database;
import io.sloscout.storage.JourneyEdgeRow;
import io.sloscout.storage.JourneyRow;
import io.sloscout.storage.OperationKind;
import io.sloscout.storage.OperationRow;
import io.sloscout.storage.ServiceRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** Upserts catalog rows: services, operations, journeys and call edges. */
public record CatalogStore(DatabaseConnector database) implements BatchSink.Store<CatalogItem> {

  public CatalogStore {
    Objects.requireNonNull(database, "database");
  }

  @Override
  public BatchSink.Writer<CatalogItem> open(WriterInitContext context) {
    Database db = database.acquire();
    return new BatchSink.Writer<>() {
      @Override
      public void write(List<CatalogItem> batch) {
        List<ServiceRow> services = new ArrayList<>();
        List<OperationRow> operations = new ArrayList<>();
        List<JourneyRow> journeys = new ArrayList<>();
        List<JourneyEdgeRow> edges = new ArrayList<>();
        for (CatalogItem c : batch) {
          Instant first = Instant.ofEpochMilli(c.firstSeenMillis());
          Instant last = Instant.ofEpochMilli(Math.max(c.firstSeenMillis(), c.lastSeenMillis()));
          switch (c.kind()) {
            case SERVICE -> services.add(new ServiceRow(c.service(), first, last));
            case OPERATION ->
                operations.add(
                    new OperationRow(
                        c.service(),
                        c.operation(),
                        OperationKind.valueOf(c.spanKind().toUpperCase(Locale.ROOT)),
                        first,
                        last));
            case JOURNEY ->
                journeys.add(
                    new JourneyRow(
                        c.journeyId(),
                        c.name(),
                        c.service(),
                        c.operation(),
                        c.services(),
                        first,
                        last));
            case EDGE ->
                edges.add(
                    new JourneyEdgeRow(
                        c.journeyId(),
                        c.service(),
                        c.operation(),
                        c.toService(),
                        c.toOperation(),
                        c.calls(),
                        last));
          }
        }
        db.services().upsertServices(services);
        db.services().upsertOperations(operations);
        db.journeys().upsertJourneys(journeys);
        db.journeys().upsertEdges(edges);
      }

      @Override
      public void close() {
        database.release();
      }
    };
  }
}
