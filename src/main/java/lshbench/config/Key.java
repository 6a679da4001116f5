package lshbench.config;

/**
 * One setting an experiment reads: its name, the default a run uses when the key is absent
 * (empty when there is none, or when it depends on other settings), and what it means. The
 * help text, the key check and the README's tables are all made from these.
 */
public record Key(String name, String defaultValue, String meaning) {
  public static Key of(String name, String defaultValue, String meaning) {
    return new Key(name, defaultValue, meaning);
  }
}
