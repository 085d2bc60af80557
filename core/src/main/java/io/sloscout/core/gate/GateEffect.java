package io.sloscout.core.gate;

import java.util.Locale;

/** What a policy rule or an error-budget policy step does to an SLO's verdict when it applies. */
public enum GateEffect {
  /** Adds its reason; the verdict stays as it is. */
  NOTE(GateOutcome.PROMOTE),
  /** Makes the verdict at least inconclusive: a person decides. */
  INCONCLUSIVE(GateOutcome.INCONCLUSIVE),
  /** Makes the verdict a rollback. */
  ROLLBACK(GateOutcome.ROLLBACK);

  private final GateOutcome outcome;

  GateEffect(GateOutcome outcome) {
    this.outcome = outcome;
  }

  /** The weakest outcome a verdict has once this effect applies. */
  public GateOutcome outcome() {
    return outcome;
  }

  /** The lower-case name used in policy files: {@code rollback}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The effect called {@code label}, or null when there is none. */
  static GateEffect byLabel(String label) {
    for (GateEffect e : values()) {
      if (e.label().equals(label)) {
        return e;
      }
    }
    return null;
  }
}
