package lshbench.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import lshbench.config.ConfigException;
import lshbench.config.Key;
import lshbench.config.Settings;
import lshbench.embed.ImageEmbeddingSpec;
import lshbench.embed.TorchPlatform;
import lshbench.eval.Clock;
import lshbench.eval.TimingPlan;
import lshbench.family.FamilyRegistry;
import lshbench.family.GridDefaults;
import lshbench.family.LshFamilySpec;
import lshbench.vector.Metric;

/**
 * The typed settings of the experiments over a vector dataset (sweep, tune, compare, scale):
 * built once from the experiment file plus overrides, every key parsed here once, so no
 * other code reads the experiment's settings. What a type does not read stays null
 * ({@code tuning} outside tune and scale, {@code scaleSizes} outside scale, {@code resume}
 * outside sweep). Three JVM switches are read where they act ({@code lshbench.threads},
 * {@code lshbench.decodeThreads}, {@code lshbench.simd}); they change speed, never a result.
 *
 * @param dataset {@code synthetic}, or a vector file path (.lshv, .fvecs, .bvecs, .tsv, .hdf5)
 * @param queriesFile a fixed query set, or null to hold queries out
 * @param groundTruthFile the fixed queries' neighbours, or null to compute them
 * @param ks k grid (bits per table)
 * @param ls L grid (tables)
 */
public record SweepConfig(
    String experiment,
    String type,
    String dataset,
    Path queriesFile,
    Path groundTruthFile,
    String syntheticShape,
    int syntheticDim,
    int syntheticLatent,
    double syntheticSpread,
    double syntheticNoise,
    long syntheticSeed,
    Metric metric,
    boolean center,
    int[] ks,
    int[] ls,
    int[] probes,
    int queries,
    int topN,
    long seed,
    int repeats,
    int warmup,
    int warmupMillis,
    Clock clock,
    int rounds,
    double tolerance,
    int threads,
    Path resultsDir,
    Path cacheDir,
    Path resume,
    ImageEmbeddingSpec images,
    Tuning tuning,
    int[] scaleSizes,
    Families families,
    FamilyRegistry registry,
    Map<String, String> settings) {

  /**
   * What the auto-tuner ({@code type = tune}) looks for.
   *
   * @param targetRecall recall the recommendation must reach
   * @param labelTarget true to target label recall, false for kNN recall@n
   * @param memoryBudgetBytes the index may not exceed this (0 = no budget)
   * @param maxK largest k considered
   * @param maxL largest L considered
   * @param confirm how many theory-ranked candidates are measured
   * @param seeds hash seeds each candidate is measured with
   * @param maxProbes largest probes per table searched (0 = plain LSH only)
   * @param probeTables the L values multi-probe candidates are searched at
   */
  public record Tuning(double targetRecall, boolean labelTarget, long memoryBudgetBytes, int maxK,
      int maxL, int confirm, int seeds, int maxProbes, int[] probeTables, int maxProbesTotal) {}

  public static final String SWEEP = "sweep";
  public static final String TUNE = "tune";
  public static final String SCALE = "scale";
  public static final String COMPARE = "compare";
  public static final String EXPORT = "export-ann";
  private static final String DEFAULT_K = "4,6,8,10,12,14,16,20,24";
  private static final String DEFAULT_L = "1,2,4,8,16,32";

  /** Keys every experiment over a vector dataset reads: the data, the split and the timing. */
  static final List<Key> DATA_KEYS = List.of(
      Key.of("description", "", "free text shown in the summary"),
      Key.of("dataset", "synthetic", "synthetic, images (embed dataset.root with model.path), or a "
          + "vector file: .lshv, .fvecs, .bvecs, .tsv, or an ann-benchmarks .hdf5 (train searched "
          + "for its test queries, recall against its neighbors)"),
      Key.of("queries.file", "", "a fixed query set instead of held-out items: .fvecs, .bvecs, or "
          + "an .hdf5's test (with its neighbors unless groundtruth.file is given)"),
      Key.of("groundtruth.file", "", "the fixed queries' nearest neighbours, ids counted from 0 in "
          + "the dataset: .ivecs or an .hdf5's neighbors (checked against brute force on 50 "
          + "queries); computed when absent"),
      Key.of("dataset.root", "", "images: folder with one sub-folder per category (Caltech101 layout)"),
      Key.of("model.path", "", "images: TorchScript file [N,3,S,S] -> [N,D] (see datasets/README.md)"),
      Key.of("model.name", "", "images: what the model and its weights are; goes into every output"),
      Key.of("model.input", "224", "images: crop size S (shorter side resized to S*256/224 first)"),
      Key.of("model.mean", "0.485,0.456,0.406", "images: per-channel mean after scaling to [0,1], R,G,B"),
      Key.of("model.std", "0.229,0.224,0.225", "images: per-channel standard deviation, R,G,B"),
      Key.of("images.per.category", "0", "images: cap per category, seeded choice (0 = all)"),
      Key.of("categories.include", "", "images: comma list of categories to use (empty = all)"),
      Key.of("categories.exclude", "BACKGROUND_Google", "images: comma list of categories to leave out"),
      Key.of("embed.batch", "16", "images: images per model call"),
      Key.of("synthetic.shape", "caltech101", "caltech101 (101 classes, Caltech101's sizes), CxS "
          + "(e.g. 20x50), or clusters:CxN (C Gaussian centres, N points on the sphere; spread = noise)"),
      Key.of("synthetic.dim", "4096", "dimension of synthetic vectors (4096 = VGG16 fc7)"),
      Key.of("synthetic.latent", "64", "dimension of the synthetic class structure"),
      Key.of("synthetic.spread", "1.2", "within-class spread relative to between-class (higher = harder)"),
      Key.of("synthetic.noise", "0.1", "per-coordinate noise before the ReLU"),
      Key.of("synthetic.seed", "101", "seed of the synthetic generator"),
      Key.of("metric", "euclidean", "euclidean or cosine (cosine L2-normalises the vectors first and refuses "
          + "all-zero ones); an .hdf5 dataset's distance attribute decides for it"),
      Key.of("center", "true", "subtract the data mean before hashing (true/false)"),
      Key.of("k", DEFAULT_K, "grid of bits per table, 1..64: list and/or ranges, e.g. 4,8,12 or 4-24:2"),
      Key.of("L", DEFAULT_L, "grid of table counts, 1..4096, e.g. 1,2,4,8,16,32"),
      Key.of("probes", "0", "grid of extra buckets probed per table (multi-probe), 0 = plain LSH, "
          + "e.g. 0,4,16"),
      Key.of("probes.total", "0", "grid of total probe budgets over all tables (FALCONN's num_probes: "
          + "each table's own bucket, then the best perturbations across tables), each run with "
          + "probes 0 at every L it covers (budget >= L), e.g. 20,50,200,1000,4000; 0 = none"),
      Key.of("queries", "500", "held-out query items (fewer than the dataset's items); with a "
          + "fixed query set, how many of its queries are used (the first)"),
      Key.of("top.n", "10", "neighbours returned per query: the n of knn_recall@n and precision@n"),
      Key.of("seed", "42", "master seed: query split and hyperplanes derive from it"),
      Key.of("warmup", "50", "untimed queries before each configuration's timed queries"),
      Key.of("warmup.ms", "250", "and at least this many milliseconds of them"),
      Key.of("timing.clock", "cpu", "clock that ranks configurations: cpu (the query thread's CPU "
          + "time, steady on a busy machine) or wall; the CSV has both"),
      Key.of("timing.rounds", "5", "interleaved timing rounds: in each, the exact scan and every "
          + "configuration of a group answer every query; a figure is each query's median over "
          + "rounds, averaged"),
      Key.of("timing.tolerance", "0.1", "a configuration whose rounds' interquartile range exceeds "
          + "this share of its figure is flagged noisy"),
      Key.of("threads", "all cores", "threads for batch work (ground truth, projection); queries use one"),
      Key.of("results.dir", "results", "where run folders are written"),
      Key.of("cache.dir", "datasets/cache", "where embeddings and ground truth are cached"));

  /** Keys only a sweep reads. */
  static final List<Key> SWEEP_KEYS = List.of(
      Key.of("repeats", "1", "rebuilds of every configuration with different hyperplane seeds"),
      Key.of("resume", "", "a killed run's folder: finish it instead of starting a new one (a torn "
          + "last row is computed again)"));

  /** Keys the tuner reads (and the scale experiment, which tunes at every size). */
  static final List<Key> TUNE_KEYS = List.of(
      Key.of("target.recall", "0.9", "tune: the recall the recommended configuration must reach (0..1)"),
      Key.of("target.metric", "knn", "tune: knn (kNN recall@n) or label (label recall)"),
      Key.of("memory.budget.mb", "0", "tune: largest index allowed, MB (0 = no budget)"),
      Key.of("tune.k.max", "32", "tune: largest k considered"),
      Key.of("tune.L.max", "256", "tune: largest L considered"),
      Key.of("tune.confirm", "5", "tune: theory-ranked candidates measured"),
      Key.of("tune.seeds", "3", "tune: hash seeds each candidate is measured with (for a lower "
          + "confidence bound)"),
      Key.of("tune.probes.max", "0", "tune: also search multi-probe configurations, binary-searching "
          + "probes per table up to this (0 = plain LSH only)"),
      Key.of("tune.probes.L", "5,10,20", "tune: table counts at which multi-probe configurations "
          + "are searched"),
      Key.of("tune.probes.total.max", "0", "tune: also search total probe budgets over all tables "
          + "as FALCONN's examples do (double from L until the target is reached, then binary "
          + "search), up to this (0 = none), e.g. 8192"));

  /** Keys only the scale experiment reads. */
  static final List<Key> SCALE_KEYS = List.of(Key.of("scale.n", "10000,30000,100000",
      "scale: dataset sizes (prefixes of the clusters set), e.g. 10000,100000,1000000"));

  /** Every key an experiment of {@code type} over vectors reads, families included. */
  public static List<Key> keys(String type, FamilyRegistry registry) {
    List<Key> out = new ArrayList<>(DATA_KEYS);
    out.addAll(Families.keys(registry));
    switch (type) {
      case SWEEP -> out.addAll(SWEEP_KEYS);
      case TUNE -> out.addAll(TUNE_KEYS);
      case SCALE -> {
        out.addAll(TUNE_KEYS);
        out.addAll(SCALE_KEYS);
      }
      case COMPARE -> { }
      case EXPORT -> {
        // an export measures nothing: no index grid, no timing, no run folder
        List<String> unread = List.of("k", "L", "probes", "probes.total", "warmup",
            "warmup.ms");
        out.removeIf(k -> unread.contains(k.name()) || !DATA_KEYS.contains(k));
        out.addAll(AnnExport.KEYS);
      }
      default -> throw new IllegalArgumentException("not a vector experiment: " + type);
    }
    return List.copyOf(out);
  }

  /** The standard families; see {@link #from(Settings, FamilyRegistry)}. */
  public static SweepConfig from(Settings s) {
    return from(s, FamilyRegistry.standard());
  }

  /**
   * Parses every key of the experiment's type once. Settings a type does not read (the tuner's
   * for a sweep) are left at their defaults: {@code tuning} and {@code scaleSizes} are null
   * unless the type uses them.
   */
  public static SweepConfig from(Settings s, FamilyRegistry registry) {
    String type = s.string("type", SWEEP);
    if (!List.of(SWEEP, TUNE, SCALE, COMPARE, EXPORT).contains(type)) {
      throw new ConfigException("type: '" + type + "' is not an experiment type (sweep, tune, scale, "
          + "compare, download, dedup or dedup-bench)");
    }
    Metric metric;
    try {
      metric = Metric.parse(s.string("metric", "euclidean"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("metric: " + e.getMessage());
    }
    String shape = s.string("synthetic.shape", "caltech101");
    if (!shape.equals("caltech101") && !shape.matches("\\d+x\\d+")
        && !shape.matches("clusters:\\d+x\\d+")) {
      throw new ConfigException("synthetic.shape: '" + shape + "' is neither caltech101, CxS (e.g. 20x50) "
          + "nor clusters:CxN (e.g. clusters:1000x1000000)");
    }
    int[] ks = s.grid("k", DEFAULT_K, 1, LshFamilySpec.KEY_BITS);
    int[] ls = s.grid("L", DEFAULT_L, 1, 4096);
    int[] probes = s.grid("probes", "0", 0, 4096);
    int[] probesTotal = Arrays.stream(s.grid("probes.total", "0", 0,
        lshbench.family.LshFamilySpec.MAX_BUDGET)).filter(b -> b > 0).toArray();
    int topN = s.intIn("top.n", 10, 1, 10_000);
    Path queriesFile = s.string("queries.file", "").isEmpty() ? null
        : Path.of(s.string("queries.file", ""));
    Path groundTruthFile = s.string("groundtruth.file", "").isEmpty() ? null
        : Path.of(s.string("groundtruth.file", ""));
    if (groundTruthFile != null && queriesFile == null) {
      throw new ConfigException("groundtruth.file: needs queries.file, the queries it answers");
    }
    boolean tunes = type.equals(TUNE) || type.equals(SCALE);
    return new SweepConfig(
        s.experiment(),
        type,
        s.string("dataset", "synthetic"),
        queriesFile,
        groundTruthFile,
        shape,
        s.intIn("synthetic.dim", 4096, 1, 1 << 16),
        s.intIn("synthetic.latent", 64, 1, 1 << 16),
        s.doubleIn("synthetic.spread", 1.2, 0, 100),
        s.doubleIn("synthetic.noise", 0.1, 0, 100),
        s.longValue("synthetic.seed", 101),
        metric,
        s.bool("center", true),
        ks,
        ls,
        probes,
        s.intIn("queries", 500, 1, Integer.MAX_VALUE),
        topN,
        s.longValue("seed", 42),
        type.equals(SWEEP) ? s.intIn("repeats", 1, 1, 1000) : 1,
        s.intIn("warmup", 50, 0, 1_000_000),
        s.intIn("warmup.ms", 250, 0, 600_000),
        clock(s),
        s.intIn("timing.rounds", 5, 1, 1000),
        s.doubleIn("timing.tolerance", 0.1, 0, 100),
        s.intIn("threads", Math.max(1, Runtime.getRuntime().availableProcessors()), 1, 1024),
        Path.of(s.string("results.dir", "results")),
        Path.of(s.string("cache.dir", "datasets/cache")),
        !type.equals(SWEEP) || s.string("resume", "").isEmpty() ? null : Path.of(s.string("resume", "")),
        s.string("dataset", "synthetic").equals("images") ? images(s) : null,
        tunes ? tuning(s) : null,
        type.equals(SCALE) ? s.grid("scale.n", "10000,30000,100000", 10, Integer.MAX_VALUE) : null,
        Families.from(s, registry, new GridDefaults(ks, ls, probes, probesTotal, topN)),
        registry,
        s.asMap());
  }

  private static Clock clock(Settings s) {
    try {
      return Clock.parse(s.string("timing.clock", "cpu"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("timing.clock: " + e.getMessage());
    }
  }

  /** How this run times queries: {@code timing.*}, {@code warmup} and {@code warmup.ms}. */
  public TimingPlan timingPlan() {
    return TimingPlan.of(clock, rounds, tolerance, warmup, warmupMillis);
  }

  private static ImageEmbeddingSpec images(Settings s) {
    Path root = Path.of(s.string("dataset.root", ""));
    if (s.string("dataset.root", "").isEmpty()) {
      throw new ConfigException("dataset.root: dataset = images needs the image folder (-Ddataset.root=DIR)");
    }
    if (!Files.isDirectory(root)) {
      throw new ConfigException("dataset.root: " + root + " is not a folder");
    }
    try {
      return modelSpec(s, root)
          .include(list(s.string("categories.include", "")))
          .exclude(list(s.string("categories.exclude", "BACKGROUND_Google")))
          .maxPerCategory(s.intIn("images.per.category", 0, 0, Integer.MAX_VALUE))
          .seed(s.longValue("seed", 42))
          .build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("images: " + e.getMessage());
    }
  }

  /**
   * The model part of an image embedding, shared by every experiment that embeds images: a
   * TorchScript file that must exist, a name that says which weights, input size,
   * normalisation and batch. Callers add the image selection.
   */
  static ImageEmbeddingSpec.Builder modelSpec(Settings s, Path root) {
    TorchPlatform.problem().ifPresent(reason -> {
      throw new ConfigException("images: " + reason);
    });
    String model = s.string("model.path", "");
    if (model.isEmpty() || !Files.isRegularFile(Path.of(model))) {
      throw new ConfigException("model.path: " + (model.isEmpty() ? "not set" : model + " not found")
          + "; get a TorchScript feature extractor as datasets/README.md explains");
    }
    String name = s.string("model.name", "");
    if (name.isEmpty()) {
      throw new ConfigException("model.name: say which model and weights made the vectors");
    }
    return ImageEmbeddingSpec.builder(root, Path.of(model), name)
        .inputSize(s.intIn("model.input", 224, 8, 4096))
        .normalisation(floats(s, "model.mean", "0.485,0.456,0.406"),
            floats(s, "model.std", "0.229,0.224,0.225"))
        .batchSize(s.intIn("embed.batch", 16, 1, 1024));
  }

  static float[] floats(Settings s, String key, String fallback) {
    String[] parts = s.string(key, fallback).split(",");
    if (parts.length != 3) {
      throw new ConfigException(key + ": need three comma-separated numbers (R,G,B)");
    }
    float[] out = new float[3];
    for (int i = 0; i < 3; i++) {
      try {
        out[i] = Float.parseFloat(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(key + ": '" + parts[i].trim() + "' is not a number");
      }
    }
    return out;
  }

  private static java.util.List<String> list(String text) {
    return java.util.Arrays.stream(text.split(",")).map(String::trim).filter(x -> !x.isEmpty())
        .toList();
  }

  private static Tuning tuning(Settings s) {
    String metric = s.string("target.metric", "knn");
    if (!metric.equals("knn") && !metric.equals("label")) {
      throw new ConfigException("target.metric: '" + metric + "' is neither knn nor label");
    }
    return new Tuning(
        s.doubleIn("target.recall", 0.9, 0.01, 1.0),
        metric.equals("label"),
        Math.round(s.doubleIn("memory.budget.mb", 0, 0, 1e9) * 1e6),
        s.intIn("tune.k.max", 32, 1, LshFamilySpec.KEY_BITS),
        s.intIn("tune.L.max", 256, 1, 4096),
        s.intIn("tune.confirm", 5, 1, 100),
        s.intIn("tune.seeds", 3, 2, 100),
        s.intIn("tune.probes.max", 0, 0, 4096),
        s.grid("tune.probes.L", "5,10,20", 1, 4096),
        s.intIn("tune.probes.total.max", 0, 0, LshFamilySpec.MAX_BUDGET));
  }

  /**
   * Every value that decides what the CSV holds, defaults included, as key → text. A resumed
   * run must match the killed one on all of these; threads, warm-up and folders may differ.
   */
  public Map<String, String> identity() {
    Map<String, String> m = new java.util.TreeMap<>();
    m.put("experiment", experiment);
    m.put("dataset", dataset);
    if (queriesFile != null) {
      m.put("queries.file", queriesFile.toString());
    }
    if (groundTruthFile != null) {
      m.put("groundtruth.file", groundTruthFile.toString());
    }
    if (images != null) {
      m.put("images", images.describe());
    }
    if (dataset.equals("synthetic")) {
      m.put("synthetic.shape", syntheticShape);
      m.put("synthetic.dim", Integer.toString(syntheticDim));
      m.put("synthetic.latent", Integer.toString(syntheticLatent));
      m.put("synthetic.spread", Double.toString(syntheticSpread));
      m.put("synthetic.noise", Double.toString(syntheticNoise));
      m.put("synthetic.seed", Long.toString(syntheticSeed));
    }
    m.put("metric", metric.label());
    m.put("center", Boolean.toString(center));
    m.put("k", Arrays.toString(ks));
    m.put("L", Arrays.toString(ls));
    m.put("probes", Arrays.toString(probes));
    m.put("queries", Integer.toString(queries));
    m.put("top.n", Integer.toString(topN));
    m.put("seed", Long.toString(seed));
    m.put("repeats", Integer.toString(repeats));
    m.put("timing.clock", clock.label());
    m.put("timing.rounds", Integer.toString(rounds));
    families.identity(m, registry);
    return m;
  }

  /** Number of configurations, over every family, times repeats. */
  public int runs() {
    return families.runs() * repeats;
  }

  /** Hyperplane seed of repeat r: derived, never taken from the clock. */
  public long hashSeed(int repeat) {
    long z = seed + 0x9E3779B97F4A7C15L * (repeat + 1);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  @Override
  public String toString() {
    return "SweepConfig" + settings + " k=" + Arrays.toString(ks) + " L=" + Arrays.toString(ls);
  }
}
