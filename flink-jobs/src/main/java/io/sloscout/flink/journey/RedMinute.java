package io.sloscout.flink.journey;

/**
 * A series' absolute RED values for one minute.
 *
 * @param journey true for a journey, false for an operation
 * @param key the journey id, or the service
 * @param operation the operation; empty for a journey
 * @param minuteMillis the start of the minute
 * @param requests requests started in it
 * @param errors of those, failed ones
 * @param sketch their latencies, HdrHistogram compressed, microseconds
 * @param atOrUnder requests at or under each latency bucket bound
 */
public record RedMinute(
    boolean journey,
    String key,
    String operation,
    long minuteMillis,
    long requests,
    long errors,
    byte[] sketch,
    long[] atOrUnder) {}
