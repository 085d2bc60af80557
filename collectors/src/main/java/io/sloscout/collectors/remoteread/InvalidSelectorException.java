package io.sloscout.collectors.remoteread;

/** A series selector that is not valid PromQL; the message names the selector and the column. */
public final class InvalidSelectorException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String selector;
  private final int column;

  InvalidSelectorException(String selector, int column, String problem) {
    super("invalid series selector '" + selector + "' at column " + column + ": " + problem);
    this.selector = selector;
    this.column = column;
  }

  /** The selector as configured. */
  public String selector() {
    return selector;
  }

  /** The 1-based column where the problem was found. */
  public int column() {
    return column;
  }
}
