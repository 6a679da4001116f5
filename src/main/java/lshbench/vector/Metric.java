package lshbench.vector;

import java.util.Locale;

/**
 * How neighbours are ranked. Indexes only ever rank by squared Euclidean distance: cosine is
 * served by L2-normalising the vectors once, after which ||a - b||² = 2 − 2·cos(a, b) ranks the
 * same way. That keeps a single distance kernel on the hot path.
 */
public enum Metric {
  EUCLIDEAN,
  COSINE;

  /** Parses {@code euclidean} or {@code cosine}, case-insensitively. */
  public static Metric parse(String text) {
    for (Metric m : values()) {
      if (m.name().equalsIgnoreCase(text.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a metric (euclidean or cosine)");
  }

  /** Lower-case name as written in experiment files and CSVs. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
