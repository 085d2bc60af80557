package io.sloscout.core.search;

import java.util.Objects;

/**
 * A template to make searchable.
 *
 * @param templateId stable id of the template
 * @param template the template text with variables as {@code <*>}
 * @param service the service that emitted it; empty when unknown
 */
public record TemplateDocument(String templateId, String template, String service) {

  public TemplateDocument {
    requireId(templateId);
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(service, "service");
  }

  static void requireId(String templateId) {
    Objects.requireNonNull(templateId, "templateId");
    if (templateId.isBlank()) {
      throw new IllegalArgumentException("templateId is blank");
    }
  }
}
