package io.sloscout.core.gate;

import java.util.Locale;

/** What the gate says about a release, ordered from the mildest to the strongest verdict. */
public enum GateOutcome {
  /** Every blocking SLO is healthy and was measured on enough traffic. */
  PROMOTE,
  /** Too little data to judge: never a pass, never a failure. */
  INCONCLUSIVE,
  /** A blocking SLO burns its error budget too fast or has too little of it left. */
  ROLLBACK;

  /** The lower-case name used in JSON, policies and reasons: {@code promote}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The stronger of two outcomes. */
  public GateOutcome max(GateOutcome other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
