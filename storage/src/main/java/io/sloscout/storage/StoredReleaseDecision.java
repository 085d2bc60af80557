package io.sloscout.storage;

/**
 * A recorded release decision with its id.
 *
 * @param id assigned by the database, increasing
 * @param decision the decision
 */
public record StoredReleaseDecision(long id, ReleaseDecision decision) {
  public StoredReleaseDecision {
    Checks.notNull(decision, "decision");
  }
}
