package lshbench.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import lshbench.config.ConfigException;
import lshbench.data.Dataset;
import lshbench.eval.CollisionTheory;
import lshbench.eval.Measurement;
import lshbench.family.LshGrid;
import lshbench.io.AtomicFiles;
import lshbench.lsh.BucketTable;
import lshbench.lsh.HashFamily;
import lshbench.lsh.LshIndex;

/**
 * Finds the cheapest configuration of the listed LSH families whose recall reaches a target,
 * without sweeping a grid.
 *
 * <p>Theory prunes: from the measured query–neighbour angles, 1 − (1 − p^k)^L predicts recall
 * and candidates for every (k, L) up to the limits, so for each k only the smallest L that
 * reaches the target (with a small safety margin) is a candidate, ranked by a cost model:
 * hashing k·L functions at the family's measured cost per function, plus one distance per
 * predicted candidate at the measured cost of reranking a scattered row. Measurements confirm: the best few are built with several
 * fresh hash seeds each; a configuration is accepted when the one-sided 95% lower bound of its
 * recall over seeds reaches the target. The fastest accepted one is recommended.
 *
 * <p>With {@code tune.probes.max} > 0, multi-probe configurations join the race: for each family
 * the probes per table are binary-searched by measurement (see {@link #searchProbes}).
 */
public final class Tuner implements RunPlan<Tuner.Outcome> {
  /** Theory is within ~0.01 of measurements; aim a little higher so confirmation rarely fails. */
  private static final double MARGIN = 0.01;
  private static final double Z95 = 1.645;

  private final SweepConfig config;
  private final PrintStream log;
  /** The two-pass rerank every measured index uses, or null (see {@link #rerankKeep}). */
  private lshbench.lsh.ProjectedRerank prefilter;
  private Workbench.Source source;
  private long start;

  public Tuner(SweepConfig config, PrintStream log) {
    this.config = config;
    this.log = log;
  }

  /** One measured candidate. */
  public record Candidate(String family, int k, int l, int probes, double predictedRecall,
      double predictedUs, double recallMean, double recallStd, double lowerBound, double queryUs,
      double memoryBytes, boolean accepted) {
    String label() {
      return family + " k=" + k + " L=" + l + (probes > 0 ? " T=" + probes : "");
    }
  }

  /** What the tuner found, and how long it took. */
  public record Outcome(RunFolder folder, Path csv, Candidate recommended, List<Candidate> measured,
      int configsMeasured, double seconds) {}

  /** Runs without a report (tests, programmatic use); the command line adds one. */
  public Outcome run() throws IOException {
    return RunLifecycle.run(this, RunLifecycle.Report.none(), log);
  }

  @Override
  public Path writableTarget() {
    return config.resultsDir();
  }

  @Override
  public void load() throws IOException {
    start = System.nanoTime();
    source = Workbench.loadForExperiment(config, log);
    Dataset data = source.data();
    config.families().check(data.dim(), source.members(config));
    if (config.tuning().labelTarget() && !data.hasLabels()) {
      throw new ConfigException("target.metric: label recall needs labelled data; use knn");
    }
  }

  @Override
  public RunFolder open() throws IOException {
    return RunFolder.create(config.resultsDir(), config.experiment(), log, "tune");
  }

  @Override
  public Outcome compute(RunFolder folder) throws IOException {
    source.writeSkipped(folder, log);
    return tune(folder, source.data(), start);
  }

  private Outcome tune(RunFolder folder, Dataset data, long start) throws IOException {
    SweepConfig.Tuning t = config.tuning();
    Workbench bench = Workbench.prepare(config, source, log);
    List<Candidate> measured;
    try (ResultsCsv csv = new ResultsCsv(folder.path())) {
      measured = search(bench, csv);
      csv.finish();
    }
    int configs = measured.size() * t.seeds();
    Candidate best = measured.stream().filter(Candidate::accepted)
        .min(Comparator.comparingDouble(Candidate::queryUs)).orElse(null);
    double seconds = (System.nanoTime() - start) / 1e9;
    Path csvFile = folder.resolve(ResultsCsv.FILE);
    AtomicFiles.writeString(folder.resolve("tune.txt"), report(bench, best, measured, configs, seconds));
    RunJson.write(config, folder, bench.data(), System.currentTimeMillis() - (long) (seconds * 1e3),
        bench.exact().queryUs().mean());
    if (best != null) {
      AtomicFiles.writeString(folder.resolve("recommendation.properties"), String.format(Locale.ROOT,
          "family = %s%nk = %d%nL = %d%nprobes = %d%nrerank.keep = %d%nrecall = %.4f%nquery_us = %.1f%n",
          best.family(), best.k(), best.l(), best.probes(), rerankKeep(), best.recallMean(),
          best.queryUs()));
    }
    return new Outcome(folder, csvFile, best, measured, configs, seconds);
  }

  /**
   * Ranks every (k, L) by theory and measures the best {@code tune.confirm} with fresh seeds,
   * each measurement appended to {@code csv}. Returns the measured candidates; the accepted one
   * with the lowest query time is the answer.
   */
  List<Candidate> search(Workbench bench, ResultsCsv csv) throws IOException {
    SweepConfig.Tuning t = config.tuning();
    int members = bench.split().members().length;
    double usPerItem = bench.candidateUs(); // as in predicted_query_us
    int keep = rerankKeep();
    if (keep > 0) {
      prefilter = RerankSubspace.fit(config, bench.data(), bench.split().members(),
          config.hashSeed(997)).withKeep(keep);
      log.printf(Locale.ROOT, "[tune] two-pass rerank: candidates ranked in %d dimensions, the "
          + "best %d compared exactly%n", prefilter.dim(), keep);
    }
    if (config.families().hnsw() != null) {
      log.println("[tune] hnsw is listed but the tuner chooses among LSH families only; sweep it");
    }
    List<Ranked> ranked = new ArrayList<>();
    for (LshGrid<?> grid : config.families().lsh()) {
      // A small hashes of the family, for its theory and its hashing cost.
      HashFamily sampleBank = grid.build(bench.buildInput(config), 1, 16, config.hashSeed(999));
      CollisionTheory theory = bench.theoryFor(grid, sampleBank, config);
      Workbench.HashCost cost = bench.hashCost(sampleBank);
      int maxK = Math.min(t.maxK(), grid.spec().maxK(bench.data().dim()));
      int before = ranked.size();
      for (int k = 1; k <= maxK; k++) {
        for (int l = 1; l <= t.maxL(); l++) {
          double r = t.labelTarget() ? theory.labelRecall(k, l) : theory.knnRecall(k, l);
          if (r >= t.targetRecall() + MARGIN) {
            double memory = memoryBytes(sampleBank, k, l, members);
            if (t.memoryBudgetBytes() == 0 || memory <= t.memoryBudgetBytes()) {
              double candidates = theory.candidates(k, l);
              // A first pass costs m/d of an exact distance per candidate, then keep exact ones.
              double us = cost.us(k, l) + (prefilter == null ? usPerItem * candidates
                  : usPerItem * (candidates * prefilter.dim() / bench.data().dim()
                      + Math.min(candidates, prefilter.keep())));
              ranked.add(new Ranked(grid.family(), k, l, 0, r, us));
            }
            break; // larger L for this k only costs more
          }
        }
      }
      log.printf(Locale.ROOT, "[tune] %s: hashing %.2f µs + %.2f µs per function; %d values of k "
          + "can reach %.2f%n", grid.family(), cost.fixedUs(), cost.perFunctionUs(),
          ranked.size() - before, t.targetRecall());
      if (t.maxProbes() > 0) {
        List<Ranked> plain = new ArrayList<>(ranked.subList(before, ranked.size()));
        plain.sort(Comparator.comparingDouble(Ranked::us));
        ranked.addAll(searchProbes(bench, grid, sampleBank, plain));
      }
    }
    if (ranked.isEmpty()) {
      throw new ConfigException("target.recall: no (k ≤ " + t.maxK() + ", L ≤ " + t.maxL()
          + ") is predicted to reach " + t.targetRecall()
          + (t.memoryBudgetBytes() > 0 ? " within memory.budget.mb" : "") + "; raise tune.L.max");
    }
    ranked.sort(Comparator.comparingDouble(Ranked::us));
    // The best few overall, and at least the best of every family, so each is measured.
    List<Ranked> chosen = new ArrayList<>(ranked.subList(0, Math.min(t.confirm(), ranked.size())));
    for (LshGrid<?> grid : config.families().lsh()) {
      ranked.stream().filter(r -> r.family().equals(grid.family())).findFirst()
          .filter(r -> !chosen.contains(r)).ifPresent(chosen::add);
    }
    log.printf(Locale.ROOT, "[tune] measuring %d theory-ranked candidates with %d seeds each%n",
        chosen.size(), t.seeds());
    List<Candidate> measured = new ArrayList<>();
    for (Ranked c : chosen) {
      Candidate cand = measure(bench, csv, c);
      measured.add(cand);
      log.printf(Locale.ROOT, "[tune] %s: recall %.3f ± %.3f (lower bound %.3f, predicted "
          + "%.3f), %.0f µs (predicted %.0f), %s%n", cand.label(), cand.recallMean(), cand.recallStd(),
          cand.lowerBound(), cand.predictedRecall(), cand.queryUs(), cand.predictedUs(),
          cand.accepted() ? "accepted" : "short of target");
    }
    return measured;
  }

  /**
   * Multi-probe has no closed-form theory here, so it is searched by measurement, as FALCONN
   * tunes its probes: for a few k (the plain theory's best and two coarser-grained keys, which
   * probing favours) and each L of {@code tune.probes.L}, binary-search the fewest probes per
   * table whose recall on the queries reaches the target (recall only grows with probes: the
   * probed buckets of T are a prefix of those of T + 1), then time each find once.
   */
  List<Ranked> searchProbes(Workbench bench, LshGrid<?> grid, HashFamily sampleBank,
      List<Ranked> plain) {
    SweepConfig.Tuning t = config.tuning();
    String family = grid.family();
    int[] members = bench.split().members();
    int maxK = Math.min(t.maxK(), grid.spec().maxK(bench.data().dim()));
    java.util.TreeSet<Integer> ks = new java.util.TreeSet<>();
    int step = sampleBank.bitsPerFunction() == 1 ? 2 : 1;
    // Without a plain candidate, start where buckets hold a few items: about log2(n) − 2 bits.
    int base = plain.isEmpty() ? Math.max(1, (62 - Long.numberOfLeadingZeros(members.length))
        / sampleBank.bitsPerFunction()) : plain.get(0).k();
    base = Math.max(1, Math.min(base, maxK));
    for (int k = base; k <= Math.min(maxK, base + 2 * step); k += step) {
      ks.add(k);
    }
    int maxL = java.util.Arrays.stream(t.probeTables()).max().orElse(1);
    HashFamily hashes = grid.build(bench.buildInput(config), ks.last(), maxL, config.hashSeed(998));
    long[] signatures = hashes.signatures(bench.data(), members, config.threads());
    double goal = t.targetRecall() + MARGIN;
    List<Ranked> out = new ArrayList<>();
    for (int k : ks) {
      BucketTable[] tables = LshIndex.buildTables(hashes, signatures, members, k, maxL);
      for (int l : t.probeTables()) {
        BucketTable[] used = java.util.Arrays.copyOf(tables, l);
        java.util.function.IntToDoubleFunction recallAt = probes -> {
          LshIndex index = new LshIndex(bench.data(), members.length, hashes, k, used, probes,
              prefilter);
          return t.labelTarget() ? bench.eval().labelRecall(index, Integer.MAX_VALUE)
              : bench.eval().knnRecall(index, Integer.MAX_VALUE);
        };
        if (recallAt.applyAsDouble(t.maxProbes()) < goal) {
          continue;
        }
        int lo = 0;
        int hi = t.maxProbes();
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (recallAt.applyAsDouble(mid) >= goal) {
            hi = mid;
          } else {
            lo = mid + 1;
          }
        }
        LshIndex index = new LshIndex(bench.data(), members.length, hashes, k, used, lo, prefilter);
        Measurement m = bench.eval().run(index);
        double r = t.labelTarget() ? m.labelRecall() : m.knnRecall();
        if (t.memoryBudgetBytes() == 0 || m.memoryBytes() <= t.memoryBudgetBytes()) {
          out.add(new Ranked(family, k, l, lo, r, m.queryUs().mean()));
        }
        log.printf(Locale.ROOT, "[tune] %s k=%d L=%d: %d probes per table reach %.3f, %.0f µs%n",
            family, k, l, lo, r, m.queryUs().mean());
      }
    }
    return out;
  }

  /**
   * The tuner tunes hashing, not the rerank: with {@code rerank.keep} set, every index it
   * measures uses the largest kept count of the grid (0 = exact rerank of every candidate).
   */
  private int rerankKeep() {
    return java.util.Arrays.stream(config.families().rerankKeep()).max().orElse(0);
  }

  /**
   * A configuration to confirm: ranked by theory's predicted cost (plain LSH) or by one timed
   * run (multi-probe, {@code probes} > 0).
   */
  record Ranked(String family, int k, int l, int probes, double recall, double us) {}

  private Candidate measure(Workbench bench, ResultsCsv csv, Ranked c) throws IOException {
    SweepConfig.Tuning t = config.tuning();
    int[] members = bench.split().members();
    double[] recall = new double[t.seeds()];
    double us = 0;
    double memory = 0;
    for (int s = 0; s < t.seeds(); s++) {
      // Fresh seeds, never the sweep's: the recommendation must hold for a new index.
      long seed = config.hashSeed(1000 + s);
      LshGrid<?> grid = config.families().grid(c.family());
      HashFamily hashes = grid.build(bench.buildInput(config), c.k(), c.l(), seed);
      long h0 = System.nanoTime();
      long[] signatures = hashes.signatures(bench.data(), members, config.threads());
      double hashMs = (System.nanoTime() - h0) / 1e6;
      long b0 = System.nanoTime();
      BucketTable[] tables = LshIndex.buildTables(hashes, signatures, members, c.k(), c.l());
      double tableMs = (System.nanoTime() - b0) / 1e6;
      LshIndex index = new LshIndex(bench.data(), members.length, hashes, c.k(), tables, c.probes(),
          prefilter);
      Measurement m = bench.eval().run(index);
      recall[s] = t.labelTarget() ? m.labelRecall() : m.knnRecall();
      us += m.queryUs().mean() / t.seeds();
      memory = m.memoryBytes();
      csv.add(bench.row(config, Workbench.lshParameters(c.family(), s, c.k(), c.l(), c.probes(),
          rerankKeep()), seed, m, hashes.trainMs(), hashMs, tableMs, index,
          bench.theoryFor(grid, hashes, config), bench.hashCost(hashes)));
    }
    double mean = java.util.Arrays.stream(recall).average().orElse(0);
    double var = java.util.Arrays.stream(recall).map(r -> (r - mean) * (r - mean)).sum()
        / (recall.length - 1);
    double std = Math.sqrt(var);
    double lower = mean - Z95 * std / Math.sqrt(recall.length);
    return new Candidate(c.family(), c.k(), c.l(), c.probes(), c.recall(), c.us(), mean, std, lower,
        us, memory, lower >= t.targetRecall());
  }

  /** The family's parameters for (k, L) plus CSR tables (ids, keys, offsets). */
  static double memoryBytes(HashFamily family, int k, int l, int members) {
    double buckets = Math.min(members, Math.pow(2, (double) k * family.bitsPerFunction()));
    return family.bytesFor(k, l) + l * (4.0 * members + 12.0 * buckets + 4);
  }

  private String report(Workbench bench, Candidate best, List<Candidate> measured, int configs,
      double seconds) {
    SweepConfig.Tuning t = config.tuning();
    StringBuilder s = new StringBuilder("lshbench tuner\n");
    s.append("dataset:  ").append(bench.data().provenance().headline()).append('\n');
    s.append(String.format(Locale.ROOT, "target:   %s ≥ %.3f (95%% one-sided lower bound over %d fresh "
        + "hash seeds)%s%n", t.labelTarget() ? "label recall" : "kNN recall@" + bench.topN(),
        t.targetRecall(), t.seeds(), t.memoryBudgetBytes() > 0
            ? String.format(Locale.ROOT, ", index ≤ %.1f MB", t.memoryBudgetBytes() / 1e6) : ""));
    s.append(String.format(Locale.ROOT, "exact:    %.0f µs per query%n", bench.exact().queryUs().mean()));
    s.append(String.format(Locale.ROOT, "searched: %s; k ≤ %d, L ≤ %d by theory%s; measured %d "
        + "configurations × seeds in %.1f s%n", String.join(", ", config.families().lsh().stream()
            .map(LshGrid::family).toList()), t.maxK(), t.maxL(), t.maxProbes() > 0
            ? String.format(Locale.ROOT, "; multi-probe by binary search, probes ≤ %d at L ∈ %s",
                t.maxProbes(), java.util.Arrays.toString(t.probeTables())) : "", configs, seconds));
    s.append("(for multi-probe rows, 'predicted' is the recall its search measured)\n\n");
    if (best == null) {
      s.append("No measured candidate reached the target with confidence; see below and raise "
          + "tune.confirm or tune.L.max.\n\n");
    } else {
      s.append(String.format(Locale.ROOT, "RECOMMENDED: %s (%s)%n  recall %.3f ± %.3f "
          + "(lower bound %.3f), query %.0f µs (%.1fx the exact scan), index %.2f MB%n%n",
          best.label(), (best.probes() > 0 ? best.probes() + " probes per table" : "plain LSH")
              + (rerankKeep() > 0 ? ", two-pass rerank keeping " + rerankKeep() : ""),
          best.recallMean(), best.recallStd(), best.lowerBound(),
          best.queryUs(), bench.exact().queryUs().mean() / best.queryUs(), best.memoryBytes() / 1e6));
    }
    s.append(String.format(Locale.ROOT, "%-15s %-4s %-5s %-5s %10s %10s %10s %10s %12s %10s  %s%n",
        "family", "k", "L", "T",
        "predicted", "measured", "± std", "lower", "query µs", "memory MB", "verdict"));
    List<Candidate> sorted = new ArrayList<>(measured);
    sorted.sort(Comparator.comparingDouble(Candidate::queryUs));
    for (Candidate c : sorted) {
      s.append(String.format(Locale.ROOT, "%-15s %-4d %-5d %-5d %10.3f %10.3f %10.3f %10.3f %12.0f %10.2f  %s%n",
          c.family(), c.k(), c.l(), c.probes(), c.predictedRecall(), c.recallMean(), c.recallStd(), c.lowerBound(),
          c.queryUs(), c.memoryBytes() / 1e6, c == best ? "RECOMMENDED"
              : c.accepted() ? "runner-up" : "short of target"));
    }
    return s.toString();
  }
}
