package io.sloscout.core.search;

import java.util.Objects;

/**
 * A template's embedding with the fields a search hit shows; the template id is the key.
 *
 * @param templateId stable id of the template, the key of the store
 * @param template the template text with variables as {@code <*>}
 * @param service the service that emitted it; empty when unknown
 * @param vector the embedding, of the store's dimension
 */
public record TemplateVector(String templateId, String template, String service, float[] vector) {

  public TemplateVector {
    TemplateDocument.requireId(templateId);
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(service, "service");
    if (vector.length == 0) {
      throw new IllegalArgumentException("vector of template " + templateId + " is empty");
    }
    vector = vector.clone();
  }

  /** A copy of the vector: records share arrays otherwise. */
  @Override
  public float[] vector() {
    return vector.clone();
  }
}
