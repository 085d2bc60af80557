package io.sloscout.core.search;

/** The vector store's backend failed, or holds data that does not fit this store. */
public final class VectorStoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public VectorStoreException(String message) {
    super(message);
  }

  public VectorStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
