package lshbench.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import lshbench.config.Key;
import lshbench.family.FamilyRegistry;

/**
 * The experiment types lshbench runs, and the help made from them. Adding one is an
 * {@link Experiment} implementation and one line here.
 */
public final class Experiments {
  private Experiments() {}

  static final List<Experiment<?>> ALL = List.of(
      new SweepExperiment(),
      new TuneExperiment(),
      new CompareExperiment(),
      new ScaleExperiment(),
      new DedupExperiment(),
      new DedupBenchExperiment(),
      new DownloadExperiment(),
      new DownloadAnnExperiment(),
      new ExportAnnExperiment());

  /** The key that picks the type; every experiment file may carry it. */
  static final String TYPE = "type";

  static Optional<Experiment<?>> find(String type) {
    return ALL.stream().filter(e -> e.type().equals(type)).findFirst();
  }

  static List<String> types() {
    return ALL.stream().map(Experiment::type).toList();
  }

  /** " (a dedup key)" when other types read {@code key}, for an unknown-key error. */
  static String readElsewhere(String key, FamilyRegistry families) {
    List<String> readers = ALL.stream()
        .filter(e -> e.keys(families).stream().anyMatch(k -> k.name().equals(key)))
        .map(Experiment::type).toList();
    return readers.isEmpty() ? "" : "; only " + String.join(", ", readers) + " experiments read it";
  }

  /** {@code -Dhelp}: every type with its line, then the experiment files and their types. */
  static String overview(Path experimentsDir) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("usage: mvn -q exec:java -Dexperiment=NAME [-Dkey=value ...]\n")
        .append("       mvn -q exec:java -Dexperiment=NAME -Dhelp   (the keys NAME reads)\n\n")
        .append("experiment types (the type key of an experiment file):\n");
    for (Experiment<?> e : ALL) {
      b.append(String.format(Locale.ROOT, "  %-12s %s%n", e.type(), e.summary()));
    }
    b.append("\nexperiment files (").append(experimentsDir).append("/NAME.properties):\n");
    for (Path f : files(experimentsDir)) {
      Properties p = properties(f);
      String name = f.getFileName().toString().replaceFirst("\\.properties$", "");
      String description = p.getProperty("description", "").trim();
      b.append(String.format(Locale.ROOT, "  %-26s %-12s %s%n", name,
          p.getProperty(TYPE, "sweep").trim(), description));
    }
    return b.toString();
  }

  /** {@code -Dexperiment=NAME -Dhelp}: the keys of NAME's type with defaults and meanings. */
  static String keys(String name, Experiment<?> e, FamilyRegistry families,
      lshbench.config.Settings settings) {
    StringBuilder b = new StringBuilder();
    b.append(name).append(" is a ").append(e.type()).append(" experiment: ").append(e.summary())
        .append("\nkeys (default; value in this experiment's file or -D, if set):\n");
    for (Key k : e.keys(families)) {
      String set = settings.asMap().get(k.name());
      b.append(String.format(Locale.ROOT, "  %-28s %s%n      %s%n", k.name(),
          k.defaultValue().isEmpty() ? "(none)" : k.defaultValue(), k.meaning()
              + (set == null ? "" : " [here: " + set + "]")));
    }
    return b.toString();
  }

  /** The keys as a Markdown table, as the README shows them. */
  static String markdown(Experiment<?> e, FamilyRegistry families) {
    StringBuilder b = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
    for (Key k : e.keys(families)) {
      b.append("| `").append(k.name()).append("` | ")
          .append(k.defaultValue().isEmpty() ? "" : "`" + k.defaultValue() + "`").append(" | ")
          .append(k.meaning().replace("|", "\\|")).append(" |\n");
    }
    return b.toString();
  }

  private static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return new ArrayList<>(s.filter(f -> f.toString().endsWith(".properties")).sorted().toList());
    }
  }

  private static Properties properties(Path f) throws IOException {
    Properties p = new Properties();
    try (Reader r = lshbench.io.TextFiles.reader(f)) {
      p.load(r);
    }
    return p;
  }
}
