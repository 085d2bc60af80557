package io.sloscout.flink.embed;

import io.sloscout.core.embedding.Embedder;
import io.sloscout.core.search.VectorStore;
import io.sloscout.embeddings.DjlEmbedder;
import io.sloscout.embeddings.DjlEmbedderConfig;
import io.sloscout.embeddings.LuceneVectorStore;
import io.sloscout.embeddings.MilvusVectorStore;
import io.sloscout.embeddings.MilvusVectorStoreConfig;
import io.sloscout.embeddings.MiniLmWeights;
import io.sloscout.flink.config.PipelineConfig;
import io.sloscout.flink.sink.SharedResources;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens the embedder and the vector store of a configuration on the task side, shared in the JVM:
 * one model for all subtasks, one Lucene writer per index folder.
 */
public record VectorConnector(PipelineConfig.Vectors vectors, PipelineConfig.Embed embed)
    implements Serializable {

  public VectorConnector {
    Objects.requireNonNull(vectors, "vectors");
    Objects.requireNonNull(embed, "embed");
  }

  /** The key the embedder is shared under. */
  public String embedderKey() {
    return "djl:" + (embed.quantized() ? "int8" : "fp32") + "|" + embed.threads();
  }

  /** The key the store is shared under. */
  public String storeKey() {
    return switch (vectors.store()) {
      case LUCENE -> "lucene:" + Path.of(requireLuceneDir()).toAbsolutePath().normalize();
      case MILVUS -> "milvus:" + vectors.milvusUri() + "|" + vectors.milvusCollection();
    };
  }

  /** Acquires the shared embedder; give it back with {@link #releaseEmbedder()}. */
  public Embedder acquireEmbedder() {
    return SharedResources.acquire(
        embedderKey(),
        () -> {
          DjlEmbedderConfig c =
              DjlEmbedderConfig.defaults()
                  .withWeights(embed.quantized() ? MiniLmWeights.INT8 : MiniLmWeights.FP32)
                  .withIntraOpThreads(embed.threads())
                  .withBatchSize(embed.batchSize());
          if (embed.modelCacheDir() != null) {
            c = c.withCacheDir(Path.of(embed.modelCacheDir()));
          }
          return DjlEmbedder.open(c);
        });
  }

  /** Acquires the shared store for vectors of {@code dimension}; give it back later. */
  public VectorStore acquireStore(int dimension) {
    return SharedResources.acquire(
        storeKey(),
        () ->
            switch (vectors.store()) {
              case LUCENE -> LuceneVectorStore.open(Path.of(requireLuceneDir()), dimension);
              case MILVUS -> {
                String token = vectors.milvusToken().resolve();
                yield MilvusVectorStore.open(
                    MilvusVectorStoreConfig.of(
                            Objects.requireNonNull(vectors.milvusUri(), "vectors.milvus.uri"),
                            vectors.milvusCollection())
                        .withToken(token == null ? "" : token),
                    dimension);
              }
            });
  }

  public void releaseEmbedder() {
    SharedResources.release(embedderKey());
  }

  public void releaseStore() {
    SharedResources.release(storeKey());
  }

  private String requireLuceneDir() {
    return Objects.requireNonNull(vectors.luceneDirectory(), "vectors.lucene.directory");
  }
}
