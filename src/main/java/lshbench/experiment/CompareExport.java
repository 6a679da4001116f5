package lshbench.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lshbench.data.Dataset;
import lshbench.data.TexmexFormat;
import lshbench.eval.GroundTruth;
import lshbench.eval.Measurement;
import lshbench.eval.QuerySplit;
import lshbench.io.AtomicFiles;
import lshbench.lsh.ExactIndex;
import lshbench.lsh.LshIndex;

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

  private final SweepConfig config;
  private final PrintStream log;
  private Dataset data;

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
    data = Workbench.loadForExperiment(config, log).data();
    config.families().check(data.dim(), data.size() - config.queries());
  }

  @Override
  public RunFolder open() throws IOException {
    RunFolder folder = RunFolder.create(config.resultsDir(), config.experiment(),
        LocalDateTime.now());
    log.println("[compare] run folder " + folder.path());
    return folder;
  }

  @Override
  public Path compute(RunFolder folder) throws IOException {
    runIn(folder.path(), data);
    return folder.path();
  }

  private void runIn(Path out, Dataset data) throws IOException {
    Workbench bench = Workbench.prepare(config, data, log);
    QuerySplit split = bench.split();
    export(out, data, split, bench.truth());
    Measurement exact = bench.exact();
    List<String> rows = new ArrayList<>();
    rows.add("method,k,L,target,knn_recall,query_us_mean,query_us_p50,qps,build_ms,memory_bytes,"
        + "candidates_mean,family,probes,rerank_keep,threads");
    rows.add(row("exact", "", 0, 0, 0, 0, Double.NaN, exact, 0));
    ExactIndex batchIndex = new ExactIndex(data, split.members());
    float[] queryRows = data.rows(split.queries());
    for (int threads : config.threads() > 1 ? new int[] {1, config.threads()} : new int[] {1}) {
      double us = batchUs(batchIndex, queryRows, bench.topN(), threads);
      rows.add(String.format(Locale.ROOT, "exact-batch,,,,%.4f,%.2f,,%.1f,0.0,%d,%d,,,,%d",
          exact.knnRecall(), us, 1e6 / us, exact.memoryBytes(), split.members().length, threads));
      log.printf(Locale.ROOT, "[compare] exact, all %d queries in one batch on %d thread(s): "
          + "%.1f µs/query%n", split.queries().length, threads, us);
    }
    // family, k, L, T, recall, us, build ms, memory, candidates, rerank keep
    List<Object[]> grid = new ArrayList<>();
    int[] keeps = config.families().rerankKeep();
    int total = config.families().lsh().stream().mapToInt(lshbench.family.LshGrid::runs).sum() * keeps.length;
    lshbench.lsh.ProjectedRerank prefilter = null;
    double prefilterMs = 0;
    if (config.families().prefilters()) {
      long r0 = System.nanoTime();
      prefilter = RerankSubspace.fit(config, data, split.members(), config.hashSeed(0));
      prefilterMs = (System.nanoTime() - r0) / 1e6;
    }
    Progress progress = new Progress("compare", total, log);
    for (lshbench.family.LshGrid<?> g : config.families().lsh()) {
      for (int k : g.ks()) {
        for (int l : g.ls()) {
          // Built from scratch per (k, L) on one thread, as FAISS builds each IndexLSH.
          long t0 = System.nanoTime();
          lshbench.lsh.HashFamily bank = g.build(bench.buildInput(config), k, l,
              config.hashSeed(0));
          long[] sig = bank.signatures(data, split.members(), 1);
          lshbench.lsh.BucketTable[] tables = LshIndex.buildTables(bank, sig, split.members(), k, l);
          double buildMs = (System.nanoTime() - t0) / 1e6;
          for (int probes : g.probes()) {
            for (int keep : keeps) {
              LshIndex index = new LshIndex(data, split.members().length, bank, k, tables, probes,
                  keep > 0 ? prefilter.withKeep(keep) : null);
              Measurement m = bench.eval().run(index);
              double ms = buildMs + (keep > 0 ? prefilterMs : 0);
              rows.add(row("lsh", g.family(), k, l, probes, keep, Double.NaN, m, ms));
              grid.add(new Object[] {g.family(), k, l, probes, m.knnRecall(), m.queryUs().mean(),
                  ms, (double) m.memoryBytes(), m.candidatesMean(), keep});
              progress.step(String.format(Locale.ROOT, "%s k=%d L=%d T=%d R=%d recall %.3f, %.0f µs",
                  g.family(), k, l, probes, keep, m.knnRecall(), m.queryUs().mean()));
            }
          }
        }
      }
    }
    StringBuilder picks = new StringBuilder();
    for (double target : TARGETS) {
      Object[] best = null;
      for (Object[] g : grid) {
        if ((double) g[4] >= target && (best == null || (double) g[5] < (double) best[5])) {
          best = g;
        }
      }
      if (best == null) {
        rows.add(String.format(Locale.ROOT, "pick,,,%.2f,,,,,,,,,,,1", target));
        picks.append(String.format(Locale.ROOT, "recall@%d >= %.2f: not reached by the grid%n",
            bench.topN(), target));
      } else {
        rows.add(String.format(Locale.ROOT, "pick,%d,%d,%.2f,%.4f,%.2f,,%.1f,%.1f,%d,%.1f,%s,%d,%d,1",
            (int) best[1], (int) best[2], target, (double) best[4], (double) best[5],
            1e6 / (double) best[5], (double) best[6], (long) (double) best[7], (double) best[8],
            best[0], (int) best[3], (int) best[9]));
        picks.append(String.format(Locale.ROOT, "recall@%d >= %.2f: %s k=%d L=%d T=%d R=%d recall "
            + "%.3f, %.1f µs/query, build %.0f ms, %d bytes%n", bench.topN(), target, best[0],
            (int) best[1], (int) best[2], (int) best[3], (int) best[9], (double) best[4],
            (double) best[5], (double) best[6], (long) (double) best[7]));
      }
    }
    AtomicFiles.writeString(out.resolve("lshbench.csv"), String.join("\n", rows) + "\n");
    AtomicFiles.writeString(out.resolve("meta.json"), meta(data, split, bench.topN()));
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
   * µs per query of answering every query in one {@link ExactIndex#searchBatch} call: the best
   * of five calls after three warm-up calls. Best, not mean: two-thread batches on a 2-vCPU
   * virtual machine vary from run to run (74 and 118 µs a query on Caltech, same code), while
   * one-thread batches hold within a few percent.
   */
  private static double batchUs(ExactIndex index, float[] queries, int n, int threads) {
    double best = Double.POSITIVE_INFINITY;
    int count = queries.length / index.dim();
    for (int call = 0; call < 8; call++) {
      long t0 = System.nanoTime();
      index.searchBatch(queries, n, threads);
      if (call >= 3) {
        best = Math.min(best, (System.nanoTime() - t0) / 1e3 / count);
      }
    }
    return best;
  }

  private static String row(String method, String family, int k, int l, int probes, int keep,
      double target, Measurement m, double buildMs) {
    return String.format(Locale.ROOT, "%s,%s,%s,%s,%.4f,%.2f,%.2f,%.1f,%.1f,%d,%.1f,%s,%s,%s", method,
        k == 0 ? "" : Integer.toString(k), l == 0 ? "" : Integer.toString(l),
        Double.isNaN(target) ? "" : String.format(Locale.ROOT, "%.2f", target), m.knnRecall(),
        m.queryUs().mean(), m.queryUs().p50(), 1e6 / m.queryUs().mean(), buildMs,
        m.memoryBytes(), m.candidatesMean(), family,
        method.equals("exact") ? "" : Integer.toString(probes),
        method.equals("exact") ? "" : Integer.toString(keep)) + ",1";
  }

  private String meta(Dataset data, QuerySplit split, int topN) {
    return "{\n"
        + "  \"experiment\": \"" + esc(config.experiment()) + "\",\n"
        + "  \"provenance\": \"" + esc(data.provenance().headline()) + "\",\n"
        + "  \"model\": \"" + esc(String.valueOf(data.provenance().model())) + "\",\n"
        + "  \"synthetic\": " + data.provenance().synthetic() + ",\n"
        + "  \"metric\": \"" + config.metric().label() + "\",\n"
        + "  \"center\": " + config.center() + ",\n"
        + "  \"n_base\": " + split.members().length + ",\n"
        + "  \"n_queries\": " + split.queries().length + ",\n"
        + "  \"dim\": " + data.dim() + ",\n"
        + "  \"top_n\": " + topN + ",\n"
        + "  \"seed\": " + config.seed() + ",\n"
        + "  \"timing\": \"one thread, one query at a time, System.nanoTime after warm-up; LSH "
        + "built from scratch per (k, L) on one thread, every family of the config\",\n"
        + "  \"java\": \"" + esc(System.getProperty("java.vm.name") + " "
        + System.getProperty("java.version")) + "\",\n"
        + "  \"cores\": " + Runtime.getRuntime().availableProcessors() + "\n"
        + "}\n";
  }

  private static String esc(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
