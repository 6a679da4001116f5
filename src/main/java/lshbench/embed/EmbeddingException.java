package lshbench.embed;

/** A model that failed to load or run; the message names the model file. */
public final class EmbeddingException extends RuntimeException {
  public EmbeddingException(String message, Throwable cause) {
    super(message, cause);
  }
}
