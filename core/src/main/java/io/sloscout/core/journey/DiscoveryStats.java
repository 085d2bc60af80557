package io.sloscout.core.journey;

/**
 * What discovery saw.
 *
 * @param assembly trace assembly counters
 * @param userTraces traces that belong to a user journey
 * @param probeTraces health checks and scrapes left out
 * @param jobTraces internal jobs left out
 * @param incompleteTraces fragments without their top spans, left out
 * @param overflowTraces user traces left out because the journey limit was reached
 * @param errorLogs error log records read
 * @param errorLogsJoined of those, records joined to a journey by trace id
 */
public record DiscoveryStats(
    AssemblyStats assembly,
    long userTraces,
    long probeTraces,
    long jobTraces,
    long incompleteTraces,
    long overflowTraces,
    long errorLogs,
    long errorLogsJoined) {}
