package lshbench.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The raw key → value pairs of one experiment: the experiment file, then command-line
 * overrides on top. Knows where each value came from so that errors can say so. Typed
 * parsing and range checks live here too, so that every error names its key.
 */
public final class Settings {
  private final String experiment;
  private final Map<String, String> values = new TreeMap<>();
  private final Map<String, String> origin = new LinkedHashMap<>();

  private Settings(String experiment) {
    this.experiment = experiment;
  }

  /**
   * Reads {@code experiments/<name>.properties} and applies overrides, refusing any key not in
   * {@code known}.
   *
   * @param overrides key → value from the command line
   */
  public static Settings load(Path experimentsDir, String name, Set<String> known,
      Map<String, String> overrides) throws IOException {
    Settings s = read(experimentsDir, name, overrides);
    s.requireKnown(known, key -> "");
    return s;
  }

  /**
   * Reads {@code experiments/<name>.properties} and applies overrides, unchecked: which keys
   * are allowed depends on the {@code type} the file names, so {@link #requireKnown} follows.
   */
  public static Settings read(Path experimentsDir, String name, Map<String, String> overrides)
      throws IOException {
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new ConfigException("experiment: '" + name + "' is not a valid experiment name");
    }
    Path file = experimentsDir.resolve(name + ".properties");
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("experiment: no file " + file + " (available: "
          + available(experimentsDir) + ")");
    }
    Settings s = new Settings(name);
    Properties p = new Properties();
    try (Reader r = lshbench.io.TextFiles.reader(file)) {
      p.load(r);
    }
    for (String key : p.stringPropertyNames()) {
      s.values.put(key, p.getProperty(key).trim());
      s.origin.put(key, file.toString());
    }
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      s.values.put(e.getKey(), e.getValue().trim());
      s.origin.put(e.getKey(), "-D" + e.getKey());
    }
    return s;
  }

  /**
   * Refuses the first key that is not in {@code known}, naming where it came from, the nearest
   * known key, and what else reads it ({@code elsewhere} maps a key to such a hint, or "").
   */
  public void requireKnown(Set<String> known, Function<String, String> elsewhere) {
    for (String key : values.keySet()) {
      if (known.contains(key)) {
        continue;
      }
      String where = origin.get(key);
      String hint = suggestKey(key, known) + elsewhere.apply(key);
      throw new ConfigException(where.startsWith("-D") ? where + ": unknown key" + hint
          : where + ": unknown key '" + key + "'" + hint);
    }
  }

  /** Settings from a map, for tests and programmatic use. */
  public static Settings of(String experiment, Map<String, String> values) {
    Settings s = new Settings(experiment);
    values.forEach((k, v) -> {
      s.values.put(k, v.trim());
      s.origin.put(k, "setting");
    });
    return s;
  }

  private static String available(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return "folder " + dir + " missing";
    }
    List<String> names = new ArrayList<>();
    try (var files = Files.list(dir)) {
      files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".properties"))
          .sorted().forEach(f -> names.add(f.substring(0, f.length() - ".properties".length())));
    }
    return String.join(", ", names);
  }

  /** " — did you mean 'x'?" for the nearest known key within edit distance 3, else "". */
  public static String suggestKey(String key, Set<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = editDistance(key.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best != null && bestDistance <= 3 ? " (did you mean '" + best + "'?)" : "";
  }

  public static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  public String experiment() {
    return experiment;
  }

  /** All values, sorted by key, for the run's metadata. */
  public Map<String, String> asMap() {
    return new TreeMap<>(values);
  }

  private String where(String key) {
    return origin.getOrDefault(key, "default");
  }

  private ConfigException bad(String key, String problem) {
    return new ConfigException(key + ": " + problem + " (from " + where(key) + ")");
  }

  /** Whether the key was given at all, in the file or on the command line (even empty). */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  public String string(String key, String fallback) {
    String v = values.get(key);
    return v == null || v.isEmpty() ? fallback : v;
  }

  public long longValue(String key, long fallback) {
    String v = values.get(key);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw bad(key, "'" + v + "' is not a whole number");
    }
  }

  public int intIn(String key, int fallback, int min, int max) {
    long v = longValue(key, fallback);
    if (v < min || v > max) {
      throw bad(key, v + " is out of range " + min + ".." + max);
    }
    return (int) v;
  }

  public double doubleIn(String key, double fallback, double min, double max) {
    String v = values.get(key);
    double d;
    if (v == null || v.isEmpty()) {
      d = fallback;
    } else {
      try {
        d = Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw bad(key, "'" + v + "' is not a number");
      }
    }
    if (!(d >= min && d <= max)) {
      throw bad(key, d + " is out of range " + min + ".." + max);
    }
    return d;
  }

  public boolean bool(String key, boolean fallback) {
    String v = values.get(key);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes")) {
      return true;
    }
    if (v.equalsIgnoreCase("false") || v.equalsIgnoreCase("no")) {
      return false;
    }
    throw bad(key, "'" + v + "' is not true or false");
  }

  /**
   * A grid of whole numbers: a comma list ({@code 4,8,12}) and/or ranges with a step
   * ({@code 4-24:4}); sorted, duplicates removed, every value in [min, max].
   */
  public int[] grid(String key, String fallback, int min, int max) {
    String v = values.containsKey(key) ? values.get(key) : fallback;
    java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
    for (String part : v.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      try {
        int step = 1;
        int colon = p.indexOf(':');
        if (colon >= 0) {
          step = Integer.parseInt(p.substring(colon + 1).trim());
          p = p.substring(0, colon).trim();
          if (step < 1) {
            throw bad(key, "step must be positive in '" + part.trim() + "'");
          }
        }
        int dash = p.indexOf('-', 1);
        int lo = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
        int hi = dash < 0 ? lo : Integer.parseInt(p.substring(dash + 1).trim());
        if (hi < lo) {
          throw bad(key, "empty range '" + part.trim() + "'");
        }
        for (long x = lo; x <= hi; x += step) {
          if (x < min || x > max) {
            throw bad(key, x + " is out of range " + min + ".." + max);
          }
          out.add((int) x);
        }
      } catch (NumberFormatException e) {
        throw bad(key, "'" + part.trim() + "' is not a number or range");
      }
    }
    if (out.isEmpty()) {
      throw bad(key, "the grid is empty");
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }
}
