package io.sloscout.backend.slo;

import com.fasterxml.jackson.databind.JsonNode;
import io.sloscout.backend.problem.Problem;
import io.sloscout.storage.SloRow;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An SLO as the API shows it.
 *
 * @param id {@code <service>-<name>}
 * @param service its service
 * @param name {@code metadata.name}
 * @param source {@code manual} or {@code recommended}
 * @param recommendationId the recommendation it was accepted from, or null
 * @param version for optimistic locking: send it back in {@code If-Match} to change or delete
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param yaml the stored {@code slo-scout.io/v1} document
 * @param spec the same document as JSON
 * @param warnings the validator's findings
 */
public record SloView(
    String id,
    String service,
    String name,
    String source,
    String recommendationId,
    int version,
    Instant createdAt,
    Instant updatedAt,
    String yaml,
    JsonNode spec,
    List<Problem.Finding> warnings) {

  static SloView of(SloRow row, List<Problem.Finding> warnings) {
    return new SloView(
        row.id(),
        row.service(),
        row.name(),
        row.source().name().toLowerCase(Locale.ROOT),
        row.recommendationId(),
        row.version(),
        row.createdAt(),
        row.updatedAt(),
        row.specYaml(),
        SloDocuments.tree(row.specYaml()),
        warnings);
  }
}
