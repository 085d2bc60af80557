package io.sloscout.storage;

import java.time.Instant;

/**
 * Calls from one service operation to another within a journey.
 *
 * @param journeyId the journey
 * @param fromService the calling service
 * @param fromOperation the calling operation; empty where it is not known
 * @param toService the called service
 * @param toOperation the called operation; empty where it is not known
 * @param calls calls seen so far: an absolute running total, not an increment
 * @param lastSeen the latest call seen
 */
public record JourneyEdgeRow(
    String journeyId,
    String fromService,
    String fromOperation,
    String toService,
    String toOperation,
    long calls,
    Instant lastSeen) {

  public JourneyEdgeRow {
    Checks.notBlank(journeyId, "journeyId");
    Checks.notBlank(fromService, "fromService");
    Checks.notNull(fromOperation, "fromOperation");
    Checks.notBlank(toService, "toService");
    Checks.notNull(toOperation, "toOperation");
    Checks.notNegative(calls, "calls");
    Checks.notNull(lastSeen, "lastSeen");
  }

  String key() {
    return String.join("\u0000", journeyId, fromService, fromOperation, toService, toOperation);
  }
}
