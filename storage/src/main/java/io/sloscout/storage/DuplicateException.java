package io.sloscout.storage;

/** A row with the same key already exists (the backend answers 409). */
public class DuplicateException extends StorageException {
  private static final long serialVersionUID = 1L;

  public DuplicateException(String message, Throwable cause) {
    super(message, cause);
  }
}
