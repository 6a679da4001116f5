package lshbench.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import lshbench.config.ConfigException;
import lshbench.data.Dataset;

/**
 * How query time and memory grow with n, for the exact scan and for LSH tuned to the same
 * recall target at every n: the sub-linear growth LSH promises, or where it fails. Each n is a
 * prefix of one generated set (so smaller sets are subsets of larger ones), gets its own ground
 * truth, and its own tuner search (theory-ranked, confirmed with fresh seeds).
 */
public final class ScaleRunner implements RunPlan<RunFolder> {
  public static final String FILE = "scale.csv";

  /** scale.csv's columns, in order; {@code report.ScalePlots} reads them by name. */
  static final List<String> COLUMNS = List.of("n", "dim", "target_recall", "exact_us", "k", "L",
      "lsh_us", "knn_recall", "recall_lower_bound", "speedup", "lsh_memory_bytes", "data_bytes",
      "accepted", "seed", "family", "probes", "probes_total", "lsh_bytes_per_item", "peak_heap_bytes", "clock",
      "load_start", "load_end");

  private final SweepConfig config;
  private final PrintStream log;
  private Dataset full;

  public ScaleRunner(SweepConfig config, PrintStream log) {
    this.config = config;
    this.log = log;
  }

  /** Runs without a report (tests, programmatic use); the command line adds the plots. */
  public RunFolder run() throws IOException {
    return RunLifecycle.run(this, RunLifecycle.Report.none(), log);
  }

  @Override
  public Path writableTarget() {
    return config.resultsDir();
  }

  @Override
  public void load() throws IOException {
    int largest = java.util.Arrays.stream(config.scaleSizes()).max().orElseThrow();
    Workbench.Source source = Workbench.loadForExperiment(config, log);
    if (source.split() != null) {
      throw new ConfigException("dataset: the scale experiment holds queries out of every prefix "
          + "of its dataset, so it takes no fixed query set (an .hdf5 file's test, queries.file)");
    }
    full = source.data();
    if (largest > full.size()) {
      throw new ConfigException("scale.n: " + largest + " exceeds the dataset's " + full.size()
          + " items (raise N in synthetic.shape = clusters:CxN)");
    }
    config.families().check(full.dim(), full.size() - config.queries());
  }

  @Override
  public RunFolder open() throws IOException {
    return RunFolder.create(config.resultsDir(), config.experiment(), log, "scale");
  }

  @Override
  public RunFolder compute(RunFolder folder) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (int n : config.scaleSizes()) {
      Dataset data = n == full.size() ? full : full.prefix(n);
      log.printf(Locale.ROOT, "[scale] n = %d%n", n);
      double loadStart = LoadAverage.now();
      PeakHeap.reset();
      Workbench bench = Workbench.prepare(config, data, log);
      Path sub = Files.createDirectories(folder.resolve("n-" + n));
      List<Tuner.Candidate> measured;
      try (ResultsCsv csv = new ResultsCsv(sub)) {
        measured = new Tuner(config, log).search(bench, csv);
        csv.finish();
      }
      Tuner.Candidate best = measured.stream().filter(Tuner.Candidate::accepted)
          .min(Comparator.comparingDouble(Tuner.Candidate::queryUs))
          .orElse(measured.stream().max(Comparator.comparingDouble(Tuner.Candidate::recallMean))
              .orElseThrow());
      double exactUs = best.exactUs();
      rows.add(List.of(Integer.toString(n), Integer.toString(data.dim()),
          Double.toString(config.tuning().targetRecall()), CsvTable.fmt("%.1f", exactUs),
          Integer.toString(best.k()), Integer.toString(best.l()), CsvTable.fmt("%.1f", best.queryUs()),
          CsvTable.fmt("%.4f", best.recallMean()), CsvTable.fmt("%.4f", best.lowerBound()),
          CsvTable.fmt("%.2f", best.speedup()), Long.toString((long) best.memoryBytes()),
          Long.toString(4L * bench.split().members().length * data.dim()),
          Boolean.toString(best.accepted()), Long.toString(config.seed()), best.family(),
          Integer.toString(best.probes()), Integer.toString(best.probesTotal()), CsvTable.fmt("%.1f", best.memoryBytes() / n),
          Long.toString(PeakHeap.bytes()), config.clock().name().toLowerCase(Locale.ROOT),
          CsvTable.fmt("%.2f", loadStart), CsvTable.fmt("%.2f", LoadAverage.now())));
      write(folder.resolve(FILE), rows);
      log.printf(Locale.ROOT, "[scale] n = %d: exact %.0f µs, LSH k=%d L=%d %.0f µs (%.1fx) at "
          + "recall %.3f%n", n, exactUs, best.k(), best.l(), best.queryUs(),
          best.speedup(), best.recallMean());
    }
    return folder;
  }

  /**
   * Rewrites {@code file} with every size measured so far, atomically, so a run stopped at a
   * large n still leaves a complete CSV of the smaller ones.
   */
  static void write(Path file, List<List<String>> rows) throws IOException {
    new CsvTable(COLUMNS).write(file, rows);
  }
}
