package io.sloscout.flink.fingerprint;

import java.util.Objects;

/**
 * A template's row as it stands: written when the template appears or its text generalises, and at
 * the end of each event-time minute in which it was seen.
 *
 * @param templateId the template id (see {@link io.sloscout.flink.events.TemplateIds})
 * @param service the service that emitted it
 * @param kind "span" or "log"
 * @param template the template text, redacted, variables as {@code <*>}
 * @param firstSeenMillis event time of its first message
 * @param lastSeenMillis event time of its latest message
 * @param count messages seen so far: an absolute running total
 */
public record TemplateChange(
    String templateId,
    String service,
    String kind,
    String template,
    long firstSeenMillis,
    long lastSeenMillis,
    long count) {
  public TemplateChange {
    Objects.requireNonNull(templateId, "templateId");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(template, "template");
  }
}
