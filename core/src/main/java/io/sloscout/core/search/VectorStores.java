package io.sloscout.core.search;

import io.sloscout.core.embedding.Vectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Argument checks every {@link VectorStore} adapter applies the same way. */
public final class VectorStores {

  private VectorStores() {}

  /**
   * A unit-length copy of a vector of the expected dimension.
   *
   * @throws IllegalArgumentException if the dimension differs or the vector is zero
   */
  public static float[] checkedUnit(float[] vector, int dimension) {
    if (vector.length != dimension) {
      throw new IllegalArgumentException(
          "vector has dimension " + vector.length + ", the store holds " + dimension);
    }
    return Vectors.normalized(vector);
  }

  /** Checks k of a search. */
  public static void checkK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be positive, was " + k);
    }
  }

  /**
   * The entries with one per template id, the last one winning, in first-seen order; every vector
   * is checked and made unit length.
   */
  public static List<TemplateVector> lastPerId(List<TemplateVector> entries, int dimension) {
    Map<String, TemplateVector> byId = new LinkedHashMap<>();
    for (TemplateVector entry : entries) {
      float[] unit = checkedUnit(entry.vector(), dimension);
      byId.put(
          entry.templateId(),
          new TemplateVector(entry.templateId(), entry.template(), entry.service(), unit));
    }
    return new ArrayList<>(byId.values());
  }
}
