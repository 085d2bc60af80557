package io.sloscout.flink.fingerprint;

/**
 * A template's messages in one event-time minute: an absolute value for that minute, written again
 * (not added to) when late messages or a replay make its window fire again.
 *
 * @param templateId the template
 * @param minuteMillis the start of the minute
 * @param count messages in it
 */
public record TemplateMinuteCount(String templateId, long minuteMillis, long count) {}
