package io.sloscout.embeddings;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link DjlEmbedder} loads and runs its model.
 *
 * @param weights which all-MiniLM-L6-v2 weights to load
 * @param cacheDir where the weights are copied out of the jar (ONNX Runtime loads from files)
 * @param intraOpThreads ONNX Runtime threads per inference
 * @param batchSize the most texts one inference runs
 * @param maxTokens texts are cut to this many tokens; the model was trained on 256
 */
public record DjlEmbedderConfig(
    MiniLmWeights weights, Path cacheDir, int intraOpThreads, int batchSize, int maxTokens) {

  /** Measured here: batch 32 beats 128, where padding to the longest text costs more. */
  public static final int DEFAULT_BATCH_SIZE = 32;

  public DjlEmbedderConfig {
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(cacheDir, "cacheDir");
    requirePositive(intraOpThreads, "intraOpThreads");
    requirePositive(batchSize, "batchSize");
    if (maxTokens < 2 || maxTokens > 512) {
      throw new IllegalArgumentException("maxTokens must be in [2, 512], was " + maxTokens);
    }
  }

  /**
   * Full-precision weights, cached under {@code java.io.tmpdir}, 2 threads, batches of 32, 256
   * tokens.
   */
  public static DjlEmbedderConfig defaults() {
    return new DjlEmbedderConfig(
        MiniLmWeights.FP32,
        Path.of(System.getProperty("java.io.tmpdir"), "slo-scout-models"),
        2,
        DEFAULT_BATCH_SIZE,
        256);
  }

  public DjlEmbedderConfig withWeights(MiniLmWeights value) {
    return new DjlEmbedderConfig(value, cacheDir, intraOpThreads, batchSize, maxTokens);
  }

  public DjlEmbedderConfig withCacheDir(Path value) {
    return new DjlEmbedderConfig(weights, value, intraOpThreads, batchSize, maxTokens);
  }

  public DjlEmbedderConfig withIntraOpThreads(int value) {
    return new DjlEmbedderConfig(weights, cacheDir, value, batchSize, maxTokens);
  }

  public DjlEmbedderConfig withBatchSize(int value) {
    return new DjlEmbedderConfig(weights, cacheDir, intraOpThreads, value, maxTokens);
  }

  public DjlEmbedderConfig withMaxTokens(int value) {
    return new DjlEmbedderConfig(weights, cacheDir, intraOpThreads, batchSize, value);
  }

  private static void requirePositive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
