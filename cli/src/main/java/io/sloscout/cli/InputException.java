package io.sloscout.cli;

/** Bad input the user can fix: the message says what and where; exit code 2. */
final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InputException(String message) {
    super(message);
  }
}
