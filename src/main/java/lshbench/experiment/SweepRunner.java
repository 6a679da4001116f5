package lshbench.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lshbench.data.Dataset;
import lshbench.eval.CollisionTheory;
import lshbench.eval.Evaluation;
import lshbench.eval.Measurement;
import lshbench.eval.QuerySplit;
import lshbench.io.AtomicFiles;
import lshbench.lsh.BucketTable;
import lshbench.lsh.HyperplaneBank;
import lshbench.lsh.LshIndex;
import lshbench.vector.Metric;

/**
 * Runs a k × L grid (× repeats) of random-hyperplane LSH against the exact scan.
 *
 * <p>Build once, sweep against it: each repeat draws one bank of max(k) × max(L) hyperplanes
 * and projects the data once; configuration (k, L) uses the first k bits of the first L
 * tables. Each configuration is still a correct, independent-looking LSH index; neighbouring
 * configurations share planes, which makes their differences less noisy. A configuration's
 * {@code hash_ms} is its share (k·L planes) of the measured projection time, {@code table_ms}
 * the measured time to build its L tables.
 */
public final class SweepRunner {
  private final SweepConfig config;
  private final PrintStream log;

  public SweepRunner(SweepConfig config, PrintStream log) {
    this.config = config;
    this.log = log;
  }

  /**
   * The outcome: where the run's files are, how many configurations this process measured and
   * how many a killed earlier process had finished.
   */
  public record Result(RunFolder folder, Path csv, Dataset dataset, int computed, int reused) {}

  public Result run() throws IOException {
    // Everything that can be refused is checked before a run folder exists.
    RunFolder.checkWritable(config.resume() != null ? config.resume() : config.resultsDir());
    Workbench.Source source = Workbench.loadForExperiment(config, log);
    Dataset data = source.data();
    RunFolder folder;
    Map<String, List<String>> finished = Map.of();
    if (config.resume() != null) {
      checkSameIdentity(config.resume());
      folder = RunFolder.reopen(config.resume());
      finished = ResultsCsv.finishedRows(folder.path());
      log.printf(Locale.ROOT, "[sweep] resuming %s: %d of %d configurations already done%n",
          folder.path(), finished.size(), config.runs());
    } else {
      folder = RunFolder.create(config.resultsDir(), config.experiment(), LocalDateTime.now());
      AtomicFiles.writeString(folder.resolve(IDENTITY), identityText());
      log.println("[sweep] run folder " + folder.path());
    }
    source.writeSkipped(folder, log);
    Map<String, List<String>> done = finished;
    return folder.finish(() -> runIn(folder, data, done));
  }

  /** What a run is a run of; a resume must match it (see {@link SweepConfig#identity}). */
  static final String IDENTITY = "identity.properties";

  private String identityText() {
    StringBuilder b = new StringBuilder("# what this run computes; -Dresume checks it\n");
    config.identity().forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
    return b.toString();
  }

  private void checkSameIdentity(Path folder) throws IOException {
    Path file = folder.resolve(IDENTITY);
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new IOException("resume: " + folder + " has no " + IDENTITY + " (not a sweep run folder)");
    }
    java.util.Properties stored = new java.util.Properties();
    try (var r = java.nio.file.Files.newBufferedReader(file)) {
      stored.load(r);
    }
    for (Map.Entry<String, String> e : config.identity().entrySet()) {
      String was = stored.getProperty(e.getKey());
      if (!e.getValue().equals(was)) {
        throw new ConfigException("resume: " + e.getKey() + " was " + was + " in " + folder
            + ", now " + e.getValue() + "; a resumed run must use the same settings");
      }
    }
  }

  private Result runIn(RunFolder folder, Dataset data, Map<String, List<String>> finished)
      throws IOException {
    long started = System.currentTimeMillis();
    Workbench bench = Workbench.prepare(config, data, log);
    QuerySplit split = bench.split();
    int[] members = split.members();
    int topN = bench.topN();
    Evaluation eval = bench.eval();
    Measurement exact = bench.exact();
    CollisionTheory theory = bench.theory();
    float[] centre = bench.centre();
    int maxK = config.ks()[config.ks().length - 1];
    int maxL = config.ls()[config.ls().length - 1];
    Progress progress = new Progress("sweep", config.runs(), log);
    int computed = 0;
    try (ResultsCsv csv = finished.isEmpty() && config.resume() == null
        ? new ResultsCsv(folder.path()) : ResultsCsv.resume(folder.path(), finished)) {
      for (int repeat = 0; repeat < config.repeats(); repeat++) {
        long hashSeed = config.hashSeed(repeat);
        HyperplaneBank bank = null;
        long[] signatures = null;
        double msPerPlane = 0;
        for (int k : config.ks()) {
          double[] tableMs = new double[maxL];
          BucketTable[] tables = null;
          for (int l : config.ls()) {
            for (int probes : config.probes()) {
              List<String> done = finished.get(ResultsCsv.key(repeat, k, l, probes));
              if (done != null) {
                csv.addFinished(done);
                progress.step(String.format(Locale.ROOT, "k=%d L=%d T=%d finished before", k, l, probes));
                continue;
              }
              if (bank == null) {
                // Projected only when some configuration of this repeat is still missing.
                bank = new HyperplaneBank(data.dim(), maxK, maxL, hashSeed, centre);
                long p0 = System.nanoTime();
                signatures = bank.signatures(data, members, config.threads());
                msPerPlane = (System.nanoTime() - p0) / 1e6 / ((double) maxK * maxL);
              }
              if (tables == null) {
                tables = new BucketTable[maxL];
                for (int t = 0; t < maxL; t++) {
                  long b0 = System.nanoTime();
                  tables[t] = LshIndex.buildTable(bank, signatures, members, k, t);
                  tableMs[t] = (System.nanoTime() - b0) / 1e6;
                }
              }
              LshIndex index = new LshIndex(data, members.length, bank, k, Arrays.copyOf(tables, l),
                  probes);
              Measurement m = eval.run(index);
              double tablesMs = Arrays.stream(tableMs, 0, l).sum();
              double hashMs = msPerPlane * k * l;
              csv.add(bench.row(config, k, l, probes, repeat, hashSeed, m, hashMs, tablesMs, index));
              computed++;
              progress.step(String.format(Locale.ROOT, "k=%d L=%d T=%d recall %.3f/%.3f",
                  k, l, probes, m.labelRecall(), m.knnRecall()));
            }
          }
        }
      }
      Path file = csv.finish();
      RunJson.write(config, folder, data, started, exact.queryUs().mean());
      return new Result(folder, file, data, computed, finished.size());
    }
  }

}
