package lshbench.experiment;

import lshbench.io.Progress;
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
import lshbench.eval.Evaluation;
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
  /** Rounds of ranking and confirming before the tuner reports that nothing reached the target. */
  private static final int ROUNDS = 3;
  private double margin = MARGIN;
  private final java.util.Set<String> confirmed = new java.util.HashSet<>();
  private static final double Z95 = 1.645;

  private final SweepConfig config;
  private final PrintStream log;
  /** The two-pass rerank every measured index uses, or null (see {@link #rerankKeep}). */
  private lshbench.lsh.ProjectedRerank prefilter;
  /** The pca-scan baseline at the tuner's R, when it reranks in two passes; else null. */
  private Measurement scan;
  private Workbench.Source source;
  private long start;
  private double loadAtStart;
  /** The exact scan over every round {@link #search} ran, once it has. */
  private Measurement exact;

  public Tuner(SweepConfig config, PrintStream log) {
    this.config = config;
    this.log = log;
  }

  /**
   * One measured candidate.
   *
   * @param queryUs median over seeds of each seed's median over rounds, on the run's clock
   * @param exactUs the exact scan's median in the same rounds
   * @param speedup {@code exactUs / queryUs}: the one speed-up figure every output prints
   * @param spread the largest of the seeds' round spreads (interquartile range over median)
   */
  public record Candidate(String family, int k, int l, int probes, double predictedRecall,
      double predictedUs, double recallMean, double recallStd, double lowerBound, double queryUs,
      double exactUs, double speedup, double spread, double memoryBytes, boolean accepted,
      int probesTotal) {
    String label() {
      return family + " k=" + k + " L=" + l + (probes > 0 ? " T=" + probes : "")
          + (probesTotal > 0 ? " B=" + probesTotal : "");
    }

    /** How the candidate probes, for tune.txt. */
    String probing() {
      return probesTotal > 0 ? probesTotal + " probes in all (FALCONN's num_probes)"
          : probes > 0 ? probes + " probes per table" : "plain LSH";
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
    loadAtStart = LoadAverage.now();
    source = Workbench.loadForExperiment(config, log);
    Dataset data = source.data();
    config.families().check(data.dim(), source.members(config));
    for (LshGrid<?> g : config.families().lsh()) {
      if (g.inBits()) {
        throw new ConfigException(g.family() + ".bits: the tuner searches k (whole functions) "
            + "itself; drop the key, or sweep the bits with type = sweep or compare");
      }
    }
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
        exact, loadAtStart, LoadAverage.now());
    if (best != null) {
      AtomicFiles.writeString(folder.resolve("recommendation.properties"), String.format(Locale.ROOT,
          "family = %s%nk = %d%nL = %d%nprobes = %d%nprobes.total = %d%nrerank.keep = %d%n"
              + "recall = %.4f%nquery_us = %.1f%nclock = %s%nspeedup = %.1f%n",
          best.family(), best.k(), best.l(), best.probes(), best.probesTotal(), rerankKeep(),
          best.recallMean(),
          best.queryUs(), config.clock().label(), best.speedup()));
    }
    return new Outcome(folder, csvFile, best, measured, configs, seconds);
  }

  /**
   * Ranks every (k, L) by theory and measures the best {@code tune.confirm} with fresh seeds,
   * each measurement appended to {@code csv}. Returns the measured candidates; the accepted one
   * with the lowest query time is the answer.
   */
  List<Candidate> search(Workbench bench, ResultsCsv csv) throws IOException {
    // Theory's recall sits within a seed's scatter of what is measured, so a candidate ranked
    // just above the target can miss it with confidence; which candidates those are depends on
    // measured costs, hence on the machine's load. When none is accepted, ask theory for the
    // margin the confirmations showed was missing and confirm again, rather than give up.
    List<Candidate> measured = new ArrayList<>();
    margin = MARGIN;
    for (int round = 1; ; round++) {
      List<Candidate> found;
      try {
        found = searchOnce(bench, csv);
      } catch (ConfigException e) {
        if (round == 1) {
          throw e;
        }
        log.println("[tune] no configuration within the limits is predicted to reach the wider "
            + "margin; stopping");
        return measured;
      }
      measured.addAll(found);
      if (round == ROUNDS || found.stream().anyMatch(Candidate::accepted)) {
        return measured;
      }
      double missing = found.stream().mapToDouble(c -> c.predictedRecall() - c.lowerBound())
          .max().orElse(0);
      margin = Math.max(margin + MARGIN, missing + MARGIN);
      log.printf(Locale.ROOT, "[tune] no candidate reached the target with confidence; ranking "
          + "again for recall %.3f above it (round %d of %d)%n", margin, round + 1, ROUNDS);
    }
  }

  private List<Candidate> searchOnce(Workbench bench, ResultsCsv csv) throws IOException {
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
    Progress families = new Progress("tune: families", config.families().lsh().size(), log);
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
          if (r >= t.targetRecall() + margin) {
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
      if (t.maxProbesTotal() > 0) {
        List<Ranked> plain = new ArrayList<>(ranked.subList(before, ranked.size()).stream()
            .filter(r -> r.probes() == 0 && r.total() == 0).toList());
        plain.sort(Comparator.comparingDouble(Ranked::us));
        ranked.addAll(searchBudgets(bench, grid, sampleBank, plain));
      }
      families.step(grid.family() + " ranked" + (t.maxProbes() > 0 || t.maxProbesTotal() > 0
          ? " and probes searched" : ""));
    }
    if (ranked.isEmpty()) {
      throw new ConfigException("target.recall: no (k ≤ " + t.maxK() + ", L ≤ " + t.maxL()
          + ") is predicted to reach " + t.targetRecall()
          + (t.memoryBudgetBytes() > 0 ? " within memory.budget.mb" : "") + "; raise tune.L.max");
    }
    ranked.sort(Comparator.comparingDouble(Ranked::us));
    // The best few overall, and at least the best of every family, so each is measured.
    // A later round skips what an earlier one confirmed: its rows are already in the CSV.
    ranked.removeIf(r -> confirmed.contains(r.key()));
    List<Ranked> chosen = new ArrayList<>(ranked.subList(0, Math.min(t.confirm(), ranked.size())));
    for (LshGrid<?> grid : config.families().lsh()) {
      ranked.stream().filter(r -> r.family().equals(grid.family())).findFirst()
          .filter(r -> !chosen.contains(r)).ifPresent(chosen::add);
    }
    chosen.forEach(r -> confirmed.add(r.key()));
    log.printf(Locale.ROOT, "[tune] confirming %d theory-ranked candidates with %d seeds each, "
        + "timed with the exact scan in %d interleaved rounds%n", chosen.size(), t.seeds(),
        config.rounds());
    List<Candidate> measured = confirm(bench, csv, chosen);
    for (Candidate cand : measured) {
      log.printf(Locale.ROOT, "[tune] %s: recall %.3f ± %.3f (lower bound %.3f, predicted "
          + "%.3f), %.0f µs %s (predicted %.0f), %.1fx the exact scan, %s%n", cand.label(),
          cand.recallMean(), cand.recallStd(), cand.lowerBound(), cand.predictedRecall(),
          cand.queryUs(), config.clock().label(), cand.predictedUs(), cand.speedup(),
          cand.accepted() ? "accepted" : "short of target");
    }
    return measured;
  }

  /**
   * The k a probe search tries: the plain theory's best and two coarser keys, which probing
   * favours; without a plain candidate, where buckets hold a few items (about log2(n) − 2 bits).
   */
  private java.util.TreeSet<Integer> searchedKs(Workbench bench, LshGrid<?> grid,
      HashFamily sampleBank, List<Ranked> plain) {
    int maxK = Math.min(config.tuning().maxK(), grid.spec().maxK(bench.data().dim()));
    int members = bench.split().members().length;
    int step = sampleBank.bitsPerFunction() == 1 ? 2 : 1;
    int base = plain.isEmpty() ? Math.max(1, (62 - Long.numberOfLeadingZeros(members))
        / sampleBank.bitsPerFunction()) : plain.get(0).k();
    base = Math.max(1, Math.min(base, maxK));
    java.util.TreeSet<Integer> ks = new java.util.TreeSet<>();
    for (int k = base; k <= Math.min(maxK, base + 2 * step); k += step) {
      ks.add(k);
    }
    return ks;
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
    java.util.TreeSet<Integer> ks = searchedKs(bench, grid, sampleBank, plain);
    int maxL = java.util.Arrays.stream(t.probeTables()).max().orElse(1);
    HashFamily hashes = grid.build(bench.buildInput(config), ks.last(), maxL, config.hashSeed(998));
    long[] signatures = hashes.signatures(bench.data(), members, config.threads());
    double goal = t.targetRecall() + margin;
    List<Ranked> out = new ArrayList<>();
    Progress progress = new Progress("tune: " + family + " multi-probe search",
        ks.size() * t.probeTables().length, log);
    for (int k : ks) {
      BucketTable[] tables = LshIndex.buildTables(hashes, signatures, members, k, maxL);
      List<LshIndex> found = new ArrayList<>();
      List<int[]> foundAt = new ArrayList<>();
      for (int l : t.probeTables()) {
        BucketTable[] used = java.util.Arrays.copyOf(tables, l);
        java.util.function.IntToDoubleFunction recallAt = probes -> {
          LshIndex index = new LshIndex(bench.data(), members.length, hashes, k, used, probes,
              prefilter);
          return t.labelTarget() ? bench.eval().labelRecall(index, Integer.MAX_VALUE)
              : bench.eval().knnRecall(index, Integer.MAX_VALUE);
        };
        if (recallAt.applyAsDouble(t.maxProbes()) < goal) {
          progress.step(String.format(Locale.ROOT, "k=%d L=%d: %d probes fall short", k, l,
              t.maxProbes()));
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
        found.add(new LshIndex(bench.data(), members.length, hashes, k, used, lo, prefilter));
        foundAt.add(new int[] {l, lo});
        progress.step(String.format(Locale.ROOT, "k=%d L=%d: %d probes per table", k, l, lo));
      }
      // Ranked by time: the finds of one k share their tables and are timed together.
      List<Measurement> timed = bench.eval().measure(found, Evaluation.RoundListener.NONE);
      for (int i = 0; i < found.size(); i++) {
        Measurement m = timed.get(i);
        int l = foundAt.get(i)[0];
        int lo = foundAt.get(i)[1];
        double r = t.labelTarget() ? m.labelRecall() : m.knnRecall();
        double us = m.on(config.clock()).median();
        if (t.memoryBudgetBytes() == 0 || m.memoryBytes() <= t.memoryBudgetBytes()) {
          out.add(new Ranked(family, k, l, lo, r, us));
        }
        log.printf(Locale.ROOT, "[tune] %s k=%d L=%d: %d probes per table reach %.3f, %.0f µs %s%n",
            family, k, l, lo, r, us, config.clock().label());
      }
    }
    return out;
  }

  /**
   * Total probe budgets over all tables, searched as FALCONN's own examples search
   * {@code num_probes}: for a few k (the plain theory's best and two coarser keys) and each L of
   * {@code tune.probes.L}, start at L (one probe a table, plain LSH), double the budget until the
   * recall on the queries reaches the target, then binary-search between the last two (recall
   * only grows with the budget: a larger budget visits a superset of buckets), up to
   * {@code tune.probes.total.max}; then time each find once.
   */
  List<Ranked> searchBudgets(Workbench bench, LshGrid<?> grid, HashFamily sampleBank,
      List<Ranked> plain) {
    SweepConfig.Tuning t = config.tuning();
    String family = grid.family();
    int[] members = bench.split().members();
    java.util.TreeSet<Integer> ks = searchedKs(bench, grid, sampleBank, plain);
    int maxL = java.util.Arrays.stream(t.probeTables()).max().orElse(1);
    HashFamily hashes = grid.build(bench.buildInput(config), ks.last(), maxL, config.hashSeed(997));
    long[] signatures = hashes.signatures(bench.data(), members, config.threads());
    double goal = t.targetRecall() + margin;
    List<Ranked> out = new ArrayList<>();
    Progress progress = new Progress("tune: " + family + " probe budget search",
        ks.size() * t.probeTables().length, log);
    for (int k : ks) {
      BucketTable[] tables = LshIndex.buildTables(hashes, signatures, members, k, maxL);
      List<LshIndex> found = new ArrayList<>();
      List<int[]> foundAt = new ArrayList<>();
      for (int l : t.probeTables()) {
        if (l > t.maxProbesTotal()) {
          continue;
        }
        BucketTable[] used = java.util.Arrays.copyOf(tables, l);
        java.util.function.IntToDoubleFunction recallAt = budget -> {
          LshIndex index = new LshIndex(bench.data(), members.length, hashes, k, used, 0,
              prefilter, budget);
          return t.labelTarget() ? bench.eval().labelRecall(index, Integer.MAX_VALUE)
              : bench.eval().knnRecall(index, Integer.MAX_VALUE);
        };
        int budget = BudgetSearch.fewest(l, t.maxProbesTotal(), b -> recallAt.applyAsDouble(b) >= goal);
        if (budget < 0) {
          progress.step(String.format(Locale.ROOT, "k=%d L=%d: %d probes in all fall short", k, l,
              t.maxProbesTotal()));
          continue;
        }
        found.add(new LshIndex(bench.data(), members.length, hashes, k, used, 0, prefilter, budget));
        foundAt.add(new int[] {l, budget});
        progress.step(String.format(Locale.ROOT, "k=%d L=%d: %d probes in all", k, l, budget));
      }
      List<Measurement> timed = bench.eval().measure(found, Evaluation.RoundListener.NONE);
      for (int i = 0; i < found.size(); i++) {
        Measurement m = timed.get(i);
        int l = foundAt.get(i)[0];
        int budget = foundAt.get(i)[1];
        double r = t.labelTarget() ? m.labelRecall() : m.knnRecall();
        double us = m.on(config.clock()).median();
        if (t.memoryBudgetBytes() == 0 || m.memoryBytes() <= t.memoryBudgetBytes()) {
          out.add(new Ranked(family, k, l, 0, r, us, budget));
        }
        log.printf(Locale.ROOT, "[tune] %s k=%d L=%d: %d probes in all reach %.3f, %.0f µs %s%n",
            family, k, l, budget, r, us, config.clock().label());
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
  record Ranked(String family, int k, int l, int probes, double recall, double us, int total) {
    Ranked(String family, int k, int l, int probes, double recall, double us) {
      this(family, k, l, probes, recall, us, 0);
    }

    /** The configuration, without what was predicted of it. */
    String key() {
      return family + " " + k + " " + l + " " + probes + " " + total;
    }
  }

  /** A candidate's seeds built and waiting to be timed, with what their rows need. */
  private record Built(Ranked ranked, List<LshIndex> seeds, long[] hashSeeds, double[] trainMs,
      double[] hashMs, double[] tableMs, CollisionTheory[] theories, Workbench.HashCost[] costs) {}

  /**
   * Builds every chosen candidate with {@code tune.seeds} fresh hash seeds and times them with
   * the exact scan in interleaved rounds, as few groups as the memory budget allows (a
   * candidate's seeds always share one group, so its speed-up is a ratio from one set of
   * rounds). Each seed's row goes to {@code csv}, then the exact scan's own row.
   */
  private List<Candidate> confirm(Workbench bench, ResultsCsv csv, List<Ranked> chosen)
      throws IOException {
    SweepConfig.Tuning t = config.tuning();
    Progress progress = new Progress("tune: confirm", chosen.size() * t.seeds() * config.rounds(),
        log);
    GroupTimer timer = new GroupTimer(bench, progress);
    List<Candidate> out = new ArrayList<>();
    List<Built> group = new ArrayList<>();
    long bytes = 0;
    for (Ranked c : chosen) {
      Built built = build(bench, c);
      long size = built.seeds().stream().mapToLong(LshIndex::memoryBytes).sum();
      if (!group.isEmpty() && bytes + size > GroupTimer.budgetBytes()) {
        out.addAll(time(bench, csv, timer, group));
        group.clear();
        bytes = 0;
      }
      group.add(built);
      bytes += size;
    }
    out.addAll(time(bench, csv, timer, group));
    if (prefilter != null) {
      // The baseline the two-pass rerank must beat: the same subspace over every item.
      lshbench.lsh.PcaScanIndex scanIndex = new lshbench.lsh.PcaScanIndex(bench.data(),
          bench.split().members(), prefilter);
      GroupTimer.Group g = timer.time(List.of(scanIndex), "pca-scan R=" + prefilter.keep());
      scan = g.measured().get(0);
      csv.add(bench.row(config, Workbench.pcaScanParameters(0, prefilter.keep()), 0, scan,
          g.exact(), 0, 0, 0, scanIndex, null, null));
    }
    exact = timer.exact();
    csv.add(bench.row(config, Workbench.exactParameters(), 0, exact, exact, 0, 0, 0,
        bench.exactIndex(), null, null));
    return out;
  }

  private Built build(Workbench bench, Ranked c) {
    SweepConfig.Tuning t = config.tuning();
    int[] members = bench.split().members();
    LshGrid<?> grid = config.families().grid(c.family());
    Built b = new Built(c, new ArrayList<>(), new long[t.seeds()], new double[t.seeds()],
        new double[t.seeds()], new double[t.seeds()], new CollisionTheory[t.seeds()],
        new Workbench.HashCost[t.seeds()]);
    for (int s = 0; s < t.seeds(); s++) {
      // Fresh seeds, never the sweep's: the recommendation must hold for a new index.
      long seed = config.hashSeed(1000 + s);
      HashFamily hashes = grid.build(bench.buildInput(config), c.k(), c.l(), seed);
      long h0 = System.nanoTime();
      long[] signatures = hashes.signatures(bench.data(), members, config.threads());
      b.hashMs()[s] = (System.nanoTime() - h0) / 1e6;
      long b0 = System.nanoTime();
      BucketTable[] tables = LshIndex.buildTables(hashes, signatures, members, c.k(), c.l());
      b.tableMs()[s] = (System.nanoTime() - b0) / 1e6;
      b.seeds().add(new LshIndex(bench.data(), members.length, hashes, c.k(), tables, c.probes(),
          prefilter, c.total()));
      b.hashSeeds()[s] = seed;
      b.trainMs()[s] = hashes.trainMs();
      b.theories()[s] = bench.theoryFor(grid, hashes, config);
      b.costs()[s] = bench.hashCost(hashes);
    }
    return b;
  }

  /** Times one group of built candidates with the exact scan and turns them into candidates. */
  private List<Candidate> time(Workbench bench, ResultsCsv csv, GroupTimer timer,
      List<Built> group) throws IOException {
    if (group.isEmpty()) {
      return List.of();
    }
    SweepConfig.Tuning t = config.tuning();
    List<LshIndex> all = group.stream().flatMap(b -> b.seeds().stream()).toList();
    GroupTimer.Group timed = timer.time(all, group.size() + " candidates × " + t.seeds() + " seeds");
    double exactUs = timed.exact().on(config.clock()).median();
    List<Candidate> out = new ArrayList<>();
    int at = 0;
    for (Built b : group) {
      Ranked c = b.ranked();
      double[] recall = new double[t.seeds()];
      double[] us = new double[t.seeds()];
      double spread = 0;
      double memory = 0;
      for (int s = 0; s < t.seeds(); s++) {
        Measurement m = timed.measured().get(at++);
        recall[s] = t.labelTarget() ? m.labelRecall() : m.knnRecall();
        us[s] = m.on(config.clock()).median();
        spread = Math.max(spread, m.on(config.clock()).spread());
        memory = m.memoryBytes();
        csv.add(bench.row(config, Workbench.lshParameters(c.family(), s, c.k(), c.l(), c.probes(),
            c.total(), rerankKeep()), b.hashSeeds()[s], m, timed.exact(), b.trainMs()[s], b.hashMs()[s],
            b.tableMs()[s], b.seeds().get(s), b.theories()[s], b.costs()[s]));
      }
      double mean = java.util.Arrays.stream(recall).average().orElse(0);
      double var = java.util.Arrays.stream(recall).map(r -> (r - mean) * (r - mean)).sum()
          / (recall.length - 1);
      double std = Math.sqrt(var);
      double lower = mean - Z95 * std / Math.sqrt(recall.length);
      double queryUs = lshbench.eval.RoundStats.median(us);
      out.add(new Candidate(c.family(), c.k(), c.l(), c.probes(), c.recall(), c.us(), mean, std,
          lower, queryUs, exactUs, exactUs / queryUs, spread, memory, lower >= t.targetRecall(),
          c.total()));
    }
    return out;
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
    s.append(String.format(Locale.ROOT, "exact:    %.0f µs per query (%s clock, median of %d "
        + "interleaved rounds; rounds' p25–p75 %.0f–%.0f µs)%n", exact.on(config.clock()).median(),
        config.clock().label(), exact.cpuUs().rounds().length, exact.on(config.clock()).p25(),
        exact.on(config.clock()).p75()));
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
          best.label(), best.probing()
              + (rerankKeep() > 0 ? ", two-pass rerank keeping " + rerankKeep() : ""),
          best.recallMean(), best.recallStd(), best.lowerBound(),
          best.queryUs(), best.speedup(), best.memoryBytes() / 1e6));
    }
    if (scan != null) {
      double scanUs = scan.on(config.clock()).median();
      double scanRecall = t.labelTarget() ? scan.labelRecall() : scan.knnRecall();
      s.append(String.format(Locale.ROOT, "BASELINE: pca-scan R=%d (every item scored in the same "
          + "%d-d subspace, the best %d compared exactly; no hashing): recall %.3f, %.0f µs "
          + "(%.1fx the exact scan)%n", prefilter.keep(), prefilter.dim(), prefilter.keep(),
          scanRecall, scanUs, exact.on(config.clock()).median() / scanUs));
      if (best != null) {
        s.append(best.queryUs() < scanUs || scanRecall < t.targetRecall()
            ? String.format(Locale.ROOT, "  hashing pays: the recommendation is %.2fx the scan's "
                + "speed%s; of its %.1fx over the exact scan, %.1fx is the prefilter's and %.2fx "
                + "the hash tables'%n%n", scanUs / best.queryUs(), scanRecall < t.targetRecall()
                    ? " (and the scan falls short of the target)" : "", best.speedup(),
                exact.on(config.clock()).median() / scanUs,
                best.speedup() / (exact.on(config.clock()).median() / scanUs))
            : String.format(Locale.ROOT, "  HASHING DOES NOT PAY at n = %d: the recommendation "
                + "(%.0f µs) is slower than the scan (%.0f µs), which reaches the target "
                + "without hashing%n%n", bench.split().members().length, best.queryUs(), scanUs));
      } else {
        s.append('\n');
      }
    }
    s.append("(query µs: median over seeds of each seed's median over rounds, "
        + config.clock().label() + " clock; speed-up: the exact scan's median in the same rounds "
        + "over it)\n\n");
    s.append(String.format(Locale.ROOT, "%-15s %-4s %-5s %-5s %-6s %10s %10s %10s %10s %12s %9s %10s  %s%n",
        "family", "k", "L", "T", "B",
        "predicted", "measured", "± std", "lower", "query µs", "speed-up", "memory MB", "verdict"));
    List<Candidate> sorted = new ArrayList<>(measured);
    sorted.sort(Comparator.comparingDouble(Candidate::queryUs));
    for (Candidate c : sorted) {
      s.append(String.format(Locale.ROOT, "%-15s %-4d %-5d %-5d %-6d %10.3f %10.3f %10.3f %10.3f %12.0f %8.1fx %10.2f  %s%n",
          c.family(), c.k(), c.l(), c.probes(), c.probesTotal(), c.predictedRecall(), c.recallMean(), c.recallStd(), c.lowerBound(),
          c.queryUs(), c.speedup(), c.memoryBytes() / 1e6, c == best ? "RECOMMENDED"
              : c.accepted() ? "runner-up" : "short of target"));
    }
    return s.toString();
  }
}
