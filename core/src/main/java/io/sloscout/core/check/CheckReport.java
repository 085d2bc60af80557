package io.sloscout.core.check;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@code slo-scout check}: what was loaded, what was measured, which assertions
 * held.
 *
 * @param target the URL the load went to
 * @param method the HTTP method of the load requests
 * @param readyAfterSeconds how long the readiness wait took before the first load request
 */
public record CheckReport(
    String target,
    String method,
    double readyAfterSeconds,
    LoadSummary load,
    List<AssertionResult> assertions) {

  public CheckReport {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(load, "load");
    assertions = List.copyOf(assertions);
  }

  /** Evaluates every assertion on the load summary, in the order given. */
  public static CheckReport of(
      String target,
      String method,
      double readyAfterSeconds,
      LoadSummary load,
      List<CheckAssertion> assertions) {
    return new CheckReport(
        target,
        method,
        readyAfterSeconds,
        load,
        assertions.stream().map(a -> a.evaluate(load)).toList());
  }

  /** True when every assertion held (also when there are none: the run only measured). */
  public boolean passed() {
    return assertions.stream().allMatch(AssertionResult::passed);
  }

  /** The assertions that did not hold. */
  public List<AssertionResult> failures() {
    return assertions.stream().filter(a -> !a.passed()).toList();
  }
}
