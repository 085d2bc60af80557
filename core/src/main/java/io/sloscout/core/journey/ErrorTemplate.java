package io.sloscout.core.journey;

/**
 * An error message template seen on a journey's traces, as evidence for a recommendation.
 *
 * @param templateId the template miner's stable cluster id
 * @param template the template with variables as {@code <*>}, redacted
 * @param source where it was seen: {@code log}, {@code span-status} or {@code exception}
 * @param count how many times it was seen on the journey
 */
public record ErrorTemplate(String templateId, String template, String source, long count) {}
