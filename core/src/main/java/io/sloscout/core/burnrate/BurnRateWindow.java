package io.sloscout.core.burnrate;

import io.sloscout.core.spec.PromDuration;
import java.util.Objects;

/**
 * One multi-window burn-rate condition: it holds when the error ratio over both windows exceeds
 * {@code factor × error budget}.
 *
 * @param severity page or ticket
 * @param shortWindow the short window, which lets the alert reset quickly
 * @param longWindow the long window, which proves the burn is sustained
 * @param factor the burn rate (1 = spending the budget exactly over the period)
 * @param forDuration how long the condition must hold before the alert fires; null for none
 */
public record BurnRateWindow(
    AlertSeverity severity,
    PromDuration shortWindow,
    PromDuration longWindow,
    double factor,
    PromDuration forDuration) {
  public BurnRateWindow {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(shortWindow, "shortWindow");
    Objects.requireNonNull(longWindow, "longWindow");
    if (shortWindow.compareTo(longWindow) >= 0) {
      throw new IllegalArgumentException(
          "short window " + shortWindow + " must be shorter than long window " + longWindow);
    }
    if (!(factor > 0)) {
      throw new IllegalArgumentException("burn rate factor must be positive, got " + factor);
    }
  }

  /** The share of the whole period's error budget this condition consumes over the long window. */
  public double budgetShare(PromDuration period) {
    return factor * longWindow.seconds() / (double) period.seconds();
  }
}
