package io.sloscout.core.recommendation;

import io.sloscout.core.policy.Tier;
import java.util.List;

/**
 * The tier chosen for a journey and why.
 *
 * @param tier the tier
 * @param fromLabel true when a label named it, false when signals scored it
 * @param score the criticality score (0 when from a label)
 * @param reasons the signals that counted, in words
 */
public record TierChoice(Tier tier, boolean fromLabel, int score, List<String> reasons) {
  public TierChoice {
    reasons = List.copyOf(reasons);
  }
}
