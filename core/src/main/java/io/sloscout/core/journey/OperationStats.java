package io.sloscout.core.journey;

/**
 * Rate, errors and duration of one service's operation within a journey.
 *
 * @param service the service serving it
 * @param operation its operation ({@code GET /cart}, {@code hipstershop.CartService/GetCart})
 * @param requests SERVER (or CONSUMER) spans seen
 * @param errorRatio the share of them that failed
 * @param latencyMs their latency quantiles
 */
public record OperationStats(
    String service, String operation, long requests, double errorRatio, LatencySummary latencyMs) {}
