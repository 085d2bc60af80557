package io.sloscout.storage;

/**
 * An update or delete named a version that is no longer current: someone else changed the row since
 * it was read (optimistic locking; the backend answers 409 and the client re-reads).
 */
public class StaleVersionException extends StorageException {
  private static final long serialVersionUID = 1L;

  private final String id;
  private final int expectedVersion;

  public StaleVersionException(String id, int expectedVersion) {
    super(
        "SLO "
            + id
            + " is no longer at version "
            + expectedVersion
            + ": it was changed since it was read");
    this.id = id;
    this.expectedVersion = expectedVersion;
  }

  /** The id of the row. */
  public String id() {
    return id;
  }

  /** The version the caller expected. */
  public int expectedVersion() {
    return expectedVersion;
  }
}
