package io.sloscout.storage;

/**
 * A journey with its measures over a time range.
 *
 * @param journey the journey
 * @param red its totals over the range: summed counts, percentiles of the merged sketches
 */
public record JourneyTotals(JourneyRow journey, RedMeasures red) {
  public JourneyTotals {
    Checks.notNull(journey, "journey");
    Checks.notNull(red, "red");
  }
}
