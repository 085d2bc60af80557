package io.sloscout.storage;

import java.time.Instant;

/**
 * How many messages matched a template in one minute.
 *
 * @param templateId the template
 * @param minute the start of the minute (a whole minute)
 * @param count the minute's absolute count
 */
public record TemplateCount(String templateId, Instant minute, long count) {
  public TemplateCount {
    Checks.notBlank(templateId, "templateId");
    Checks.wholeMinute(minute, "minute");
    Checks.notNegative(count, "count");
  }
}
