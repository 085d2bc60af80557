package io.sloscout.core.policy;

import io.sloscout.core.spec.ErrorBudgetPolicy;
import java.util.Objects;

/**
 * A service tier: how much a service matters, its default objective and error-budget policy.
 *
 * @param name the canonical tier name ({@code critical}, {@code essential}, {@code standard},
 *     {@code best_effort})
 * @param objective the tier's default objective, strictly between 0 and 1 (0.999 = 99.9%)
 * @param description what the tier means, in one line
 * @param policy what a team does as the error budget of an SLO of this tier runs out
 */
public record Tier(String name, double objective, String description, ErrorBudgetPolicy policy) {
  public Tier {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("tier name must not be empty");
    }
    if (!(objective > 0 && objective < 1)) {
      throw new IllegalArgumentException(
          "tier " + name + ": objective must be between 0 and 1 exclusive, got " + objective);
    }
    description = description == null ? "" : description;
    Objects.requireNonNull(policy, "policy");
  }

  /** The objective as a percentage (99.9). */
  public double objectivePercent() {
    return objective * 100;
  }
}
