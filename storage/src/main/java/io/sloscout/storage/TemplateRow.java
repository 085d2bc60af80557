package io.sloscout.storage;

import java.time.Instant;

/**
 * A template mined from redacted telemetry.
 *
 * @param templateId the miner's stable cluster id; unique across services (see {@link
 *     TemplateRepository#upsertTemplates})
 * @param service the service it was mined for
 * @param kind what it was mined from
 * @param template tokens with variables as {@code <*>}, redacted
 * @param firstSeen the first message seen
 * @param lastSeen the latest message seen
 * @param exampleCount messages in the cluster so far: an absolute running total
 */
public record TemplateRow(
    String templateId,
    String service,
    TemplateKind kind,
    String template,
    Instant firstSeen,
    Instant lastSeen,
    long exampleCount) {

  public TemplateRow {
    Checks.notBlank(templateId, "templateId");
    Checks.notBlank(service, "service");
    Checks.notNull(kind, "kind");
    Checks.notNull(template, "template");
    Checks.seenOrder(firstSeen, lastSeen);
    Checks.notNegative(exampleCount, "exampleCount");
  }
}
