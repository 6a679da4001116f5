package lshbench.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import lshbench.config.ConfigException;
import lshbench.config.Key;
import lshbench.config.Settings;
import lshbench.embed.ImageEmbeddingSpec;
import lshbench.family.LshFamilySpec;

/**
 * A validated {@code type = dedup} (near-duplicate finder) or {@code type = dedup-bench}
 * (its accuracy benchmark) experiment, built once from the experiment file plus overrides.
 *
 * @param photos the folder searched recursively (for the benchmark: the generated folder)
 * @param images model and preprocessing, rooted at {@code photos}
 * @param k bits per table of the finder's index
 * @param l tables of the finder's index
 * @param probes extra buckets probed per table
 * @param seed hyperplane seed (and the benchmark's sampling seed)
 * @param center hyperplanes through the data mean
 * @param threshold largest cosine distance (1 − cos) of a near-duplicate pair
 * @param galleryRows groups per gallery page
 * @param galleryColumns thumbnails per gallery row, the keep image included
 * @param bench the benchmark's settings, null for {@code type = dedup}
 * @param stage2 the second stage's settings
 */
public record DedupConfig(String experiment, String type, Path photos, ImageEmbeddingSpec images,
    int k, int l, int probes, long seed, boolean center, double threshold, int threads,
    Path resultsDir, Path cacheDir, int galleryRows, int galleryColumns, Bench bench,
    Stage2 stage2, Map<String, String> settings) {

  /**
   * The second stage: local features and a geometric fit for every candidate pair.
   *
   * @param verify whether to run it (false: every candidate is a near-duplicate, as before)
   * @param candidatesPerImage stage 1's pairs kept per image, nearest first
   * @param features ORB keypoints per image
   * @param side longer side images are reduced to before detection
   * @param inliers fewest RANSAC inliers of a near-duplicate
   * @param ratio smallest inliers / matches of a near-duplicate
   */
  public record Stage2(boolean verify, int candidatesPerImage, int features, int side,
      int inliers, double ratio) {}

  /**
   * What the benchmark generates and sweeps.
   *
   * @param source a one-folder-per-category image tree to sample from (Caltech101)
   * @param folder where the generated set is written (reused when complete)
   * @param originals images that get transformed copies
   * @param copies transformed copies per original
   * @param distractors untouched images with no copy
   * @param thresholds the distance thresholds swept
   * @param ks bits-per-table values swept
   * @param ls table counts swept
   * @param exclude source categories (top-level folders) left out of the pool, because their
   *     images are near-duplicates of each other that the ground truth cannot know about
   */
  public record Bench(Path source, Path folder, int originals, int copies, int distractors,
      double[] thresholds, int[] ks, int[] ls, List<String> exclude) {}

  /**
   * Caltech101's categories whose images are near-duplicates of one another: Faces_easy holds
   * crops of the very photos in Faces, and Faces holds consecutive shots of the same ~20 people
   * before the same walls (what the benchmark's own burst edit counts as a duplicate).
   */
  public static final String DEFAULT_EXCLUDE = "Faces_easy,Faces";

  /** Keys both dedup types read: the model, the finder's index, the outputs. */
  static final List<Key> COMMON_KEYS = List.of(
      Key.of("description", "", "free text shown in the summary"),
      Key.of("model.path", "", "TorchScript file [N,3,S,S] -> [N,D] (see datasets/README.md)"),
      Key.of("model.name", "", "what the model and its weights are; goes into every output"),
      Key.of("model.input", "224", "crop size S (shorter side resized to S*256/224 first)"),
      Key.of("model.mean", "0.485,0.456,0.406", "per-channel mean after scaling to [0,1], R,G,B"),
      Key.of("model.std", "0.229,0.224,0.225", "per-channel standard deviation, R,G,B"),
      Key.of("embed.batch", "16", "images per model call"),
      Key.of("k", "8", "bits per table of the finder's random-hyperplane index"),
      Key.of("L", "32", "tables of the finder's index"),
      Key.of("probes", "0", "extra buckets probed per table"),
      Key.of("seed", "42", "hyperplane seed (and the benchmark's sampling seed)"),
      Key.of("center", "true", "hyperplanes through the data mean (true/false)"),
      Key.of("threshold", "0.32", "stage 1: largest cosine distance 1 - cos of a candidate pair,"
          + " 0..2 (loose: chosen for recall; stage 2 decides)"),
      Key.of("candidates.max", "10", "stage 1: candidate pairs kept per image, nearest first"),
      Key.of("verify", "true", "stage 2: check candidates with keypoints + RANSAC homography"),
      Key.of("verify.features", "500", "stage 2: ORB keypoints per image (and per mirror image)"),
      Key.of("verify.side", "512", "stage 2: longer side images are reduced to for keypoints"),
      Key.of("verify.inliers", "15", "stage 2: fewest RANSAC inliers of a near-duplicate"),
      Key.of("verify.ratio", "0.5", "stage 2: smallest inliers / matches of a near-duplicate"
          + " (0.5: most matches agree with one transform)"),
      Key.of("threads", "all cores", "threads for embedding and the pair search"),
      Key.of("results.dir", "results", "where run folders are written"),
      Key.of("cache.dir", "datasets/cache", "where embeddings (and the generated benchmark) go"),
      Key.of("gallery.rows", "10", "groups per gallery page"),
      Key.of("gallery.columns", "7", "thumbnails per gallery row, keep image included"));

  /** Keys only the finder reads. */
  static final List<Key> FINDER_KEYS = List.of(Key.of("photos", "",
      "folder searched recursively for JPEG/PNG/GIF/BMP files (by content)"));

  /** Keys only the benchmark reads. */
  static final List<Key> BENCH_KEYS = List.of(
      Key.of("bench.source", "../shared/datasets/caltech101/101_ObjectCategories",
          "category tree to sample originals and distractors from"),
      Key.of("bench.folder", "", "where the generated set goes (default under cache.dir)"),
      Key.of("bench.originals", "500", "images that get transformed copies"),
      Key.of("bench.copies", "3", "transformed copies per original, each a different edit"),
      Key.of("bench.distractors", "2500", "untouched images with no copy"),
      Key.of("bench.thresholds", "0.02,0.04,0.06,0.08,0.1,0.12,0.15,0.2,0.25,0.3",
          "comma list of distance thresholds swept"),
      Key.of("bench.k", "8,10,12,14,16,20", "grid of bits per table, e.g. 8-16:2"),
      Key.of("bench.L", "4,8,16,32", "grid of tables, e.g. 4,8,16,32"),
      Key.of("bench.exclude", DEFAULT_EXCLUDE, "source categories left out of the pool: "
          + "near-duplicates of each other the ground truth cannot know (none: leave none out)"));

  public static final String FINDER = "dedup";
  public static final String BENCH = "dedup-bench";

  /** Every key an experiment of {@code type} (dedup or dedup-bench) reads. */
  public static List<Key> keys(String type) {
    List<Key> out = new java.util.ArrayList<>(COMMON_KEYS);
    out.addAll(type.equals(BENCH) ? BENCH_KEYS : FINDER_KEYS);
    return List.copyOf(out);
  }

  public static DedupConfig from(Settings s) {
    String type = s.string("type", "dedup");
    if (!type.equals("dedup") && !type.equals("dedup-bench")) {
      throw new ConfigException("type: '" + type + "' is not dedup or dedup-bench");
    }
    Path cacheDir = Path.of(s.string("cache.dir", "datasets/cache"));
    long seed = s.longValue("seed", 42);
    Bench bench = type.equals("dedup-bench") ? bench(s, cacheDir, seed) : null;
    Path photos;
    if (bench != null) {
      photos = bench.folder();
    } else {
      String p = s.string("photos", "");
      if (p.isEmpty()) {
        throw new ConfigException("photos: say which folder to search (-Dphotos=DIR)");
      }
      photos = Path.of(p);
      if (!Files.isDirectory(photos)) {
        throw new ConfigException("photos: " + photos + " is not a folder");
      }
    }
    return new DedupConfig(s.experiment(), type, photos, images(s, photos, seed),
        s.intIn("k", 8, 1, LshFamilySpec.KEY_BITS),
        s.intIn("L", 32, 1, 4096),
        s.intIn("probes", 0, 0, 4096),
        seed,
        s.bool("center", true),
        s.doubleIn("threshold", 0.32, 0, 2),
        s.intIn("threads", Math.max(1, Runtime.getRuntime().availableProcessors()), 1, 1024),
        Path.of(s.string("results.dir", "results")),
        cacheDir,
        s.intIn("gallery.rows", 10, 1, 1000),
        s.intIn("gallery.columns", 7, 2, 50),
        bench,
        new Stage2(s.bool("verify", true), s.intIn("candidates.max", 10, 1, 100_000),
            s.intIn("verify.features", 500, 16, 10_000), s.intIn("verify.side", 512, 64, 8192),
            s.intIn("verify.inliers", 15, 4, 10_000), s.doubleIn("verify.ratio", 0.5, 0, 1)),
        s.asMap());
  }

  private static ImageEmbeddingSpec images(Settings s, Path root, long seed) {
    try {
      return SweepConfig.modelSpec(s, root)
          .seed(seed)
          .build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("images: " + e.getMessage());
    }
  }

  private static Bench bench(Settings s, Path cacheDir, long seed) {
    Path source = Path.of(s.string("bench.source",
        "../shared/datasets/caltech101/101_ObjectCategories"));
    if (!Files.isDirectory(source)) {
      throw new ConfigException("bench.source: " + source + " is not a folder (a one-folder-per-"
          + "category tree such as Caltech101's 101_ObjectCategories)");
    }
    int originals = s.intIn("bench.originals", 500, 1, 1_000_000);
    int copies = s.intIn("bench.copies", 3, 1, 6);
    int distractors = s.intIn("bench.distractors", 2500, 0, 10_000_000);
    String excluded = s.string("bench.exclude", DEFAULT_EXCLUDE).trim();
    List<String> exclude = java.util.Arrays.stream((excluded.equals("none") ? "" : excluded)
        .split(",")).map(String::trim).filter(x -> !x.isEmpty()).sorted().distinct().toList();
    for (String x : exclude) {
      if (x.contains("/") || x.contains("\\") || x.equals("..")) {
        throw new ConfigException("bench.exclude: '" + x + "' is not a category folder name");
      }
    }
    // the pool is part of the set's identity: another exclusion list is another set
    String pool = exclude.isEmpty() ? "" : String.format(java.util.Locale.ROOT, "-x%08x",
        String.join(",", exclude).hashCode());
    String name = String.format(java.util.Locale.ROOT, "dedup-bench-v5-s%d-o%d-c%d-d%d%s", seed,
        originals, copies, distractors, pool);
    Path folder = Path.of(s.string("bench.folder", cacheDir.resolve(name).toString()));
    return new Bench(source, folder, originals, copies, distractors,
        thresholds(s.string("bench.thresholds",
            "0.02,0.04,0.06,0.08,0.1,0.12,0.15,0.2,0.25,0.3")),
        s.grid("bench.k", "8,10,12,14,16,20", 1, LshFamilySpec.KEY_BITS),
        s.grid("bench.L", "4,8,16,32", 1, 4096), exclude);
  }

  private static double[] thresholds(String text) {
    TreeSet<Double> out = new TreeSet<>();
    for (String part : text.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      double t;
      try {
        t = Double.parseDouble(p);
      } catch (NumberFormatException e) {
        throw new ConfigException("bench.thresholds: '" + p + "' is not a number");
      }
      if (!(t >= 0 && t <= 2)) {
        throw new ConfigException("bench.thresholds: " + t + " is out of range 0..2");
      }
      out.add(t);
    }
    if (out.isEmpty()) {
      throw new ConfigException("bench.thresholds: the list is empty");
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** One line for logs. */
  public String describe() {
    return String.format(java.util.Locale.ROOT, "k=%d L=%d probes=%d seed=%d center=%s "
        + "threshold=%.3f (cosine distance), at most %d candidates per image%s", k, l, probes,
        seed, center, threshold, stage2.candidatesPerImage(), stage2.verify()
        ? String.format(java.util.Locale.ROOT, "; verified: ORB %d keypoints at <= %d px, "
        + "homography RANSAC, inliers >= %d, ratio >= %.2f", stage2.features(), stage2.side(),
        stage2.inliers(), stage2.ratio()) : "; not verified");
  }
}
