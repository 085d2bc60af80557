package io.sloscout.storage;

import java.time.Instant;

/**
 * One service operation's requests in one minute.
 *
 * @param service the service serving it
 * @param operation the operation
 * @param minute the start of the minute (a whole minute)
 * @param red the minute's absolute measures
 */
public record OperationMinute(String service, String operation, Instant minute, RedMeasures red) {
  public OperationMinute {
    Checks.notBlank(service, "service");
    Checks.notBlank(operation, "operation");
    Checks.wholeMinute(minute, "minute");
    Checks.notNull(red, "red");
  }
}
