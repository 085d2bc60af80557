package io.sloscout.flink.fingerprint;

/**
 * What the fingerprint operator keeps per template of a service.
 *
 * @param kind "span" or "log"
 * @param template the text last written
 * @param count messages seen
 * @param firstSeenMillis event time of the first
 * @param lastSeenMillis event time of the latest
 * @param dirty whether the row changed since it was last written
 */
public record TemplateStats(
    String kind,
    String template,
    long count,
    long firstSeenMillis,
    long lastSeenMillis,
    boolean dirty) {}
