package io.sloscout.core.check;

import java.util.Objects;

/** An assertion with the value measured for it and whether it held. */
public record AssertionResult(CheckAssertion assertion, double actual, boolean passed) {
  public AssertionResult {
    Objects.requireNonNull(assertion, "assertion");
  }
}
