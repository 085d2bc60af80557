package io.sloscout.core.plan;

/** What happens to a file or an item in it. */
public enum ChangeKind {
  ADD("+", "add"),
  CHANGE("~", "change"),
  REMOVE("-", "remove"),
  UNCHANGED("=", "unchanged");

  private final String symbol;
  private final String word;

  ChangeKind(String symbol, String word) {
    this.symbol = symbol;
    this.word = word;
  }

  public String symbol() {
    return symbol;
  }

  public String word() {
    return word;
  }
}
