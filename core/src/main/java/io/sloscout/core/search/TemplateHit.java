package io.sloscout.core.search;

import java.util.Objects;

/**
 * One search result, with exactly the fields of the REST template-search contract.
 *
 * @param templateId stable id of the template
 * @param template the template text with variables as {@code <*>}
 * @param service the service that emitted it; empty when unknown
 * @param score cosine similarity to the query, in [-1, 1]; higher is closer
 */
public record TemplateHit(String templateId, String template, String service, double score) {

  public TemplateHit {
    Objects.requireNonNull(templateId, "templateId");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(service, "service");
    if (Double.isNaN(score)) {
      throw new IllegalArgumentException("score of template " + templateId + " is NaN");
    }
  }
}
