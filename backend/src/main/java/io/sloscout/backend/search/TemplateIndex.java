package io.sloscout.backend.search;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sloscout.backend.config.BackendConfig;
import io.sloscout.core.embedding.Embedder;
import io.sloscout.core.search.TemplateDocument;
import io.sloscout.core.search.TemplateHit;
import io.sloscout.core.search.TemplateSearch;
import io.sloscout.core.search.VectorStore;
import io.sloscout.embeddings.DjlEmbedder;
import io.sloscout.embeddings.DjlEmbedderConfig;
import io.sloscout.embeddings.LuceneVectorStore;
import io.sloscout.embeddings.MiniLmWeights;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * The template search engine: core's {@link TemplateSearch} over the DJL embedder and a Lucene
 * index on local disk. Opened at startup; closed with the application.
 */
@ApplicationScoped
public class TemplateIndex {

  private static final Logger LOG = Logger.getLogger(TemplateIndex.class);

  private final BackendConfig.Search config;
  private final Timer searchTimer;
  private final Timer indexTimer;
  private volatile Embedder embedder;
  private volatile VectorStore store;
  private volatile TemplateSearch search;
  private volatile String failure;

  public TemplateIndex(BackendConfig config, MeterRegistry registry) {
    this.config = config.search();
    this.searchTimer =
        Timer.builder("slo_scout.templates.search")
            .description("Semantic template searches: embedding the query and the vector search")
            .register(registry);
    this.indexTimer =
        Timer.builder("slo_scout.templates.index")
            .description("Embedding and indexing a batch of templates")
            .register(registry);
  }

  /** Loads the model and opens the index; a failure is kept for health checks, not thrown. */
  public synchronized void open() {
    if (!config.enabled() || search != null) {
      return;
    }
    try {
      MiniLmWeights weights =
          switch (config.weights().toLowerCase(Locale.ROOT)) {
            case "fp32" -> MiniLmWeights.FP32;
            case "int8" -> MiniLmWeights.INT8;
            default ->
                throw new IllegalArgumentException(
                    "slo-scout.search.weights must be int8 or fp32, was " + config.weights());
          };
      Path dir =
          config
              .indexDir()
              .orElse(
                  Path.of(
                      System.getProperty("java.io.tmpdir"),
                      "slo-scout-index-" + weights.modelName()));
      embedder = DjlEmbedder.open(DjlEmbedderConfig.defaults().withWeights(weights));
      store = LuceneVectorStore.open(dir, embedder.dimension());
      search = new TemplateSearch(embedder, store);
      failure = null;
      LOG.infof(
          "template search ready: %s weights, index %s (%d templates)",
          weights, dir, store.count());
    } catch (RuntimeException e) {
      failure = e.getClass().getSimpleName() + ": " + e.getMessage();
      LOG.error("template search unavailable", e);
      close();
    }
  }

  /** Whether searches can be served. */
  public boolean isOpen() {
    return search != null;
  }

  /** Why the index is not open, or null. */
  public String failure() {
    return config.enabled() ? failure : "disabled (slo-scout.search.enabled=false)";
  }

  /** The number of templates indexed; -1 when the index is not open. */
  public long count() {
    VectorStore s = store;
    return s == null ? -1 : s.count();
  }

  /** The templates nearest in meaning to {@code query}, best first. */
  public List<TemplateHit> search(String query, int k) {
    TemplateSearch s = requireOpen();
    return searchTimer.record(() -> s.search(query, Math.min(k, config.maxResults())));
  }

  /** Embeds and indexes these templates, replacing entries with the same id. */
  public void index(List<TemplateDocument> templates) {
    TemplateSearch s = requireOpen();
    indexTimer.record(() -> s.index(templates));
  }

  private TemplateSearch requireOpen() {
    TemplateSearch s = search;
    if (s == null) {
      throw new IllegalStateException("template search is not available");
    }
    return s;
  }

  @PreDestroy
  synchronized void close() {
    search = null;
    if (store != null) {
      store.close();
      store = null;
    }
    if (embedder != null) {
      embedder.close();
      embedder = null;
    }
  }
}
