package io.sloscout.backend.slo;

import java.time.Instant;
import java.util.List;

/**
 * An SLO's error budget over a range, from the aggregates of its journey.
 *
 * @param id the SLO
 * @param journey the journey it measures (its {@code journey} label), or null
 * @param sliType {@code availability} (errors) or {@code latency} (slower than the threshold)
 * @param objective the target share of good events
 * @param from start of the range
 * @param to end of the range
 * @param requests requests in the range
 * @param goodRatio the share of good requests, null without requests
 * @param errorBudgetRemaining {@code 1 - bad share / budget}: 1 untouched, 0 or less spent; null
 *     without data
 * @param series budget remaining (cumulative from {@code from}) and burn rate, per step
 * @param note why there is no data, or null
 */
public record SloStatus(
    String id,
    String journey,
    String sliType,
    double objective,
    Instant from,
    Instant to,
    long requests,
    Double goodRatio,
    Double errorBudgetRemaining,
    List<Point> series,
    String note) {

  /**
   * One step of the series.
   *
   * @param time the end of the step
   * @param burnRate the bad share in the step divided by the budget
   * @param budgetRemaining the budget left from the start of the range to the end of the step
   */
  public record Point(Instant time, double burnRate, double budgetRemaining) {}
}
