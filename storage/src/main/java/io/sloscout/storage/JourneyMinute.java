package io.sloscout.storage;

import java.time.Instant;

/**
 * One journey's requests in one minute.
 *
 * @param journeyId the journey
 * @param minute the start of the minute (a whole minute)
 * @param red the minute's absolute measures
 */
public record JourneyMinute(String journeyId, Instant minute, RedMeasures red) {
  public JourneyMinute {
    Checks.notBlank(journeyId, "journeyId");
    Checks.wholeMinute(minute, "minute");
    Checks.notNull(red, "red");
  }
}
