package io.sloscout.flink.fingerprint;

import io.sloscout.flink.sink.BatchSink;
import io.sloscout.flink.sink.DatabaseConnector;
import io.sloscout.storage.TemplateCount;
import io.sloscout.storage.TemplateRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** Upserts absolute per-minute template counts through storage's {@link TemplateRepository}. */
public record TemplateCountStore(DatabaseConnector database)
    implements BatchSink.Store<TemplateMinuteCount> {

  public TemplateCountStore {
    Objects.requireNonNull(database, "database");
  }

  @Override
  public BatchSink.Writer<TemplateMinuteCount> open(WriterInitContext context) {
    TemplateRepository templates = database.acquire().templates();
    return new BatchSink.Writer<>() {
      @Override
      public void write(List<TemplateMinuteCount> batch) {
        List<TemplateCount> rows = new ArrayList<>(batch.size());
        for (TemplateMinuteCount c : batch) {
          rows.add(
              new TemplateCount(c.templateId(), Instant.ofEpochMilli(c.minuteMillis()), c.count()));
        }
        templates.upsertCounts(rows);
      }

      @Override
      public void close() {
        database.release();
      }
    };
  }
}
