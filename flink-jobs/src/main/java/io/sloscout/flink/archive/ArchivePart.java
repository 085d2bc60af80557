package io.sloscout.flink.archive;

import java.util.List;
import java.util.Objects;

/**
 * One archive object waiting for its checkpoint to complete.
 *
 * @param service the service of its events
 * @param hourMillis the start of their UTC hour
 * @param partId the object's name within the hour: the same part always gets the same id, so a
 *     commit repeated after a restore overwrites instead of duplicating
 * @param records the redacted events, one JSON object each
 */
public record ArchivePart(String service, long hourMillis, String partId, List<String> records) {
  public ArchivePart {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(partId, "partId");
    records = List.copyOf(records);
  }
}
