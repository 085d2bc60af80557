package io.sloscout.flink.fingerprint;

import io.sloscout.flink.sink.BatchSink;
import io.sloscout.flink.sink.DatabaseConnector;
import io.sloscout.storage.TemplateKind;
import io.sloscout.storage.TemplateRepository;
import io.sloscout.storage.TemplateRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** Upserts template rows through storage's {@link TemplateRepository}. */
public record TemplateStore(DatabaseConnector database) implements BatchSink.Store<TemplateChange> {

  public TemplateStore {
    Objects.requireNonNull(database, "database");
  }

  @Override
  public BatchSink.Writer<TemplateChange> open(WriterInitContext context) {
    TemplateRepository templates = database.acquire().templates();
    return new BatchSink.Writer<>() {
      @Override
      public void write(List<TemplateChange> batch) {
        List<TemplateRow> rows = new ArrayList<>(batch.size());
        for (TemplateChange c : batch) {
          rows.add(
              new TemplateRow(
                  c.templateId(),
                  c.service(),
                  TemplateKind.valueOf(c.kind().toUpperCase(Locale.ROOT)),
                  c.template(),
                  Instant.ofEpochMilli(c.firstSeenMillis()),
                  Instant.ofEpochMilli(Math.max(c.firstSeenMillis(), c.lastSeenMillis())),
                  c.count()));
        }
        templates.upsertTemplates(rows);
      }

      @Override
      public void close() {
        database.release();
      }
    };
  }
}
