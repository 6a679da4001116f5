package lshbench.config;

/** A problem with an experiment file or an override, reported as one line naming the key. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
