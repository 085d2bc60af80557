package io.sloscout.storage;

import java.time.Instant;

/**
 * An operation a service serves or performs.
 *
 * @param service the service
 * @param name the operation ({@code GET /cart}, {@code hipstershop.CartService/GetCart})
 * @param kind its span kind
 * @param firstSeen when it was first seen
 * @param lastSeen when it was last seen
 */
public record OperationRow(
    String service, String name, OperationKind kind, Instant firstSeen, Instant lastSeen) {
  public OperationRow {
    Checks.notBlank(service, "service");
    Checks.notBlank(name, "name");
    Checks.notNull(kind, "kind");
    Checks.seenOrder(firstSeen, lastSeen);
  }
}
