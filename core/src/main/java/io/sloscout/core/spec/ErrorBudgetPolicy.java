package io.sloscout.core.spec;

import java.util.Comparator;
import java.util.List;

/** What a team does as the error budget runs out: actions ordered by threshold, highest first. */
public record ErrorBudgetPolicy(List<Action> actions) {

  public ErrorBudgetPolicy {
    actions =
        actions.stream()
            .sorted(Comparator.comparingDouble(Action::remainingPercent).reversed())
            .toList();
  }

  /**
   * One step of the policy.
   *
   * @param remainingPercent the action applies once the remaining budget is at or below this
   *     percentage (0–100)
   * @param action a short verb such as {@code review} or {@code freeze}
   * @param description what the team does
   */
  public record Action(double remainingPercent, String action, String description) {
    public Action {
      if (remainingPercent < 0 || remainingPercent > 100) {
        throw new IllegalArgumentException("threshold must be between 0 and 100 percent");
      }
      if (action == null || action.isBlank()) {
        throw new IllegalArgumentException("action must not be empty");
      }
      description = description == null ? "" : description;
    }
  }
}
