package io.sloscout.flink.embed;

import io.sloscout.core.embedding.Embedder;
import io.sloscout.core.search.TemplateDocument;
import io.sloscout.core.search.TemplateSearch;
import io.sloscout.core.search.VectorStore;
import io.sloscout.flink.sink.BatchSink;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;

/**
 * Embeds batches of templates with one model call each and upserts them by template id, with the
 * redacted template text and the service as payload (core's {@link TemplateSearch#index}).
 */
public record VectorStoreSink(VectorConnector connector)
    implements BatchSink.Store<TemplateDocument> {

  public VectorStoreSink {
    Objects.requireNonNull(connector, "connector");
  }

  @Override
  public BatchSink.Writer<TemplateDocument> open(WriterInitContext context) {
    Embedder embedder = connector.acquireEmbedder();
    VectorStore store;
    try {
      store = connector.acquireStore(embedder.dimension());
    } catch (RuntimeException e) {
      connector.releaseEmbedder();
      throw e;
    }
    TemplateSearch search = new TemplateSearch(embedder, store);
    Counter embedded = context.metricGroup().counter("templatesEmbedded");
    return new BatchSink.Writer<>() {
      @Override
      public void write(List<TemplateDocument> batch) {
        search.index(batch);
        embedded.inc(batch.size());
      }

      @Override
      public void close() {
        connector.releaseStore();
        connector.releaseEmbedder();
      }
    };
  }
}
