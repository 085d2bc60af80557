package io.sloscout.flink.journey;

import io.sloscout.flink.sink.BatchSink;
import io.sloscout.flink.sink.DatabaseConnector;
import io.sloscout.storage.JourneyMinute;
import io.sloscout.storage.JourneyRepository;
import io.sloscout.storage.LatencySketch;
import io.sloscout.storage.OperationMinute;
import io.sloscout.storage.RedMeasures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** Upserts absolute per-minute RED rows of journeys and operations. */
public record RedMinuteStore(DatabaseConnector database) implements BatchSink.Store<RedMinute> {

  public RedMinuteStore {
    Objects.requireNonNull(database, "database");
  }

  @Override
  public BatchSink.Writer<RedMinute> open(WriterInitContext context) {
    JourneyRepository repository = database.acquire().journeys();
    return new BatchSink.Writer<>() {
      @Override
      public void write(List<RedMinute> batch) {
        List<JourneyMinute> journeys = new ArrayList<>();
        List<OperationMinute> operations = new ArrayList<>();
        for (RedMinute m : batch) {
          List<Long> buckets = new ArrayList<>(m.atOrUnder().length);
          for (long n : m.atOrUnder()) {
            buckets.add(n);
          }
          RedMeasures red =
              RedMeasures.of(
                  m.requests(), m.errors(), LatencySketch.fromBytes(m.sketch()), buckets);
          Instant minute = Instant.ofEpochMilli(m.minuteMillis());
          if (m.journey()) {
            journeys.add(new JourneyMinute(m.key(), minute, red));
          } else {
            operations.add(new OperationMinute(m.key(), m.operation(), minute, red));
          }
        }
        repository.upsertJourneyMinutes(journeys);
        repository.upsertOperationMinutes(operations);
      }

      @Override
      public void close() {
        database.release();
      }
    };
  }
}
