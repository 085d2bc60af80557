package io.sloscout.core.embedding;

import java.util.List;

/**
 * Turns texts into L2-normalised vectors of one fixed dimension; similar meaning gives a high dot
 * product.
 *
 * <p>Implementations are thread-safe. Callers pass many texts per call: a model runs a batch far
 * faster than the same texts one by one.
 */
public interface Embedder extends AutoCloseable {

  /** The length of every vector this embedder returns. */
  int dimension();

  /**
   * One unit-length vector per text, in input order; an empty list gives an empty list.
   *
   * @throws NullPointerException if the list or one of its texts is null
   * @throws EmbeddingException if the model fails
   */
  List<float[]> embed(List<String> texts);

  /** The unit-length vector of one text. */
  default float[] embed(String text) {
    return embed(List.of(text)).get(0);
  }

  /** Releases the model; later calls fail. */
  @Override
  void close();
}
