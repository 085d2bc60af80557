package io.sloscout.core.check;

/** The comparison in an assertion: {@code <=}, {@code <}, {@code >=} or {@code >}. */
public enum Comparison {
  AT_MOST("<="),
  BELOW("<"),
  AT_LEAST(">="),
  ABOVE(">");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /** Whether {@code actual} satisfies the comparison with {@code limit}; NaN never does. */
  public boolean holds(double actual, double limit) {
    if (Double.isNaN(actual)) {
      return false;
    }
    return switch (this) {
      case AT_MOST -> actual <= limit;
      case BELOW -> actual < limit;
      case AT_LEAST -> actual >= limit;
      case ABOVE -> actual > limit;
    };
  }
}
