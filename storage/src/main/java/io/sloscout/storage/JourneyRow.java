package io.sloscout.storage;

import java.time.Instant;
import java.util.List;

/**
 * A discovered journey as stored.
 *
 * @param id the stable id derived from the entry service and operation (core's {@code
 *     JourneyDiscovery})
 * @param name a readable name
 * @param entryService the service of the entry span
 * @param entryOperation the entry operation ({@code GET /product/{id}})
 * @param services every service its traces touched, as the writer last saw them
 * @param firstSeen the earliest request seen
 * @param lastSeen the latest request seen
 */
public record JourneyRow(
    String id,
    String name,
    String entryService,
    String entryOperation,
    List<String> services,
    Instant firstSeen,
    Instant lastSeen) {

  public JourneyRow {
    Checks.notBlank(id, "id");
    Checks.notNull(name, "name");
    Checks.notBlank(entryService, "entryService");
    Checks.notBlank(entryOperation, "entryOperation");
    services = List.copyOf(Checks.noNullElements(services, "services"));
    Checks.seenOrder(firstSeen, lastSeen);
  }
}
