package io.sloscout.embeddings;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import io.sloscout.core.embedding.Embedder;
import io.sloscout.core.embedding.EmbeddingException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * all-MiniLM-L6-v2 sentence embeddings on ONNX Runtime through DJL: 384-dimensional, masked mean
 * pooling, unit length. Weights and tokenizer come from jar resources; nothing is downloaded.
 */
public final class DjlEmbedder implements Embedder {

  private static final String INPUT_IDS = "input_ids";
  private static final String ATTENTION_MASK = "attention_mask";
  private static final String TOKEN_TYPE_IDS = "token_type_ids";

  private final DjlEmbedderConfig config;
  private final HuggingFaceTokenizer tokenizer;
  private final ZooModel<TokenBatch, float[][]> model;
  private final int dimension;
  private volatile boolean closed;

  private DjlEmbedder(
      DjlEmbedderConfig config,
      HuggingFaceTokenizer tokenizer,
      ZooModel<TokenBatch, float[][]> model) {
    this.config = config;
    this.tokenizer = tokenizer;
    this.model = model;
    // the weights decide the dimension; one probe reads it instead of trusting a constant
    this.dimension = embedBatch(List.of("")).get(0).length;
  }

  /** Loads the full-precision model with the default settings. */
  public static DjlEmbedder open() {
    return open(DjlEmbedderConfig.defaults());
  }

  /**
   * Loads the model described by the config.
   *
   * @throws EmbeddingException if the weights are not on the class path or do not load
   */
  public static DjlEmbedder open(DjlEmbedderConfig config) {
    // DJL would otherwise look up model zoos and engine downloads on the network
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    MiniLmWeights weights = config.weights();
    Path dir = ModelFiles.materialize(weights, config.cacheDir());
    HuggingFaceTokenizer tokenizer = null;
    try {
      tokenizer =
          HuggingFaceTokenizer.builder()
              .optTokenizerPath(dir.resolve(weights.tokenizerResource()))
              // padding is done here per batch, after sorting texts by length
              .optPadding(false)
              .optTruncation(true)
              .optMaxLength(config.maxTokens())
              .build();
      Criteria<TokenBatch, float[][]> criteria =
          Criteria.builder()
              .setTypes(TokenBatch.class, float[][].class)
              .optEngine("OnnxRuntime")
              .optModelPath(dir)
              .optModelName(weights.modelName())
              .optOption("intraOpNumThreads", String.valueOf(config.intraOpThreads()))
              .optOption("interOpNumThreads", "1")
              .optTranslator(new MeanPoolingTranslator())
              .build();
      return new DjlEmbedder(config, tokenizer, criteria.loadModel());
    } catch (IOException | ModelNotFoundException | MalformedModelException e) {
      if (tokenizer != null) {
        tokenizer.close();
      }
      throw new EmbeddingException("cannot load the " + weights + " model from " + dir, e);
    }
  }

  /** The settings this embedder runs with. */
  public DjlEmbedderConfig config() {
    return config;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    if (closed) {
      throw new IllegalStateException("embedder is closed");
    }
    texts.forEach(text -> Objects.requireNonNull(text, "a text to embed is null"));
    return embedBatch(texts);
  }

  private List<float[]> embedBatch(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    Encoding[] encodings = tokenizer.batchEncode(texts);
    // texts of similar length share a batch, so little compute goes to padding
    Integer[] order = new Integer[encodings.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingInt(i -> encodings[i].getIds().length));
    float[][] vectors = new float[encodings.length][];
    try (Predictor<TokenBatch, float[][]> predictor = model.newPredictor()) {
      for (int start = 0; start < order.length; start += config.batchSize()) {
        int end = Math.min(order.length, start + config.batchSize());
        Encoding[] chunk = new Encoding[end - start];
        for (int i = start; i < end; i++) {
          chunk[i - start] = encodings[order[i]];
        }
        float[][] pooled = predictor.predict(TokenBatch.of(chunk));
        for (int i = start; i < end; i++) {
          vectors[order[i]] = pooled[i - start];
        }
      }
    } catch (TranslateException e) {
      throw new EmbeddingException("the model failed on a batch of " + texts.size() + " texts", e);
    }
    return Arrays.asList(vectors);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      model.close();
      tokenizer.close();
    }
  }

  /** Token ids of a batch, padded to its longest text, row-major. */
  record TokenBatch(int rows, int length, long[] ids, long[] attentionMask, long[] typeIds) {

    static TokenBatch of(Encoding[] encodings) {
      int length = 0;
      for (Encoding encoding : encodings) {
        length = Math.max(length, encoding.getIds().length);
      }
      int rows = encodings.length;
      long[] ids = new long[rows * length];
      long[] mask = new long[rows * length];
      long[] types = new long[rows * length];
      for (int r = 0; r < rows; r++) {
        long[] rowIds = encodings[r].getIds();
        System.arraycopy(rowIds, 0, ids, r * length, rowIds.length);
        System.arraycopy(encodings[r].getAttentionMask(), 0, mask, r * length, rowIds.length);
        System.arraycopy(encodings[r].getTypeIds(), 0, types, r * length, rowIds.length);
      }
      return new TokenBatch(rows, length, ids, mask, types);
    }
  }

  /**
   * Feeds a token batch to the model and pools its token vectors: the mean over real (unmasked)
   * tokens, scaled to unit length. Done in plain Java because ONNX Runtime arrays support few
   * NDArray operations.
   */
  static final class MeanPoolingTranslator implements NoBatchifyTranslator<TokenBatch, float[][]> {

    @Override
    public NDList processInput(TranslatorContext ctx, TokenBatch batch) {
      ctx.setAttachment("batch", batch);
      NDManager manager = ctx.getNDManager();
      Shape shape = new Shape(batch.rows(), batch.length());
      Set<String> inputs = Set.copyOf(ctx.getModel().describeInput().keys());
      NDList list = new NDList();
      list.add(named(manager.create(batch.ids(), shape), INPUT_IDS));
      list.add(named(manager.create(batch.attentionMask(), shape), ATTENTION_MASK));
      // some exports of the model take no token types
      if (inputs.isEmpty() || inputs.contains(TOKEN_TYPE_IDS)) {
        list.add(named(manager.create(batch.typeIds(), shape), TOKEN_TYPE_IDS));
      }
      return list;
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList outputs) {
      TokenBatch batch = (TokenBatch) ctx.getAttachment("batch");
      NDArray hidden =
          outputs.contains("last_hidden_state") ? outputs.get("last_hidden_state") : outputs.get(0);
      long[] shape = hidden.getShape().getShape();
      if (shape.length != 3 || shape[0] != batch.rows() || shape[1] != batch.length()) {
        throw new IllegalStateException(
            "unexpected model output shape "
                + hidden.getShape()
                + " for a batch "
                + batch.rows()
                + "x"
                + batch.length());
      }
      int width = (int) shape[2];
      float[] tokens = hidden.toFloatArray();
      float[][] pooled = new float[batch.rows()][];
      for (int r = 0; r < batch.rows(); r++) {
        pooled[r] = meanOfRealTokens(tokens, batch, r, width);
      }
      return pooled;
    }

    private static float[] meanOfRealTokens(float[] tokens, TokenBatch batch, int row, int width) {
      double[] sum = new double[width];
      int count = 0;
      for (int t = 0; t < batch.length(); t++) {
        if (batch.attentionMask()[row * batch.length() + t] == 0) {
          continue;
        }
        count++;
        int offset = (row * batch.length() + t) * width;
        for (int d = 0; d < width; d++) {
          sum[d] += tokens[offset + d];
        }
      }
      double norm = 0;
      for (int d = 0; d < width; d++) {
        sum[d] /= Math.max(count, 1);
        norm += sum[d] * sum[d];
      }
      norm = Math.sqrt(norm);
      float[] vector = new float[width];
      for (int d = 0; d < width; d++) {
        vector[d] = (float) (norm == 0 ? 0 : sum[d] / norm);
      }
      return vector;
    }

    private static NDArray named(NDArray array, String name) {
      array.setName(name);
      return array;
    }
  }
}
