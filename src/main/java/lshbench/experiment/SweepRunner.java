package lshbench.experiment;

import lshbench.io.Progress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lshbench.config.ConfigException;
import lshbench.data.Dataset;
import lshbench.eval.CollisionTheory;
import lshbench.eval.Measurement;
import lshbench.family.HnswSpec;
import lshbench.family.LshGrid;
import lshbench.family.TableKey;
import lshbench.io.AtomicFiles;
import lshbench.lsh.BucketTable;
import lshbench.lsh.HashFamily;
import lshbench.lsh.HnswReference;
import lshbench.lsh.LshIndex;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Runs each family's grid (× repeats) against the exact scan: k × L × probes for the LSH
 * families, M × efConstruction × ef for HNSW, all on the same queries and ground truth.
 *
 * <p>Build once, sweep against it: each repeat draws one bank of max(k) × max(L) functions per
 * family and hashes the data once; configuration (k, L) uses the first k functions of the first
 * L tables. Each configuration is still a correct, independent-looking LSH index; neighbouring
 * configurations share functions, which makes their differences less noisy. A configuration's
 * {@code hash_ms} is its share (k·L functions) of the measured hashing time, {@code table_ms}
 * the measured time to build its L tables, {@code train_ms} what a data-aware family spent
 * learning.
 */
public final class SweepRunner implements RunPlan<SweepRunner.Result> {
  private final SweepConfig config;
  private final PrintStream log;
  private Workbench.Source source;
  private Map<String, List<String>> finished = Map.of();
  /** A resumed run whose data files are all written: only its report is missing. */
  private boolean dataComplete;

  public SweepRunner(SweepConfig config, PrintStream log) {
    this.config = config;
    this.log = log;
  }

  /**
   * The outcome: where the run's files are, how many configurations this process measured and
   * how many a killed earlier process had finished.
   */
  public record Result(RunFolder folder, Path csv, Dataset dataset, int computed, int reused) {}

  /** Runs without a report (tests, programmatic use); the command line adds one. */
  public Result run() throws IOException {
    return RunLifecycle.run(this, RunLifecycle.Report.none(), log);
  }

  @Override
  public boolean resumable() {
    return true;
  }

  @Override
  public Path writableTarget() {
    return config.resume() != null ? config.resume() : config.resultsDir();
  }

  @Override
  public void load() throws IOException {
    source = Workbench.loadForExperiment(config, log);
    config.families().check(source.data().dim(), source.members(config));
    if (config.resume() != null) {
      checkSameIdentity(config.resume());
    }
  }

  @Override
  public RunFolder open() throws IOException {
    RunFolder folder;
    if (config.resume() != null) {
      folder = RunFolder.reopen(config.resume());
      finished = ResultsCsv.finishedRows(folder.path());
      // The exact scan's row is not a configuration; it is timed again unless the data are done.
      boolean exactDone = finished.remove(ResultsCsv.key(Workbench.exactParameters())) != null;
      dataComplete = exactDone && finished.size() == config.runs()
          && java.nio.file.Files.isRegularFile(folder.resolve(ResultsCsv.FILE))
          && java.nio.file.Files.isRegularFile(folder.resolve(RunJson.FILE));
      log.printf(Locale.ROOT, "[sweep] resuming %s: %d of %d configurations already done%s%n",
          folder.path(), finished.size(), config.runs(),
          dataComplete ? "; the data files are complete, so only the report is drawn" : "");
    } else {
      folder = RunFolder.create(config.resultsDir(), config.experiment(), log, "sweep");
      AtomicFiles.writeString(folder.resolve(IDENTITY), identityText());
    }
    return folder;
  }

  @Override
  public Result compute(RunFolder folder) throws IOException {
    source.writeSkipped(folder, log);
    if (dataComplete) {
      return new Result(folder, folder.resolve(ResultsCsv.FILE), source.data(), 0,
          finished.size());
    }
    return runIn(folder, source.data(), finished);
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
    try (var r = lshbench.io.TextFiles.reader(file)) {
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
    double loadAtStart = LoadAverage.now();
    Workbench bench = Workbench.prepare(config, source, log);
    // The exact scan's row is always this process's: its rounds pool the groups timed here.
    Map<String, List<String>> reused = new java.util.LinkedHashMap<>(finished);
    reused.remove(ResultsCsv.key(Workbench.exactParameters()));
    int rounds = config.rounds();
    Progress progress = new Progress("sweep", config.runs() * rounds, log);
    GroupTimer timer = new GroupTimer(bench, progress);
    int computed = 0;
    try (ResultsCsv csv = reused.isEmpty() && config.resume() == null
        ? new ResultsCsv(folder.path()) : ResultsCsv.resume(folder.path(), reused)) {
      for (int repeat = 0; repeat < config.repeats(); repeat++) {
        for (LshGrid<?> grid : config.families().lsh()) {
          computed += sweepFamily(grid, repeat, bench, csv, reused, progress, timer, folder.path());
        }
        computed += pcaScans(repeat, bench, csv, reused, progress, timer);
        if (config.families().hnsw() != null) {
          computed += sweepHnsw(config.families().hnsw(), repeat, bench, csv, reused, progress,
              timer);
        }
      }
      progress.close();
      Measurement exact = timer.exact();
      csv.add(bench.row(config, Workbench.exactParameters(), 0, exact, exact, 0, 0, 0,
          bench.exactIndex(), null, null));
      log.printf(Locale.ROOT, "[sweep] exact scan: %s%n", describe(exact, config));
      Path file = csv.finish();
      if (source.truth() != null) {
        // Published queries and neighbours: the same points ann-benchmarks plots.
        log.println("[sweep] recall/QPS pairs in ann-benchmarks' terms: "
            + AnnBenchmarksPairs.write(folder.path()));
      }
      RunJson.write(config, folder, data, started, exact, loadAtStart, LoadAverage.now());
      return new Result(folder, file, data, computed, reused.size());
    }
  }

  /** "cpu 2,410 µs (p25–p75 2,380–2,450), wall 2,600 µs": a measurement's medians. */
  static String describe(Measurement m, SweepConfig config) {
    lshbench.eval.RoundStats r = m.on(config.clock());
    return String.format(Locale.ROOT, "%s %,.1f µs (rounds p25–p75 %,.1f–%,.1f%s), %s %,.1f µs",
        config.clock().label(), r.median(), r.p25(), r.p75(),
        r.noisy(config.tolerance()) ? ", NOISY" : "",
        config.clock() == lshbench.eval.Clock.CPU ? "wall" : "cpu",
        config.clock() == lshbench.eval.Clock.CPU ? m.wallUs().median() : m.cpuUs().median());
  }

  /** A configuration waiting in a group: its row's parts other than the measurement. */
  private record Pending(Map<String, Object> params, lshbench.lsh.Index index, long hashSeed,
      double trainMs, double hashMs, double tableMs, CollisionTheory theory,
      Workbench.HashCost cost, String label) {}

  /** Times the pending configurations with the exact scan and writes their rows, in order. */
  private void flush(List<Pending> pending, String what, Workbench bench, ResultsCsv csv,
      GroupTimer timer) throws IOException {
    if (pending.isEmpty()) {
      return;
    }
    GroupTimer.Group g = timer.time(pending.stream().map(Pending::index).toList(), what);
    // A line per configuration repeats results.csv and buries the progress: -Dverbose=true.
    boolean verbose = Boolean.getBoolean("verbose");
    if (verbose) {
      log.printf(Locale.ROOT, "[sweep] %s: exact scan in these rounds %s%n", what,
          describe(g.exact(), config));
    }
    for (int i = 0; i < pending.size(); i++) {
      Pending p = pending.get(i);
      Measurement m = g.measured().get(i);
      csv.add(bench.row(config, p.params(), p.hashSeed(), m, g.exact(), p.trainMs(), p.hashMs(),
          p.tableMs(), p.index(), p.theory(), p.cost()));
      if (verbose) {
        log.printf(Locale.ROOT, "[sweep] %s recall %.3f/%.3f, %s, %.1fx the exact scan%n",
            p.label(), m.labelRecall(), m.knnRecall(), describe(m, config),
            g.exact().on(config.clock()).median() / m.on(config.clock()).median());
      }
    }
    pending.clear();
  }

  /**
   * The baseline beside the two-pass rerank: for each positive rerank keep R, every item scored
   * in the same subspace (fitted with the same seed as the families' first pass) and the best R
   * compared exactly, timed in one group with the exact scan.
   */
  private int pcaScans(int repeat, Workbench bench, ResultsCsv csv,
      Map<String, List<String>> finished, Progress progress, GroupTimer timer) throws IOException {
    List<Pending> pending = new ArrayList<>();
    lshbench.lsh.ProjectedRerank subspace = null;
    double fitMs = 0;
    for (int keep : config.families().pcaScans()) {
      Map<String, Object> params = Workbench.pcaScanParameters(repeat, keep);
      List<String> done = finished.get(ResultsCsv.key(params));
      if (done != null) {
        csv.addFinished(done);
        progress.advance(config.rounds(), "pca-scan R=" + keep + " finished before");
        continue;
      }
      if (subspace == null) {
        long r0 = System.nanoTime();
        subspace = RerankSubspace.fit(config, bench.data(), bench.split().members(),
            config.hashSeed(repeat));
        fitMs = (System.nanoTime() - r0) / 1e6;
      }
      pending.add(new Pending(params, new lshbench.lsh.PcaScanIndex(bench.data(),
          bench.split().members(), subspace.withKeep(keep)), config.hashSeed(repeat), fitMs, 0, 0,
          null, null, "pca-scan R=" + keep));
    }
    flush(pending, "pca-scan" + (config.repeats() > 1 ? " repeat " + repeat : ""), bench, csv,
        timer);
    return pending.size();
  }

  /**
   * The probe settings of a grid at L tables, as {probes per table, total budget}: the per-table
   * grid first, then every total budget that covers L (with no per-table probes).
   */
  static List<int[]> probeSettings(LshGrid<?> grid, int l) {
    List<int[]> out = new ArrayList<>();
    for (int probes : grid.probes()) {
      out.add(new int[] {probes, 0});
    }
    for (int total : grid.totalsAt(l)) {
      out.add(new int[] {0, total});
    }
    return out;
  }

  /** A drawn bank, its data's signatures and what the rows of its keys share. */
  private static final class Bank {
    HashFamily family;
    long[] signatures;
    double msPerFunction;
    CollisionTheory theory;
    Workbench.HashCost cost;
  }

  /**
   * One LSH family's k × L × probes grid: one bank of max(k) × max(L) functions, the data
   * hashed once, configuration (k, L) using the first k functions of the first L tables. The
   * tables of successive k join one timing group until they would pass the memory budget. A
   * bits grid's key with a partial last polytope cannot be a prefix of the shared bank's, so it
   * gets a bank of its own (k × max(L), the same rotations for its whole polytopes), hashed
   * when its turn comes and dropped after.
   */
  private int sweepFamily(LshGrid<?> grid, int repeat, Workbench bench, ResultsCsv csv,
      Map<String, List<String>> finished, Progress progress, GroupTimer timer, Path folder)
      throws IOException {
    Dataset data = bench.data();
    int[] members = bench.split().members();
    long hashSeed = config.hashSeed(repeat);
    Bank shared = null;
    double gridBuildMs = 0;
    lshbench.lsh.ProjectedRerank prefilter = null;
    double prefilterMs = 0;
    int computed = 0;
    List<Pending> pending = new ArrayList<>();
    long pendingBytes = 0;
    String what = grid.family() + (config.repeats() > 1 ? " repeat " + repeat : "");
    for (TableKey key : grid.keys(data.dim())) {
      int k = key.k();
      boolean separate = grid.ownBank(key, data.dim());
      Bank bank = separate ? null : shared;
      double[] tableMs = new double[grid.maxL()];
      BucketTable[] tables = null;
      for (int l : grid.ls()) {
        for (int[] probing : probeSettings(grid, l)) {
          int probes = probing[0];
          int total = probing[1];
          String probeLabel = total > 0 ? "B=" + total : "T=" + probes;
          for (int keep : config.families().rerankKeep()) {
            Map<String, Object> params = Workbench.lshParameters(grid.family(), repeat, key, l,
                probes, total, keep);
            List<String> done = finished.get(ResultsCsv.key(params));
            if (done != null) {
              csv.addFinished(done);
              progress.advance(config.rounds(), String.format(Locale.ROOT,
                  "%s %s L=%d %s R=%d finished before", grid.family(), key.label(), l,
                  probeLabel, keep));
              continue;
            }
            if (keep > 0 && prefilter == null) {
              long r0 = System.nanoTime();
              prefilter = RerankSubspace.fit(config, data, members, hashSeed);
              prefilterMs = (System.nanoTime() - r0) / 1e6;
            }
            if (bank == null) {
              // Hashed only when some configuration of this bank and repeat is still missing.
              long d0 = System.nanoTime();
              int bankK = separate ? k : grid.sharedMaxK(data.dim());
              bank = new Bank();
              bank.family = separate ? grid.build(bench.buildInput(config), key, grid.maxL(),
                  hashSeed) : grid.build(bench.buildInput(config), bankK, grid.maxL(), hashSeed);
              log.println("[sweep] " + bank.family.describe());
              long p0 = System.nanoTime();
              bank.signatures = bank.family.signatures(data, members, config.threads());
              gridBuildMs += (System.nanoTime() - d0) / 1e6;
              bank.msPerFunction = (System.nanoTime() - p0) / 1e6
                  / ((double) bankK * grid.maxL());
              bank.theory = bench.theoryFor(grid, bank.family, config);
              bank.cost = bench.hashCost(bank.family);
              if (!separate) {
                shared = bank;
              }
            }
            if (tables == null) {
              tables = new BucketTable[grid.maxL()];
              long bytes = 0;
              for (int t = 0; t < grid.maxL(); t++) {
                long b0 = System.nanoTime();
                tables[t] = LshIndex.buildTable(bank.family, bank.signatures, members, k, t);
                tableMs[t] = (System.nanoTime() - b0) / 1e6;
                gridBuildMs += tableMs[t];
                bytes += tables[t].memoryBytes();
              }
              if (!pending.isEmpty() && pendingBytes + bytes > GroupTimer.budgetBytes()) {
                flush(pending, what, bench, csv, timer);
                pendingBytes = 0;
              }
              pendingBytes += bytes;
            }
            LshIndex index = new LshIndex(data, members.length, bank.family, k,
                Arrays.copyOf(tables, l), probes, keep > 0 ? prefilter.withKeep(keep) : null,
                total);
            double tablesMs = Arrays.stream(tableMs, 0, l).sum();
            double trainMs = bank.family.trainMs() + (keep > 0 ? prefilterMs : 0);
            pending.add(new Pending(params, index, hashSeed, trainMs, bank.msPerFunction * k * l,
                tablesMs, bank.theory, bank.cost, String.format(Locale.ROOT, "%s %s L=%d %s%s",
                    grid.family(), key.label(), l, probeLabel, keep > 0 ? " R=" + keep : "")));
            computed++;
          }
        }
      }
    }
    flush(pending, what, bench, csv, timer);
    if (repeat == 0 && !gridCostRows(folder).containsKey(grid.family()) && !grid.inBits()) {
      // a resumed run measures it too; the in-sweep figure exists only for a whole grid. A
      // bits grid's keys are not prefixes of one bank, so "the grid costs one bank" is moot.
      boolean whole = computed == grid.runs() * config.families().rerankKeep().length;
      gridCost(grid, bench, whole ? gridBuildMs : Double.NaN, folder);
    }
    return computed;
  }

  /**
   * Measures what sharing functions across the grid saves: the whole grid's build (draw once,
   * hash once, every table of every k) against the median and the largest configuration each
   * built alone from scratch, appended to {@code grid-cost.csv}. All three are timed here, after
   * the sweep has warmed the JIT, because the grid's build inside the sweep was the run's first
   * (interpreted, then compiling) and would overstate it against warm single builds; that first
   * figure is kept as {@code grid_in_sweep_ms}.
   */
  private void gridCost(LshGrid<?> grid, Workbench bench, double inSweepMs, Path folder)
      throws IOException {
    int[] members = bench.split().members();
    int k = grid.ks()[grid.ks().length / 2];
    int l = grid.ls()[grid.ls().length / 2];
    double gridMs = buildGrid(grid, bench, members);
    double medianMs = buildAlone(grid, bench, members, k, l);
    double largestMs = buildAlone(grid, bench, members, grid.maxK(), grid.maxL());
    int configs = grid.ks().length * grid.ls().length;
    log.printf(Locale.ROOT, "[sweep] %s: all %d (k, L) indexes built in %.0f ms (hashed once); "
        + "k=%d L=%d alone %.0f ms, so the grid costs %.1fx one median configuration; the largest "
        + "(k=%d L=%d) alone %.0f ms, %.1fx%n", grid.family(), configs, gridMs, k, l, medianMs,
        gridMs / medianMs, grid.maxK(), grid.maxL(), largestMs, gridMs / largestMs);
    Path file = folder.resolve(GRID_COST);
    // One row per family, in the order they finish; rewritten whole, so a kill never tears it.
    Map<String, List<String>> rows = gridCostRows(folder);
    rows.put(grid.family(), List.of(grid.family(), Integer.toString(configs),
        String.format(Locale.ROOT, "%.1f", gridMs), Integer.toString(k), Integer.toString(l),
        String.format(Locale.ROOT, "%.1f", medianMs),
        String.format(Locale.ROOT, "%.2f", gridMs / medianMs), Integer.toString(grid.maxK()),
        Integer.toString(grid.maxL()), String.format(Locale.ROOT, "%.1f", largestMs),
        String.format(Locale.ROOT, "%.2f", gridMs / largestMs),
        Double.isNaN(inSweepMs) ? "" : String.format(Locale.ROOT, "%.1f", inSweepMs)));
    CSVFormat format = CSVFormat.RFC4180.builder()
        .setHeader(GRID_COST_COLUMNS.toArray(new String[0])).setRecordSeparator('\n').build();
    AtomicFiles.writeText(file, w -> {
      try (CSVPrinter csv = new CSVPrinter(w, format)) {
        for (List<String> row : rows.values()) {
          csv.printRecord(row);
        }
      }
    });
  }

  /** grid-cost.csv's complete rows by family; none when the file is absent or not this format. */
  static Map<String, List<String>> gridCostRows(Path folder) throws IOException {
    Map<String, List<String>> rows = new java.util.LinkedHashMap<>();
    Path file = folder.resolve(GRID_COST);
    if (!java.nio.file.Files.isRegularFile(file)) {
      return rows;
    }
    String text = ResultsCsv.completeRecords(new String(java.nio.file.Files.readAllBytes(file),
        java.nio.charset.StandardCharsets.UTF_8));
    try (var p = CSVFormat.RFC4180.parse(new java.io.StringReader(text))) {
      var records = p.iterator();
      if (!records.hasNext() || !records.next().toList().equals(GRID_COST_COLUMNS)) {
        return rows;
      }
      while (records.hasNext()) {
        List<String> r = records.next().toList();
        if (r.size() == GRID_COST_COLUMNS.size()) {
          rows.put(r.get(0), r);
        }
      }
    } catch (java.io.UncheckedIOException | IllegalStateException e) {
      // a damaged file: the rows read so far stand, the rest are measured again
    }
    return rows;
  }

  /** Wall time to draw (train) the grid's functions, hash once and build every k's tables. */
  private double buildGrid(LshGrid<?> grid, Workbench bench, int[] members) {
    long t0 = System.nanoTime();
    HashFamily hashes = grid.build(bench.buildInput(config), grid.maxK(), grid.maxL(),
        config.hashSeed(0));
    long[] sig = hashes.signatures(bench.data(), members, config.threads());
    for (int k : grid.ks()) {
      LshIndex.buildTables(hashes, sig, members, k, grid.maxL());
    }
    return (System.nanoTime() - t0) / 1e6;
  }

  /** Wall time to draw (train), hash and table one configuration from scratch. */
  private double buildAlone(LshGrid<?> grid, Workbench bench, int[] members, int k, int l) {
    long t0 = System.nanoTime();
    HashFamily hashes = grid.build(bench.buildInput(config), k, l, config.hashSeed(0));
    long[] sig = hashes.signatures(bench.data(), members, config.threads());
    LshIndex.buildTables(hashes, sig, members, k, l);
    return (System.nanoTime() - t0) / 1e6;
  }

  static final String GRID_COST = "grid-cost.csv";

  /** grid-cost.csv's columns, in the order {@link #gridCost} prints its cells. */
  static final List<String> GRID_COST_COLUMNS = List.of("family", "configurations",
      "grid_build_ms", "median_k", "median_L", "median_alone_ms", "ratio_to_median", "largest_k",
      "largest_L", "largest_alone_ms", "ratio_to_largest", "grid_in_sweep_ms");

  /**
   * HNSW's grid: a graph per (M, efConstruction), searched at every ef; each graph's ef values
   * are one timing group.
   */
  private int sweepHnsw(HnswSpec.Grid grid, int repeat, Workbench bench, ResultsCsv csv,
      Map<String, List<String>> finished, Progress progress, GroupTimer timer) throws IOException {
    int computed = 0;
    for (int m : grid.m()) {
      for (int efc : grid.efConstruction()) {
        HnswReference graph = null;
        double buildMs = 0;
        List<Pending> pending = new ArrayList<>();
        for (int ef : grid.ef()) {
          Map<String, Object> params = Workbench.hnswParameters(repeat, m, efc, ef);
          List<String> done = finished.get(ResultsCsv.key(params));
          if (done != null) {
            csv.addFinished(done);
            progress.advance(config.rounds(), String.format(Locale.ROOT,
                "hnsw M=%d efC=%d ef=%d finished before", m, efc, ef));
            continue;
          }
          if (graph == null) {
            long b0 = System.nanoTime();
            Progress building = new Progress("hnsw build", bench.split().members().length, log);
            graph = HnswReference.build(bench.data(), bench.split().members(), m, efc, ef,
                config.threads(), (inserted, total) -> building.at(inserted, "items inserted"));
            buildMs = (System.nanoTime() - b0) / 1e6;
            log.printf(Locale.ROOT, "[sweep] hnsw M=%d efConstruction=%d built in %.1f s (%d threads)%n",
                m, efc, buildMs / 1e3, config.threads());
          }
          // One graph searched at several ef: each configuration is a view with its own ef.
          pending.add(new Pending(params, graph.atEf(ef), 0, 0, 0, buildMs, null, null,
              String.format(Locale.ROOT, "hnsw M=%d efC=%d ef=%d", m, efc, ef)));
          computed++;
        }
        flush(pending, String.format(Locale.ROOT, "hnsw M=%d efC=%d", m, efc), bench, csv, timer);
      }
    }
    return computed;
  }
}
