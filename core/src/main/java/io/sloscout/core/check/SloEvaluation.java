package io.sloscout.core.check;

import java.util.List;
import java.util.Objects;

/**
 * The SLOs' verdict on Prometheus after the load run, as the release gate decided it.
 *
 * @param decision {@code promote}, {@code rollback} or {@code inconclusive}
 * @param reasons why, in SLO terms
 */
public record SloEvaluation(String decision, List<String> reasons) {

  public SloEvaluation {
    Objects.requireNonNull(decision, "decision");
    reasons = List.copyOf(reasons);
  }

  /**
   * Only a promotion passes: a check that could not judge its SLOs has not shown that they hold.
   */
  public boolean passed() {
    return decision.equals("promote");
  }
}
