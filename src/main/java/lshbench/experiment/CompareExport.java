package lshbench.experiment;

import lshbench.io.Progress;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import lshbench.data.Dataset;
import lshbench.data.TexmexFormat;
import lshbench.eval.GroundTruth;
import lshbench.eval.Measurement;
import lshbench.eval.QuerySplit;
import lshbench.lsh.ExactIndex;
import lshbench.lsh.LshIndex;
import lshbench.lsh.Neighbours;

/**
 * {@code type = compare}: writes an experiment's query split in the TEXMEX format FAISS and
 * ann-benchmarks read, together with lshbench's own measurements on exactly that split, so that
 * {@code src/bench/faiss_compare.py} can put FAISS beside lshbench without either side
 * re-deriving the other's data.
 *
 * <p>Every (k, L) of the grid is built from scratch on one thread (the build time is then a
 * real build, comparable with FAISS's single-threaded {@code add}), rather than sliced from a
 * shared hyperplane bank as the sweep does. Per recall target the fastest configuration
 * reaching it is kept: the sweep's own "fastest configuration per target" rule.
 *
 * <p>Files: {@code base.fvecs} (the indexed members, in split order), {@code query.fvecs},
 * {@code groundtruth.ivecs} (positions in base of the exact top n, closest first),
 * {@code lshbench.csv} (exact scan, every grid point, and one {@code pick} row per target) and
 * {@code meta.json}.
 */
public final class CompareExport implements RunPlan<Path> {
  /** The kNN recall@n targets the comparison is read at. */
  static final double[] TARGETS = {0.8, 0.9, 0.95};

  static final String CSV = "lshbench.csv";

  /**
   * lshbench.csv's columns, in order, read by name by {@code src/bench/faiss_compare.py} and
   * the peers harness; a row leaves empty the columns that do not apply to it.
   */
  static final List<String> COLUMNS = List.of("method", "k", "L", "target", "knn_recall",
      "query_us_mean", "query_us_p50", "qps", "build_ms", "memory_bytes", "candidates_mean",
      "family", "probes", "rerank_keep", "threads", "probes_total", "key_bits", "last_cp_dim");

  /**
   * One measured grid configuration, kept to pick the fastest per recall target.
   *
   * @param bits key bits per table
   * @param lastDim the last cross-polytope's dimension for a bits grid, else 0
   */
  record GridPoint(String family, int k, int l, int probes, int keep, double knnRecall,
      double queryUs, double buildMs, long memoryBytes, double candidatesMean, int total,
      int bits, int lastDim) {
    GridPoint(String family, int k, int l, int probes, int keep, double knnRecall,
        double queryUs, double buildMs, long memoryBytes, double candidatesMean) {
      this(family, k, l, probes, keep, knnRecall, queryUs, buildMs, memoryBytes, candidatesMean, 0,
          0, 0);
    }

    lshbench.family.TableKey key() {
      return new lshbench.family.TableKey(k, lastDim, bits);
    }
  }

  private final SweepConfig config;
  private final PrintStream log;
  private Workbench.Source source;

  public CompareExport(SweepConfig config, PrintStream log) {
    this.config = config;
    this.log = log;
  }

  /** Loads, exports and measures without a report; returns the run folder. */
  public Path run() throws IOException {
    return RunLifecycle.run(this, RunLifecycle.Report.none(), log);
  }

  @Override
  public Path writableTarget() {
    return config.resultsDir();
  }

  @Override
  public void load() throws IOException {
    source = Workbench.loadForExperiment(config, log);
    config.families().check(source.data().dim(), source.members(config));
  }

  @Override
  public RunFolder open() throws IOException {
    return RunFolder.create(config.resultsDir(), config.experiment(), log, "compare");
  }

  @Override
  public Path compute(RunFolder folder) throws IOException {
    runIn(folder.path(), source.data());
    return folder.path();
  }

  private void runIn(Path out, Dataset data) throws IOException {
    Workbench bench = Workbench.prepare(config, source, log);
    QuerySplit split = bench.split();
    export(out, data, split, bench.truth());
    // Timed alone like every row here: one query at a time, as FAISS is timed beside it.
    Measurement exact = bench.eval().run(bench.exactIndex());
    List<List<String>> rows = new ArrayList<>();
    rows.add(row("exact", "", 0, 0, 0, 0, exact, 0));
    double streamUs = streamUs(data, split.members().length);
    List<String> stream = new ArrayList<>(Collections.nCopies(COLUMNS.size(), ""));
    stream.set(COLUMNS.indexOf("method"), "stream-read");
    stream.set(COLUMNS.indexOf("query_us_mean"), CsvTable.fmt("%.2f", streamUs));
    stream.set(COLUMNS.indexOf("threads"), "1");
    rows.add(stream);
    double bytes = 4.0 * split.members().length * data.dim();
    // The scan's median query against the stream's best pass: neither counts the passes a
    // busy machine preempted, which the scan's mean does.
    log.printf(Locale.ROOT, "[compare] one-thread read bandwidth %.1f GB/s (the indexed rows' "
        + "%.1f MB streamed in %.0f µs); the exact scan's median query reads them at %.1f GB/s, "
        + "%.0f%% of it%n", bytes / streamUs / 1e3, bytes / 1e6, streamUs,
        bytes / exact.queryUs().p50() / 1e3, 100 * streamUs / exact.queryUs().p50());
    ExactIndex batchIndex = new ExactIndex(data, split.members());
    float[] queryRows = data.rows(split.queries());
    int[] batchThreads = config.threads() > 1 ? new int[] {1, config.threads()} : new int[] {1};
    for (int threads : batchThreads) {
      double us = batchUs(q -> batchIndex.searchBatch(q, bench.topN(), threads), queryRows,
          split.queries().length);
      rows.add(List.of("exact-batch", "", "", "", CsvTable.fmt("%.4f", exact.knnRecall()), CsvTable.fmt("%.2f", us),
          "", CsvTable.fmt("%.1f", 1e6 / us), "0.0", Long.toString(exact.memoryBytes()),
          Integer.toString(split.members().length), "", "", "", Integer.toString(threads), "", "",
          ""));
      log.printf(Locale.ROOT, "[compare] exact, all %d queries in one batch on %d thread(s): "
          + "%.1f µs/query%n", split.queries().length, threads, us);
    }
    List<GridPoint> grid = new ArrayList<>();
    int[] keeps = config.families().rerankKeep();
    int total = config.families().lsh().stream().mapToInt(lshbench.family.LshGrid::runs).sum() * keeps.length;
    lshbench.lsh.ProjectedRerank prefilter = null;
    double prefilterMs = 0;
    if (config.families().prefilters()) {
      long r0 = System.nanoTime();
      prefilter = RerankSubspace.fit(config, data, split.members(), config.hashSeed(0));
      prefilterMs = (System.nanoTime() - r0) / 1e6;
    }
    if (prefilter != null) {
      // The baseline beside the two-pass rerank: the same subspace over every item, no hashing.
      for (int keep : config.families().pcaScans()) {
        Measurement m = bench.eval().run(new lshbench.lsh.PcaScanIndex(data, split.members(),
            prefilter.withKeep(keep)));
        rows.add(row("pca-scan", "pca-scan", 0, 0, 0, keep, m, prefilterMs));
        log.printf(Locale.ROOT, "[compare] pca-scan R=%d (no hashing): recall %.3f, %.0f µs%n",
            keep, m.knnRecall(), m.queryUs().mean());
      }
    }
    Progress progress = new Progress("compare", total, log);
    ProbeLadder ladder = new ProbeLadder(TARGETS[TARGETS.length - 1]);
    BudgetBisection bisection = new BudgetBisection(TARGETS);
    int bisected = 0;
    for (lshbench.family.LshGrid<?> g : config.families().lsh()) {
      for (lshbench.family.TableKey key : g.keys(data.dim())) {
        int k = key.k();
        for (int l : g.ls()) {
          // Built from scratch per (k, L) on one thread, as FAISS builds each IndexLSH.
          long t0 = System.nanoTime();
          lshbench.lsh.HashFamily bank = g.build(bench.buildInput(config), key, l,
              config.hashSeed(0));
          long[] sig = bank.signatures(data, split.members(), 1);
          lshbench.lsh.BucketTable[] tables = LshIndex.buildTables(bank, sig, split.members(), k, l);
          double buildMs = (System.nanoTime() - t0) / 1e6;
          Built built = new Built(g.family(), key, l, bank, tables, buildMs);
          ladder.newTables();
          Map<Integer, List<BudgetBisection.Rung>> rungs = new TreeMap<>();
          for (int[] probing : SweepRunner.probeSettings(g, l)) {
            int probes = probing[0];
            int budget = probing[1];
            for (int keep : keeps) {
              if (ladder.beyond(probes, budget, keep)) {
                progress.step(String.format(Locale.ROOT, "%s %s L=%d %s R=%d skipped",
                    g.family(), key.label(), l, budget > 0 ? "B=" + budget : "T=" + probes, keep));
                continue;
              }
              Measurement m = built.measure(bench, probes, budget, keep,
                  keep > 0 ? prefilter.withKeep(keep) : null, prefilterMs, rows, grid);
              ladder.measured(probes, budget, keep, m.knnRecall());
              bisection.timed(g.family(), m.knnRecall(), m.queryUs().mean());
              if (budget > 0) {
                rungs.computeIfAbsent(keep, x -> new ArrayList<>())
                    .add(new BudgetBisection.Rung(budget, m.knnRecall(), m.queryUs().mean()));
              }
              progress.step(String.format(Locale.ROOT, "%s %s L=%d %s R=%d recall %.3f, %.0f µs",
                  g.family(), key.label(), l, budget > 0 ? "B=" + budget : "T=" + probes, keep,
                  m.knnRecall(), m.queryUs().mean()));
            }
          }
          for (Map.Entry<Integer, List<BudgetBisection.Rung>> e : rungs.entrySet()) {
            int keep = e.getKey();
            lshbench.lsh.ProjectedRerank rerank = keep > 0 ? prefilter.withKeep(keep) : null;
            int kk = k;
            for (int budget : bisection.refine(g.family(), l, e.getValue(), b -> bench.eval()
                .knnRecall(new LshIndex(data, split.members().length, bank, kk, tables, 0, rerank, b),
                    Integer.MAX_VALUE))) {
              Measurement m = built.measure(bench, 0, budget, keep, rerank, prefilterMs, rows,
                  grid);
              bisection.timed(g.family(), m.knnRecall(), m.queryUs().mean());
              bisected++;
              log.printf(Locale.ROOT, "[compare] %s %s L=%d B=%d R=%d (bisected between rungs): "
                  + "recall %.3f, %.0f µs%n", g.family(), key.label(), l, budget, keep,
                  m.knnRecall(), m.queryUs().mean());
            }
          }
        }
      }
    }
    if (bisected > 0) {
      log.printf(Locale.ROOT, "[compare] %d budgets bisected between ladder rungs (%d untimed "
          + "recall passes), each timed like a rung%n", bisected, bisection.recallPasses());
    }
    if (ladder.skipped() > 0) {
      log.printf(Locale.ROOT, "[compare] %d settings not measured: more probes on the same "
          + "tables than a setting that already reached recall %.2f (slower, never a pick)%n",
          ladder.skipped(), TARGETS[TARGETS.length - 1]);
    }
    StringBuilder picks = new StringBuilder();
    for (double target : TARGETS) {
      GridPoint best = fastest(grid, target);
      rows.add(pickRow(target, best));
      if (best == null) {
        picks.append(String.format(Locale.ROOT, "recall@%d >= %.2f: not reached by the grid%n",
            bench.topN(), target));
      } else {
        picks.append(String.format(Locale.ROOT, "recall@%d >= %.2f: %s %s L=%d T=%d B=%d R=%d "
            + "recall %.3f, %.1f µs/query, build %.0f ms, %d bytes%n", bench.topN(), target,
            best.family(), best.key().label(), best.l(), best.probes(), best.total(), best.keep(), best.knnRecall(), best.queryUs(),
            best.buildMs(), best.memoryBytes()));
      }
    }
    // Batch mode (ann-benchmarks --batch): each target's pick, rebuilt as in the grid, answers
    // every query in one call, on one thread and on all, beside the exact batch above.
    for (double target : TARGETS) {
      GridPoint best = fastest(grid, target);
      if (best == null) {
        continue;
      }
      LshIndex index = rebuild(bench, data, split, best, prefilter);
      for (int threads : batchThreads) {
        Neighbours[][] answers = new Neighbours[1][];
        double us = batchUs(q -> answers[0] = index.searchBatch(q, bench.topN(), threads),
            queryRows, split.queries().length);
        double recall = bench.eval().knnRecall(answers[0]);
        rows.add(List.of("lsh-batch", Integer.toString(best.k()), Integer.toString(best.l()),
            CsvTable.fmt("%.2f", target), CsvTable.fmt("%.4f", recall), CsvTable.fmt("%.2f", us),
            "", CsvTable.fmt("%.1f", 1e6 / us), CsvTable.fmt("%.1f", best.buildMs()),
            Long.toString(best.memoryBytes()), CsvTable.fmt("%.1f", best.candidatesMean()),
            best.family(), Integer.toString(best.probes()), Integer.toString(best.keep()),
            Integer.toString(threads), best.total() > 0 ? Integer.toString(best.total()) : "",
            bits(best), lastDim(best)));
        log.printf(Locale.ROOT, "[compare] pick at %.2f (%s %s L=%d T=%d B=%d R=%d), all %d "
            + "queries in one batch on %d thread(s): %.1f µs/query, %.0f queries/s, recall %.3f%n",
            target, best.family(), best.key().label(), best.l(), best.probes(), best.total(), best.keep(),
            split.queries().length, threads, us, 1e6 / us, recall);
      }
    }
    writeCsv(out.resolve(CSV), rows);
    RunJson.write(out.resolve("meta.json"), meta(data, split, bench.topN()));
    log.printf(Locale.ROOT, "[compare] exact scan %.1f µs/query (%.0f QPS)%n",
        exact.queryUs().mean(), 1e6 / exact.queryUs().mean());
    log.print(picks);
  }

  /**
   * Writes base, queries and ground truth. Ground-truth ids become positions in
   * {@code base.fvecs}, the numbering FAISS returns.
   */
  static void export(Path out, Dataset data, QuerySplit split, GroundTruth truth)
      throws IOException {
    int[] members = split.members();
    int[] position = new int[data.size()];
    java.util.Arrays.fill(position, -1);
    float[][] base = new float[members.length][];
    for (int i = 0; i < members.length; i++) {
      base[i] = data.vector(members[i]);
      position[members[i]] = i;
    }
    float[][] queries = new float[split.queries().length][];
    int[][] gt = new int[queries.length][];
    for (int q = 0; q < queries.length; q++) {
      queries[q] = data.vector(split.queries()[q]);
      int[] ids = truth.neighbours(q);
      gt[q] = new int[ids.length];
      for (int j = 0; j < ids.length; j++) {
        gt[q][j] = position[ids[j]];
      }
    }
    TexmexFormat.writeFvecs(base, out.resolve("base.fvecs"));
    TexmexFormat.writeFvecs(queries, out.resolve("query.fvecs"));
    TexmexFormat.writeIvecs(gt, out.resolve("groundtruth.ivecs"));
  }

  /**
   * The bound a one-query exact scan is held to, measured beside it: µs for one thread to
   * stream the bytes of {@code members} rows through the same SIMD kernel and nothing else (a
   * dot product of the vector array with itself over that many rows), the best of 20 passes
   * after 5 warm-up ones, as the scan's mean is taken warm.
   */
  static double streamUs(Dataset data, int members) {
    float[] v = data.vectors();
    int length = Math.multiplyExact(members, data.dim());
    double best = Double.POSITIVE_INFINITY;
    float sink = 0;
    for (int pass = 0; pass < 25; pass++) {
      long t0 = System.nanoTime();
      sink += lshbench.vector.VectorOps.dot(v, 0, v, 0, length);
      if (pass >= 5) {
        best = Math.min(best, (System.nanoTime() - t0) / 1e3);
      }
    }
    if (Float.isNaN(sink)) {
      throw new IllegalStateException("non-finite vectors"); // keeps the passes alive
    }
    return best;
  }

  /** One (k, L) of a family's grid, built from scratch: every probe setting is timed on it. */
  private record Built(String family, lshbench.family.TableKey key, int l,
      lshbench.lsh.HashFamily bank, lshbench.lsh.BucketTable[] tables, double buildMs) {

    /** Times one probing of these tables and records it as a row and a grid point. */
    Measurement measure(Workbench bench, int probes, int budget, int keep,
        lshbench.lsh.ProjectedRerank rerank, double prefilterMs, List<List<String>> rows,
        List<GridPoint> grid) {
      int k = key.k();
      Measurement m = bench.eval().run(new LshIndex(bench.data(), bench.split().members().length,
          bank, k, tables, probes, rerank, budget));
      double ms = buildMs + (keep > 0 ? prefilterMs : 0);
      List<String> row = new ArrayList<>(row("lsh", family, k, l, probes, keep, m, ms));
      row.set(COLUMNS.indexOf("probes_total"), budget > 0 ? Integer.toString(budget) : "");
      row.set(COLUMNS.indexOf("key_bits"), Integer.toString(bank.keyBits(k)));
      row.set(COLUMNS.indexOf("last_cp_dim"), key.fromBits() ? Integer.toString(key.lastDim()) : "");
      rows.add(row);
      grid.add(new GridPoint(family, k, l, probes, keep, m.knnRecall(), m.queryUs().mean(), ms,
          m.memoryBytes(), m.candidatesMean(), budget, bank.keyBits(k), key.lastDim()));
      return m;
    }
  }

  /** The grid's configuration {@code p} built again, exactly as the grid built it. */
  private LshIndex rebuild(Workbench bench, Dataset data, QuerySplit split, GridPoint p,
      lshbench.lsh.ProjectedRerank prefilter) {
    for (lshbench.family.LshGrid<?> g : config.families().lsh()) {
      if (g.family().equals(p.family())) {
        lshbench.lsh.HashFamily bank = g.build(bench.buildInput(config), p.key(), p.l(),
            config.hashSeed(0));
        long[] sig = bank.signatures(data, split.members(), 1);
        return new LshIndex(data, split.members().length, bank, p.k(),
            LshIndex.buildTables(bank, sig, split.members(), p.k(), p.l()), p.probes(),
            p.keep() > 0 ? prefilter.withKeep(p.keep()) : null, p.total());
      }
    }
    throw new IllegalStateException("no grid for family " + p.family());
  }

  /**
   * µs per query of answering all {@code count} queries in one batch call: the best of five
   * calls after three warm-up calls. Best, not mean: two-thread batches on a 2-vCPU virtual
   * machine vary from run to run (74 and 118 µs a query on Caltech, same code), while
   * one-thread batches hold within a few percent.
   */
  private static double batchUs(java.util.function.Consumer<float[]> batch, float[] queries,
      int count) {
    double best = Double.POSITIVE_INFINITY;
    for (int call = 0; call < 8; call++) {
      long t0 = System.nanoTime();
      batch.accept(queries);
      if (call >= 3) {
        best = Math.min(best, (System.nanoTime() - t0) / 1e3 / count);
      }
    }
    return best;
  }

  /** The fastest grid configuration reaching {@code target} kNN recall, or null. */
  static GridPoint fastest(List<GridPoint> grid, double target) {
    GridPoint best = null;
    for (GridPoint g : grid) {
      if (g.knnRecall() >= target && (best == null || g.queryUs() < best.queryUs())) {
        best = g;
      }
    }
    return best;
  }

  /** A {@code pick} row: the fastest configuration for {@code target}, empty when none. */
  static List<String> pickRow(double target, GridPoint best) {
    if (best == null) {
      List<String> row = new ArrayList<>(Collections.nCopies(COLUMNS.size(), ""));
      row.set(COLUMNS.indexOf("method"), "pick");
      row.set(COLUMNS.indexOf("target"), CsvTable.fmt("%.2f", target));
      row.set(COLUMNS.indexOf("threads"), "1");
      return row;
    }
    return List.of("pick", Integer.toString(best.k()), Integer.toString(best.l()),
        CsvTable.fmt("%.2f", target), CsvTable.fmt("%.4f", best.knnRecall()), CsvTable.fmt("%.2f", best.queryUs()), "",
        CsvTable.fmt("%.1f", 1e6 / best.queryUs()), CsvTable.fmt("%.1f", best.buildMs()),
        Long.toString(best.memoryBytes()), CsvTable.fmt("%.1f", best.candidatesMean()), best.family(),
        Integer.toString(best.probes()), Integer.toString(best.keep()), "1",
        best.total() > 0 ? Integer.toString(best.total()) : "", bits(best), lastDim(best));
  }

  private static String bits(GridPoint p) {
    return p.bits() > 0 ? Integer.toString(p.bits()) : "";
  }

  private static String lastDim(GridPoint p) {
    return p.lastDim() > 0 ? Integer.toString(p.lastDim()) : "";
  }

  /** A measured row: the exact scan ({@code family} empty, k and L 0) or one LSH index. */
  private static List<String> row(String method, String family, int k, int l, int probes,
      int keep, Measurement m, double buildMs) {
    boolean exact = method.equals("exact");
    boolean scan = method.equals("pca-scan");
    return List.of(method, k == 0 ? "" : Integer.toString(k), l == 0 ? "" : Integer.toString(l),
        "", CsvTable.fmt("%.4f", m.knnRecall()), CsvTable.fmt("%.2f", m.queryUs().mean()),
        CsvTable.fmt("%.2f", m.queryUs().p50()), CsvTable.fmt("%.1f", 1e6 / m.queryUs().mean()), CsvTable.fmt("%.1f", buildMs),
        Long.toString(m.memoryBytes()), CsvTable.fmt("%.1f", m.candidatesMean()), family,
        exact || scan ? "" : Integer.toString(probes), exact ? "" : Integer.toString(keep), "1", "",
        "", "");
  }

  /** Writes {@code lshbench.csv}: the header from {@link #COLUMNS}, then the rows. */
  static void writeCsv(Path file, List<List<String>> rows) throws IOException {
    new CsvTable(COLUMNS).write(file, rows);
  }

  private ObjectNode meta(Dataset data, QuerySplit split, int topN) {
    ObjectNode json = RunJson.object();
    json.put("experiment", config.experiment());
    json.put("provenance", data.provenance().headline());
    json.put("model", data.provenance().model());
    json.put("synthetic", data.provenance().synthetic());
    json.put("metric", source.metric().label());
    json.put("center", config.center());
    json.put("n_base", split.members().length);
    json.put("n_queries", split.queries().length);
    json.put("dim", data.dim());
    json.put("top_n", topN);
    json.put("seed", config.seed());
    json.put("timing", "one thread, one query at a time, System.nanoTime after warm-up; LSH "
        + "built from scratch per (k, L) on one thread, every family of the config");
    json.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    json.put("cores", Runtime.getRuntime().availableProcessors());
    return json;
  }
}
