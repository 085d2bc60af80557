package io.sloscout.core.check;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@code slo-scout check}: what was loaded, what was measured, which assertions
 * held.
 *
 * @param target the URL the load went to
 * @param method the HTTP method of the load requests
 * @param readyAfterSeconds how long the readiness wait took before the first load request
 * @param slo the SLOs evaluated on Prometheus after the run, when asked for
 */
public record CheckReport(
    String target,
    String method,
    double readyAfterSeconds,
    LoadSummary load,
    List<AssertionResult> assertions,
    Optional<SloEvaluation> slo) {

  public CheckReport {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(load, "load");
    Objects.requireNonNull(slo, "slo");
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
        assertions.stream().map(a -> a.evaluate(load)).toList(),
        Optional.empty());
  }

  /** This report with the SLOs' verdict on Prometheus added. */
  public CheckReport withSlo(SloEvaluation evaluation) {
    return new CheckReport(
        target, method, readyAfterSeconds, load, assertions, Optional.of(evaluation));
  }

  /**
   * True when every assertion held (also when there are none: the run only measured) and the SLOs,
   * when evaluated, allow a promotion.
   */
  public boolean passed() {
    return assertions.stream().allMatch(AssertionResult::passed)
        && slo.map(SloEvaluation::passed).orElse(true);
  }

  /** The assertions that did not hold. */
  public List<AssertionResult> failures() {
    return assertions.stream().filter(a -> !a.passed()).toList();
  }
}
