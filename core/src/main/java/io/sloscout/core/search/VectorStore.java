package io.sloscout.core.search;

import java.util.Collection;
import java.util.List;

/**
 * Keeps one vector per template id and finds the templates nearest to a query vector by cosine
 * similarity.
 *
 * <p>Vectors need not be unit length: a store compares directions only. Every write is visible to
 * the next search once the call returns. Implementations are thread-safe.
 */
public interface VectorStore extends AutoCloseable {

  /** The length every stored and queried vector must have. */
  int dimension();

  /**
   * Adds the entries, replacing any entry with the same template id; within one call the last entry
   * for an id wins.
   *
   * @throws IllegalArgumentException if a vector has the wrong dimension or is zero
   * @throws VectorStoreException if the backend fails
   */
  void upsert(List<TemplateVector> entries);

  /** Adds or replaces one entry. */
  default void upsert(TemplateVector entry) {
    upsert(List.of(entry));
  }

  /**
   * At most {@code k} entries nearest to the query, best first; fewer when the store holds fewer.
   * The search may be approximate.
   *
   * @throws IllegalArgumentException if k is not positive, or the query has the wrong dimension or
   *     is zero
   * @throws VectorStoreException if the backend fails
   */
  List<TemplateHit> search(float[] query, int k);

  /** The number of entries stored. */
  long count();

  /** Removes the entries with these template ids; ids not stored are ignored. */
  void delete(Collection<String> templateIds);

  /** Releases the store's resources; its data stays where the store keeps it. */
  @Override
  void close();
}
