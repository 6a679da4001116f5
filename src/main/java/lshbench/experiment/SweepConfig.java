package lshbench.experiment;

import lshbench.config.Settings;

import lshbench.config.ConfigException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import lshbench.lsh.HyperplaneBank;
import lshbench.embed.ImageEmbeddingSpec;
import lshbench.vector.Metric;

/**
 * A validated sweep experiment: built once from the experiment file plus overrides, so no
 * other code reads properties.
 *
 * @param dataset {@code synthetic}, or a vector file path (.lshv, .fvecs, .tsv)
 * @param ks k grid (bits per table)
 * @param ls L grid (tables)
 */
public record SweepConfig(
    String experiment,
    String type,
    String dataset,
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
    int threads,
    Path resultsDir,
    Path cacheDir,
    Path resume,
    ImageEmbeddingSpec images,
    Tuning tuning,
    int[] scaleSizes,
    Families families,
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
      int maxL, int confirm, int seeds, int maxProbes, int[] probeTables) {}

  /** Every key a sweep accepts, with its meaning (also the README's reference table). */
  public static final Map<String, String> KEYS;

  static {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("type", "experiment kind: sweep, tune, compare (export for FAISS), dedup, download");
    k.put("description", "free text shown in the summary");
    k.put("dataset", "synthetic, images (embed dataset.root with model.path), or a vector file: .lshv, .fvecs, .tsv");
    k.put("dataset.root", "images: folder with one sub-folder per category (Caltech101 layout)");
    k.put("model.path", "images: TorchScript file [N,3,S,S] -> [N,D] (see datasets/README.md)");
    k.put("model.name", "images: what the model and its weights are; goes into every output");
    k.put("model.input", "images: crop size S (shorter side resized to S*256/224 first)");
    k.put("model.mean", "images: per-channel mean after scaling to [0,1], R,G,B");
    k.put("model.std", "images: per-channel standard deviation, R,G,B");
    k.put("images.per.category", "images: cap per category, seeded choice (0 = all)");
    k.put("categories.include", "images: comma list of categories to use (empty = all)");
    k.put("categories.exclude", "images: comma list of categories to leave out");
    k.put("embed.batch", "images: images per model call");
    k.put("synthetic.shape", "caltech101 (101 classes, Caltech101's sizes), CxS (e.g. 20x50), or "
        + "clusters:CxN (C Gaussian centres, N points on the sphere; spread = noise)");
    k.put("synthetic.dim", "dimension of synthetic vectors (4096 = VGG16 fc7)");
    k.put("synthetic.latent", "dimension of the synthetic class structure");
    k.put("synthetic.spread", "within-class spread relative to between-class (higher = harder)");
    k.put("synthetic.noise", "per-coordinate noise before the ReLU");
    k.put("synthetic.seed", "seed of the synthetic generator");
    k.put("metric", "euclidean or cosine (cosine L2-normalises the vectors first)");
    k.put("center", "subtract the data mean before hashing (true/false)");
    k.put("k", "grid of bits per table, 1..64: list and/or ranges, e.g. 4,8,12 or 4-24:2");
    k.put("L", "grid of table counts, 1..4096, e.g. 1,2,4,8,16,32");
    k.put("probes", "grid of extra buckets probed per table (multi-probe), 0 = plain LSH, e.g. 0,4,16");
    k.put("queries", "held-out query items (fewer than the dataset's items)");
    k.put("top.n", "neighbours returned per query: the n of knn_recall@n and precision@n");
    k.put("seed", "master seed: query split and hyperplanes derive from it");
    k.put("repeats", "rebuilds of every configuration with different hyperplane seeds");
    k.put("warmup", "untimed queries before each configuration's timed queries");
    k.put("warmup.ms", "and at least this many milliseconds of them");
    k.put("threads", "threads for batch work (ground truth, projection); queries use one");
    k.put("results.dir", "where run folders are written");
    k.put("cache.dir", "where ground truth is cached");
    k.put("target.recall", "tune: the recall the recommended configuration must reach (0..1)");
    k.put("target.metric", "tune: knn (kNN recall@n) or label (label recall)");
    k.put("memory.budget.mb", "tune: largest index allowed, MB (0 = no budget)");
    k.put("tune.k.max", "tune: largest k considered");
    k.put("tune.L.max", "tune: largest L considered");
    k.put("tune.confirm", "tune: theory-ranked candidates measured");
    k.put("tune.seeds", "tune: hash seeds each candidate is measured with (for a lower confidence bound)");
    k.put("tune.probes.max", "tune: also search multi-probe configurations, binary-searching probes "
        + "per table up to this (0 = plain LSH only)");
    k.put("tune.probes.L", "tune: table counts at which multi-probe configurations are searched");
    k.put("scale.n", "scale: dataset sizes (prefixes of the clusters set), e.g. 10000,100000,1000000");
    k.put("resume", "a killed run's folder: finish it instead of starting a new one");
    Families.describeKeys(k);
    KEYS = Collections.unmodifiableMap(k);
  }

  public static SweepConfig from(Settings s) {
    String type = s.string("type", "sweep");
    if (!type.equals("sweep") && !type.equals("tune") && !type.equals("scale")
        && !type.equals("compare")) {
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
    return new SweepConfig(
        s.experiment(),
        type,
        s.string("dataset", "synthetic"),
        shape,
        s.intIn("synthetic.dim", 4096, 1, 1 << 16),
        s.intIn("synthetic.latent", 64, 1, 1 << 16),
        s.doubleIn("synthetic.spread", 1.2, 0, 100),
        s.doubleIn("synthetic.noise", 0.1, 0, 100),
        s.longValue("synthetic.seed", 101),
        metric,
        s.bool("center", true),
        s.grid("k", "4,6,8,10,12,14,16,20,24", 1, HyperplaneBank.MAX_BITS),
        s.grid("L", "1,2,4,8,16,32", 1, 4096),
        s.grid("probes", "0", 0, 4096),
        s.intIn("queries", 500, 1, Integer.MAX_VALUE),
        s.intIn("top.n", 10, 1, 10_000),
        s.longValue("seed", 42),
        s.intIn("repeats", 1, 1, 1000),
        s.intIn("warmup", 50, 0, 1_000_000),
        s.intIn("warmup.ms", 250, 0, 600_000),
        s.intIn("threads", Math.max(1, Runtime.getRuntime().availableProcessors()), 1, 1024),
        Path.of(s.string("results.dir", "results")),
        Path.of(s.string("cache.dir", "datasets/cache")),
        s.string("resume", "").isEmpty() ? null : Path.of(s.string("resume", "")),
        s.string("dataset", "synthetic").equals("images") ? images(s) : null,
        tuning(s),
        s.grid("scale.n", "10000,30000,100000", 10, Integer.MAX_VALUE),
        Families.from(s, s.grid("k", "4,6,8,10,12,14,16,20,24", 1, HyperplaneBank.MAX_BITS),
            s.grid("L", "1,2,4,8,16,32", 1, 4096), s.grid("probes", "0", 0, 4096),
            s.intIn("top.n", 10, 1, 10_000)),
        s.asMap());
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
        s.intIn("tune.k.max", 32, 1, HyperplaneBank.MAX_BITS),
        s.intIn("tune.L.max", 256, 1, 4096),
        s.intIn("tune.confirm", 5, 1, 100),
        s.intIn("tune.seeds", 3, 2, 100),
        s.intIn("tune.probes.max", 0, 0, 4096),
        s.grid("tune.probes.L", "5,10,20", 1, 4096));
  }

  /**
   * Every value that decides what the CSV holds, defaults included, as key → text. A resumed
   * run must match the killed one on all of these; threads, warm-up and folders may differ.
   */
  public Map<String, String> identity() {
    Map<String, String> m = new java.util.TreeMap<>();
    m.put("experiment", experiment);
    m.put("dataset", dataset);
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
    families.identity(m);
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
