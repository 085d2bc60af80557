package io.sloscout.core.embedding;

/** The embedding model could not be loaded or failed on an input. */
public final class EmbeddingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public EmbeddingException(String message, Throwable cause) {
    super(message, cause);
  }
}
