package io.sloscout.core.journey;

import java.util.List;

/**
 * The journeys found, sorted by id, and what discovery saw on the way.
 *
 * @param journeys the user journeys
 * @param stats counters
 */
public record DiscoveryResult(List<Journey> journeys, DiscoveryStats stats) {
  public DiscoveryResult {
    journeys = List.copyOf(journeys);
  }
}
