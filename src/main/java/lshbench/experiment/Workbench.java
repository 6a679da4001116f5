package lshbench.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lshbench.config.ConfigException;
import lshbench.data.AnnBenchmarksFile;
import lshbench.data.ClusterGenerator;
import lshbench.data.ClusterSpec;
import lshbench.data.Dataset;
import lshbench.data.DatasetLoader;
import lshbench.data.FixedQueries;
import lshbench.data.SyntheticGenerator;
import lshbench.data.SyntheticSpec;
import lshbench.embed.ImageEmbedding;
import lshbench.eval.CollisionTheory;
import lshbench.eval.CostBreakdown;
import lshbench.eval.Evaluation;
import lshbench.eval.GroundTruth;
import lshbench.eval.GroundTruthCheck;
import lshbench.eval.Measurement;
import lshbench.eval.QuerySplit;
import lshbench.family.BuildInput;
import lshbench.family.HnswSpec;
import lshbench.family.LshGrid;
import lshbench.family.Theory;
import lshbench.family.TheoryInput;
import lshbench.lsh.ExactIndex;
import lshbench.lsh.HashFamily;
import lshbench.lsh.HyperplaneBank;
import lshbench.lsh.Index;
import lshbench.lsh.LshIndex;
import lshbench.vector.Metric;

/**
 * What every experiment over one dataset needs before it measures an index: the query split,
 * both ground truths (cached), the exact scan (timed beside the configurations it is compared
 * with, never here), the centre hashes use, and the collision theory of each hash family (on
 * first use).
 */
record Workbench(Dataset data, QuerySplit split, int topN, GroundTruth truth, Evaluation eval,
    Index exactIndex, float[] centre, Map<String, CollisionTheory> familyTheories,
    PrintStream log, double candidateUs, Metric metric) {

  /**
   * The collision theory of a family, computed on first use (an HNSW-only run never pays for
   * it) from its first bank, once per family and run; null for a family without one.
   */
  CollisionTheory theoryFor(LshGrid<?> grid, HashFamily built, SweepConfig config) {
    CollisionTheory whole = wholeTheoryFor(grid, built, config);
    int lastBits = built.keyBits(built.maxK()) - (built.maxK() - 1) * built.bitsPerFunction();
    if (lastBits == built.bitsPerFunction() || whole == null) {
      return whole;
    }
    // A bank whose last function is narrower (a partial cross-polytope): the same measured
    // angles, the last function's own curve; one per width of that function.
    String key = grid.family() + "/last " + lastBits + " bits";
    if (!familyTheories.containsKey(key)) {
      long t0 = System.nanoTime();
      familyTheories.put(key, grid.partialTheory(new TheoryInput(data, split, truth, centre,
          config.seed(), config.threads()), built, whole));
      log.printf(Locale.ROOT, "[%s] %s theory for a last function of %d bits in %.1f s%n",
          config.type(), grid.family(), lastBits, (System.nanoTime() - t0) / 1e9);
    }
    return familyTheories.get(key);
  }

  private CollisionTheory wholeTheoryFor(LshGrid<?> grid, HashFamily built, SweepConfig config) {
    if (familyTheories.containsKey(grid.family())) {
      return familyTheories.get(grid.family());
    }
    long t0 = System.nanoTime();
    Theory t = grid.theory(new TheoryInput(data, split, truth, centre, config.seed(),
        config.threads()), built);
    familyTheories.put(grid.family(), t == null ? null : t.theory());
    if (t != null) {
      log.printf(Locale.ROOT, "[%s] %s theory (%s) in %.1f s%n", config.type(), grid.family(),
          t.how(), (System.nanoTime() - t0) / 1e9);
    }
    return t == null ? null : t.theory();
  }

  /** What drawing a bank of any family may look at in this run. */
  BuildInput buildInput(SweepConfig config) {
    return new BuildInput(data, split.members(), config.families().pcaSample(), centre,
        config.threads());
  }

  /**
   * What hashing a query costs a family: a fixed part (a PCA projection, centring) plus a part
   * per function, fitted from timing 1 and up to 16 tables of one function on 50 queries.
   */
  HashCost hashCost(HashFamily family) {
    float[][] q = eval.queryVectors();
    int n = Math.min(50, q.length);
    int many = Math.min(16, family.tables());
    long[] keys = new long[many];
    int[] tables = new int[many];
    double one = Double.MAX_VALUE;
    double lots = Double.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        family.queryKeys(q[i], 1, 1, 0, keys, tables);
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        family.queryKeys(q[i], 1, many, 0, keys, tables);
      }
      long t2 = System.nanoTime();
      one = Math.min(one, (t1 - t0) / 1e3 / n);
      lots = Math.min(lots, (t2 - t1) / 1e3 / n);
    }
    double perFunction = many > 1 ? Math.max(0, (lots - one) / (many - 1)) : one;
    return new HashCost(Math.max(0, one - perFunction), perFunction);
  }

  /**
   * Microseconds to rerank one candidate, measured where it happens: the rerank stage of a
   * small random-hyperplane index over these items, profiled on up to 100 queries. Candidates
   * are scattered rows, so this is neither the exact scan's streaming rate (several times
   * cheaper a row on large sets) nor a uniform random row (whose misses overstate it).
   */
  static double candidateUs(Dataset data, QuerySplit split, Evaluation eval, float[] centre,
      int threads) {
    int[] members = split.members();
    // Buckets of about 128 items, 8 tables: around a thousand candidates a query, as at the
    // recalls users tune for, so fixed per-query costs do not inflate the per-row price.
    int k = Math.max(1, 63 - Long.numberOfLeadingZeros(members.length) - 7);
    HyperplaneBank bank = new HyperplaneBank(data.dim(), k, 8, 0x5EEDL, centre);
    LshIndex index = LshIndex.build(bank, data, members, k, 8, 0, threads);
    float[][] q = eval.queryVectors();
    CostBreakdown c = CostBreakdown.measure(index, java.util.Arrays.copyOf(q, Math.min(100, q.length)),
        eval.topN(), 20);
    // Buckets nearly empty (tiny or degenerate data) say nothing: the caller falls back.
    return c.uniqueCandidates() >= 20 ? c.rerankUs() / c.uniqueCandidates() : Double.NaN;
  }

  /** Microseconds to hash one query: {@code fixedUs + perFunctionUs · k · L}. */
  record HashCost(double fixedUs, double perFunctionUs) {
    double us(int k, int tables) {
      return fixedUs + perFunctionUs * k * tables;
    }
  }

  /** Held-out queries drawn from {@code data}, compared under the configured metric. */
  static Workbench prepare(SweepConfig config, Dataset data, PrintStream log) throws IOException {
    return prepare(config, new Source(data, null, config.metric(), null, null), log);
  }

  /**
   * The source's split and ground truth when it brings them (a published query set), else
   * held-out queries drawn with the seed and the exact neighbours computed (cached).
   */
  static Workbench prepare(SweepConfig config, Source source, PrintStream log) throws IOException {
    Dataset data = source.data();
    QuerySplit split = source.split() != null ? source.split()
        : QuerySplit.draw(data.size(), config.queries(), config.seed());
    int topN = Math.min(config.topN(), split.members().length);
    long t0 = System.nanoTime();
    GroundTruth.Loaded gt = source.truth() != null
        ? new GroundTruth.Loaded(source.truth(), false, null)
        : GroundTruth.loadOrCompute(data, split, topN, config.threads(), config.cacheDir(), log);
    log.printf(Locale.ROOT, "[%s] ground truth (%d queries, top %d) %s in %.1f s%n", config.type(),
        split.queries().length, topN, source.truth() != null ? "given with the queries"
            : gt.fromCache() ? "read from cache" : "computed", (System.nanoTime() - t0) / 1e9);
    if (data.hasLabels()) {
      int[] perLabel = new int[data.labelCount()];
      for (int i = 0; i < data.size(); i++) {
        perLabel[data.label(i)]++;
      }
      java.util.List<String> lonely = new java.util.ArrayList<>();
      for (int c = 0; c < perLabel.length; c++) {
        if (perLabel[c] == 1) {
          lonely.add(data.labelName(c));
        }
      }
      if (!lonely.isEmpty()) {
        log.printf(Locale.ROOT, "[%s] %d categories have a single item %s: as queries they have no "
            + "true neighbour and are left out of label recall%n", config.type(), lonely.size(),
            lonely.size() <= 5 ? lonely : lonely.subList(0, 5) + "…");
      }
    }
    Evaluation eval = new Evaluation(data, split, gt.truth(), topN, config.timingPlan());
    ExactIndex exact = new ExactIndex(data, split.members());
    log.printf(Locale.ROOT, "[%s] precision@%d of exact kNN %s (how well neighbours share a label "
        + "before any hashing)%n", config.type(), topN, data.hasLabels()
            ? String.format(Locale.ROOT, "%.3f", exactPrecision(data, split, gt.truth(), topN))
            : "n/a (unlabelled)");
    float[] centre = config.center() ? HyperplaneBank.mean(data, split.members()) : null;
    double measured = candidateUs(data, split, eval, centre, config.threads());
    double candidateUs = Double.isNaN(measured) ? streamingUs(exact, eval, split) : measured;
    log.printf(Locale.ROOT, "[%s] rerank cost of a candidate %.3f µs, profiled on a small index%s%n",
        config.type(), candidateUs, Double.isNaN(measured) ? " (too few candidates: the exact "
            + "scan's cost a row instead)" : "");
    return new Workbench(data, split, topN, gt.truth(), eval, exact, centre,
        new java.util.HashMap<>(), log, candidateUs, source.metric());
  }

  /** Same-label share of the exact top n, from the ground truth: no search needed. */
  static double exactPrecision(Dataset data, QuerySplit split, GroundTruth truth, int topN) {
    double sum = 0;
    for (int q = 0; q < split.queries().length; q++) {
      int label = data.label(split.queries()[q]);
      int hits = 0;
      for (int id : truth.neighbours(q)) {
        hits += data.label(id) == label ? 1 : 0;
      }
      sum += (double) hits / topN;
    }
    return sum / split.queries().length;
  }

  /** The exact scan's wall time a row on a few queries: the rerank price when nothing else works. */
  static double streamingUs(ExactIndex exact, Evaluation eval, QuerySplit split) {
    float[][] q = eval.queryVectors();
    int n = Math.min(20, q.length);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      exact.search(q[i], eval.topN());
    }
    return (System.nanoTime() - t0) / 1e3 / n / split.members().length;
  }

  /**
   * The configured dataset as read (not yet normalised): generated, embedded, or read from a
   * vector file, with the published queries an ann-benchmarks file or {@code queries.file}
   * brings, and the metric (an ann-benchmarks file's {@code distance} decides for it).
   */
  static Source loadDataset(SweepConfig config, PrintStream log) throws IOException {
    Source raw;
    if (config.images() != null) {
      log.println("[" + config.type() + "] " + config.images().describe());
      ImageEmbedding.Result r = ImageEmbedding.load(config.images(), config.cacheDir(), log);
      log.printf(Locale.ROOT, "[%s] %d images embedded (%s), %d files skipped%s%n", config.type(),
          r.dataset().size(), r.fromCache() ? "from cache" : String.format(Locale.ROOT,
              "%.1f images/s", r.imagesPerSecond()), r.skipped().size(),
          r.emptyCategories().isEmpty() ? "" : ", empty categories: " + r.emptyCategories());
      raw = new Source(r.dataset(), r, config.metric(), null, null);
    } else if (AnnBenchmarksFile.isHdf5(Path.of(config.dataset()))) {
      AnnBenchmarksFile f = AnnBenchmarksFile.read(Path.of(config.dataset()));
      if (f.metric() != config.metric()) {
        log.printf(Locale.ROOT, "[%s] metric: %s says distance=%s, so neighbours are ranked by %s "
            + "(the file's ground truth is defined by it), not %s%n", config.type(),
            config.dataset(), AnnBenchmarksFile.metricName(f.metric()), f.metric().label(),
            config.metric().label());
      }
      raw = new Source(f.train(), null, f.metric(), null, null).withQueries(f.test());
    } else {
      raw = new Source(loadVectors(config, log), null, config.metric(), null, null);
    }
    checkFinite(raw.data());
    if (config.queriesFile() != null) {
      raw = raw.withQueries(FixedQueries.load(config.queriesFile(), config.groundTruthFile()));
    }
    return raw;
  }

  /**
   * The dataset as an experiment uses it: loaded, L2-normalised for cosine, split (a published
   * query set appended after the base, or held-out queries checked against the item count),
   * and a published ground truth checked against brute force on a sample, all before any run
   * folder exists.
   */
  static Source loadForExperiment(SweepConfig config, PrintStream log) throws IOException {
    return split(config, loadDataset(config, log), log);
  }

  /** {@link #loadForExperiment} on a dataset already loaded by {@link #loadDataset}. */
  static Source split(SweepConfig config, Source source, PrintStream log) throws IOException {
    Dataset data = source.data();
    log.println("[" + config.type() + "] dataset: " + data.size() + " × " + data.dim() + ", "
        + data.provenance().headline());
    FixedQueries fixed = source.fixed();
    if (fixed == null) {
      if (source.metric() == Metric.COSINE) {
        data = data.normalised();
      }
      if (config.queries() >= data.size()) {
        throw new ConfigException("queries: " + config.queries() + " must be fewer than the "
            + "dataset's " + data.size() + " items");
      }
      int searched = data.size() - config.queries();
      if (config.topN() > searched) {
        // clamping it would make identity.properties and every row say a top.n that was not used
        throw new ConfigException("top.n: " + config.topN() + " is more than the " + searched
            + " items searched (" + data.size() + " items less " + config.queries() + " queries)");
      }
      return new Source(data, source.images(), source.metric(), null, null);
    }
    if (fixed.dim() != data.dim()) {
      throw new ConfigException("queries: " + fixed.source() + " has dimension " + fixed.dim()
          + ", the dataset " + data.dim());
    }
    fixed = fixed.first(config.queries());
    if (config.topN() > data.size()) {
      // clamping it would make identity.properties and every row say a top.n that was not used
      throw new ConfigException("top.n: " + config.topN() + " is more than the " + data.size()
          + " items searched");
    }
    int topN = config.topN();
    if (fixed.neighbours() != null && fixed.neighbourCount() < topN) {
      throw new ConfigException("top.n: " + topN + " neighbours asked for, " + fixed.source()
          + " gives " + fixed.neighbourCount() + " a query");
    }
    Dataset joined = FixedQueries.append(data, fixed);
    if (source.metric() == Metric.COSINE) {
      joined = joined.normalised();
    }
    QuerySplit split = QuerySplit.fixed(data.size(), fixed.size());
    log.printf(Locale.ROOT, "[%s] queries: %d from %s%s%n", config.type(), fixed.size(),
        fixed.source(), data.hasLabels() ? " (unlabelled, so label recall is left out)" : "");
    GroundTruth truth = null;
    if (fixed.neighbours() != null) {
      try {
        truth = GroundTruth.given(joined, split, fixed.neighbours(), topN);
      } catch (IllegalArgumentException e) {
        throw new IOException(fixed.source() + ": " + e.getMessage(), e);
      }
      long t0 = System.nanoTime();
      int checked = GroundTruthCheck.verify(joined, split, truth, topN, 50, config.seed(),
          config.threads(), fixed.source());
      log.printf(Locale.ROOT, "[%s] given neighbours agree with brute force on %d sampled "
          + "queries (%.1f s)%n", config.type(), checked, (System.nanoTime() - t0) / 1e9);
    }
    return new Source(joined, source.images(), source.metric(), split, truth);
  }

  /** A NaN or infinite coordinate would poison every distance it touches: refuse it by item. */
  private static void checkFinite(Dataset d) throws IOException {
    int bad = d.firstNonFinite();
    if (bad >= 0) {
      throw new IOException("dataset: item " + bad + " (" + d.id(bad) + ") has a NaN or infinite value");
    }
  }

  /**
   * A dataset and, for embedded images, what the embedding left out; with a published query
   * set, its queries until {@link #loadForExperiment} appends them, then the split and ground
   * truth they bring.
   *
   * @param images the embedding's result, or null for vectors that were not embedded here
   * @param metric how neighbours are ranked
   * @param split a published query set's split, or null to hold queries out with the seed
   * @param truth the ground truth published with the queries, or null to compute it
   */
  record Source(Dataset data, ImageEmbedding.Result images, Metric metric, QuerySplit split,
      GroundTruth truth, FixedQueries fixed) {
    Source(Dataset data, ImageEmbedding.Result images, Metric metric, QuerySplit split,
        GroundTruth truth) {
      this(data, images, metric, split, truth, null);
    }

    /** Items the indexes hold: the base of a published query set, else all but the held-out. */
    int members(SweepConfig config) {
      return split != null ? split.members().length : data.size() - config.queries();
    }

    Source withQueries(FixedQueries queries) {
      return new Source(data, images, metric, split, truth, queries);
    }

    /** Writes {@code skipped.csv} beside the outputs when images were skipped. */
    void writeSkipped(RunFolder folder, PrintStream log) throws IOException {
      if (images != null) {
        Path f = images.writeSkippedCsv(folder.path());
        log.println("[embed] " + images.skipped().size() + " skipped files listed in " + f);
      }
    }
  }

  private static Dataset loadVectors(SweepConfig config, PrintStream log) throws IOException {
    if (config.dataset().equals("synthetic") && config.syntheticShape().startsWith("clusters:")) {
      String[] cn = config.syntheticShape().substring("clusters:".length()).split("x");
      ClusterSpec spec = new ClusterSpec(Integer.parseInt(cn[0]), Integer.parseInt(cn[1]),
          config.syntheticDim(), config.syntheticSpread(), config.syntheticSeed());
      log.println("[" + config.type() + "] generating synthetic data: " + spec.describe());
      return ClusterGenerator.generate(spec);
    }
    if (config.dataset().equals("synthetic")) {
      SyntheticSpec spec;
      if (config.syntheticShape().equals("caltech101")) {
        spec = SyntheticSpec.caltech101(config.syntheticDim(), config.syntheticLatent(),
            config.syntheticSpread(), config.syntheticNoise(), config.syntheticSeed());
      } else {
        String[] cs = config.syntheticShape().split("x");
        int classes = Integer.parseInt(cs[0]);
        int size = Integer.parseInt(cs[1]);
        String[] names = new String[classes];
        int[] sizes = new int[classes];
        for (int c = 0; c < classes; c++) {
          names[c] = String.format(Locale.ROOT, "class%03d", c);
          sizes[c] = size;
        }
        spec = new SyntheticSpec(names, sizes, config.syntheticDim(), config.syntheticLatent(),
            config.syntheticSpread(), config.syntheticNoise(), config.syntheticSeed());
      }
      log.println("[" + config.type() + "] generating synthetic data: " + spec.describe());
      return SyntheticGenerator.generate(spec);
    }
    return DatasetLoader.load(Path.of(config.dataset()));
  }

  /** The parameter columns of an LSH configuration (HNSW's left empty). */
  static Map<String, Object> lshParameters(String family, int repeat, int k, int l, int probes) {
    return lshParameters(family, repeat, k, l, probes, 0);
  }

  /** As above, with the number of candidates kept after a subspace first pass (0 = all). */
  static Map<String, Object> lshParameters(String family, int repeat, int k, int l, int probes,
      int rerankKeep) {
    return lshParameters(family, repeat, k, l, probes, 0, rerankKeep);
  }

  /**
   * As above, with a total probe budget over the tables ({@code probesTotal} > 0, probes 0);
   * the column stays empty for per-table probing, so older runs' rows keep their identity.
   */
  static Map<String, Object> lshParameters(String family, int repeat, int k, int l, int probes,
      int probesTotal, int rerankKeep) {
    return ResultColumns.lshParameters(family, repeat, k, l, probes, probesTotal, rerankKeep);
  }

  /** As above, for a table key of a k or bits grid. */
  static Map<String, Object> lshParameters(String family, int repeat,
      lshbench.family.TableKey key, int l, int probes, int probesTotal, int rerankKeep) {
    return ResultColumns.lshParameters(family, repeat, key.k(), key.lastDim(), l, probes,
        probesTotal, rerankKeep);
  }

  /** The parameter columns of the exact scan's row: its family, nothing else. */
  static Map<String, Object> exactParameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(ResultColumns.FAMILY, ResultColumns.EXACT_FAMILY);
    p.put(ResultColumns.REPEAT, 0);
    return p;
  }

  /** The parameter columns of the subspace scan at one rerank keep (no k, L or probes). */
  static Map<String, Object> pcaScanParameters(int repeat, int rerankKeep) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(ResultColumns.FAMILY, ResultColumns.PCA_SCAN_FAMILY);
    p.put(ResultColumns.REPEAT, repeat);
    p.put(ResultColumns.RERANK_KEEP, rerankKeep);
    return p;
  }

  /** The parameter columns of an HNSW configuration (k, L and probes left empty). */
  static Map<String, Object> hnswParameters(int repeat, int m, int efConstruction, int ef) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(ResultColumns.FAMILY, HnswSpec.NAME);
    p.put(ResultColumns.REPEAT, repeat);
    p.put(ResultColumns.HNSW_M, m);
    p.put(ResultColumns.HNSW_EF_CONSTRUCTION, efConstruction);
    p.put(ResultColumns.HNSW_EF, ef);
    return p;
  }

  /**
   * One CSV row: every parameter, the dataset's provenance, measurements and, for LSH without
   * probes, the theory's predictions.
   *
   * @param parameters from {@link #lshParameters}, {@link #hnswParameters} or {@link #exactParameters}
   * @param exact the exact scan, timed in the same rounds as {@code m}: the speed-up is the
   *     ratio of the two medians on the run's clock
   * @param theory the family's collision theory, or null
   * @param cost the family's hashing cost, or null (HNSW)
   */
  Map<String, Object> row(SweepConfig config, Map<String, Object> parameters, long hashSeed,
      Measurement m, Measurement exact, double trainMs, double hashMs, double tableMs, Index index,
      CollisionTheory theory, HashCost cost) {
    Map<String, Object> r = new LinkedHashMap<>();
    for (String c : ResultColumns.ALL) {
      r.put(c, null);
    }
    r.putAll(parameters);
    ResultColumns.putRun(r, config, data, split, metric.label(), hashSeed, topN);
    r.put(ResultColumns.LABEL_RECALL, m.labelRecall());
    r.put(ResultColumns.KNN_RECALL, m.knnRecall());
    r.put(ResultColumns.PRECISION, m.precision());
    r.put(ResultColumns.CANDIDATES, m.candidatesMean());
    r.put(ResultColumns.CANDIDATES_FRAC, m.candidatesMean() / split.members().length);
    r.put(ResultColumns.CLOCK, config.clock().label());
    r.put(ResultColumns.ROUNDS, config.rounds());
    r.put(ResultColumns.CPU_US, m.cpuUs().median());
    r.put(ResultColumns.CPU_P25, m.cpuUs().p25());
    r.put(ResultColumns.CPU_P75, m.cpuUs().p75());
    r.put(ResultColumns.WALL_US, m.wallUs().median());
    r.put(ResultColumns.WALL_P25, m.wallUs().p25());
    r.put(ResultColumns.WALL_P75, m.wallUs().p75());
    r.put(ResultColumns.EXACT_CPU, exact.cpuUs().median());
    r.put(ResultColumns.EXACT_WALL, exact.wallUs().median());
    r.put(ResultColumns.SPEEDUP, exact.on(config.clock()).median() / m.on(config.clock()).median());
    r.put(ResultColumns.SPREAD, m.on(config.clock()).spread());
    r.put(ResultColumns.NOISY, m.on(config.clock()).noisy(config.tolerance()));
    r.put(ResultColumns.QUERY_MEAN, m.queryUs().mean());
    r.put(ResultColumns.QUERY_P50, m.queryUs().p50());
    r.put(ResultColumns.QUERY_P95, m.queryUs().p95());
    r.put(ResultColumns.QUERY_P99, m.queryUs().p99());
    r.put(ResultColumns.QPS, 1e6 / m.on(config.clock()).median());
    r.put(ResultColumns.BUILD_MS, trainMs + hashMs + tableMs);
    r.put(ResultColumns.TRAIN_MS, trainMs);
    r.put(ResultColumns.HASH_MS, hashMs);
    r.put(ResultColumns.TABLE_MS, tableMs);
    r.put(ResultColumns.MEMORY, m.memoryBytes());
    r.put(ResultColumns.BYTES_PER_ITEM, (double) m.memoryBytes() / split.members().length);
    for (String c : List.of(ResultColumns.BUCKETS_MEAN, ResultColumns.EMPTY_BUCKETS,
        ResultColumns.RAW_CANDIDATES, ResultColumns.HASH_US, ResultColumns.LOOKUP_US,
        ResultColumns.UNION_US, ResultColumns.RERANK_US, ResultColumns.PRED_LABEL_RECALL,
        ResultColumns.PRED_KNN_RECALL, ResultColumns.PRED_CANDIDATES, ResultColumns.PRED_QUERY_US)) {
      r.put(c, Double.NaN);
    }
    if (!(index instanceof LshIndex lsh)) {
      return r;
    }
    int k = lsh.k();
    int l = lsh.tableCount();
    int probes = lsh.probes();
    HashFamily family = lsh.family();
    r.put(ResultColumns.KEY_BITS, family.keyBits(k));
    if (lsh.prefilter() != null) {
      r.put(ResultColumns.RERANK_DIM, lsh.prefilter().dim());
    }
    r.put(ResultColumns.HASH_DIM, family.hashDim());
    // Profiled on at most 100 queries: the stage split, not another full timing pass.
    float[][] all = eval.queryVectors();
    CostBreakdown breakdown = CostBreakdown.measure(lsh,
        java.util.Arrays.copyOf(all, Math.min(100, all.length)), eval.topN(), 10);
    long buckets = 0;
    int maxBucket = 0;
    for (int t = 0; t < l; t++) {
      buckets += lsh.table(t).buckets();
      maxBucket = Math.max(maxBucket, lsh.table(t).maxBucket());
    }
    r.put(ResultColumns.BUCKETS_MEAN, (double) buckets / l);
    r.put(ResultColumns.MAX_BUCKET, maxBucket);
    int bits = family.keyBits(k);
    double possible = bits >= 62 ? Double.POSITIVE_INFINITY : Math.pow(2, bits);
    r.put(ResultColumns.EMPTY_BUCKETS, 1 - buckets / (double) l / possible);
    r.put(ResultColumns.RAW_CANDIDATES, breakdown.rawCandidates());
    r.put(ResultColumns.HASH_US, breakdown.hashUs());
    r.put(ResultColumns.LOOKUP_US, breakdown.lookupUs());
    r.put(ResultColumns.UNION_US, breakdown.unionUs());
    r.put(ResultColumns.RERANK_US, breakdown.rerankUs());
    // The closed form covers one bucket per table; probed buckets have no such formula here.
    // The theory predicts which items become candidates; a first pass that drops some is
    // outside it, as are probed buckets.
    if (probes == 0 && lsh.probeBudget() <= l && theory != null && lsh.prefilter() == null) {
      putPredictions(r, theory, cost, k, l);
    }
    return r;
  }

  /** The theory's recall and candidates at (k, L), and the query time the cost model gives. */
  void putPredictions(Map<String, Object> r, CollisionTheory theory, HashCost cost, int k,
      int l) {
    r.put(ResultColumns.PRED_LABEL_RECALL, theory.labelRecall(k, l));
    r.put(ResultColumns.PRED_KNN_RECALL, theory.knnRecall(k, l));
    r.put(ResultColumns.PRED_CANDIDATES, theory.candidates(k, l));
    // The seed's cost model made concrete: hashing (measured per function for this family)
    // plus one distance per predicted candidate at the measured cost of a scattered row.
    double usPerCandidate = candidateUs;
    r.put(ResultColumns.PRED_QUERY_US, (cost == null ? usPerCandidate * k * l : cost.us(k, l))
        + usPerCandidate * theory.candidates(k, l));
  }
}
