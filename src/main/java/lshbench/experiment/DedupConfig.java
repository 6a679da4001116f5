package lshbench.experiment;

import lshbench.config.Settings;

import lshbench.config.ConfigException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import lshbench.embed.ImageEmbeddingSpec;
import lshbench.lsh.HyperplaneBank;

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
 */
public record DedupConfig(String experiment, String type, Path photos, ImageEmbeddingSpec images,
    int k, int l, int probes, long seed, boolean center, double threshold, int threads,
    Path resultsDir, Path cacheDir, int galleryRows, int galleryColumns, Bench bench,
    Map<String, String> settings) {

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
   */
  public record Bench(Path source, Path folder, int originals, int copies, int distractors,
      double[] thresholds, int[] ks, int[] ls) {}

  /** Keys the two dedup experiment types accept (beyond the sweep keys they share). */
  public static final Map<String, String> KEYS;

  static {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("photos", "dedup: folder searched recursively for JPEG/PNG/GIF/BMP files (by content)");
    k.put("threshold", "dedup: largest cosine distance 1 - cos of a near-duplicate pair, 0..2");
    k.put("gallery.rows", "dedup: groups per gallery page");
    k.put("gallery.columns", "dedup: thumbnails per gallery row, keep image included");
    k.put("bench.source", "dedup-bench: category tree to sample originals and distractors from");
    k.put("bench.folder", "dedup-bench: where the generated set goes (default under cache.dir)");
    k.put("bench.originals", "dedup-bench: images that get transformed copies");
    k.put("bench.copies", "dedup-bench: transformed copies per original");
    k.put("bench.distractors", "dedup-bench: untouched images with no copy");
    k.put("bench.thresholds", "dedup-bench: comma list of distance thresholds swept");
    k.put("bench.k", "dedup-bench: grid of bits per table, e.g. 8-16:2");
    k.put("bench.L", "dedup-bench: grid of tables, e.g. 4,8,16,32");
    KEYS = Collections.unmodifiableMap(k);
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
        s.intIn("k", 10, 1, HyperplaneBank.MAX_BITS),
        s.intIn("L", 16, 1, 4096),
        s.intIn("probes", 0, 0, 4096),
        seed,
        s.bool("center", true),
        s.doubleIn("threshold", 0.1, 0, 2),
        s.intIn("threads", Math.max(1, Runtime.getRuntime().availableProcessors()), 1, 1024),
        Path.of(s.string("results.dir", "results")),
        cacheDir,
        s.intIn("gallery.rows", 10, 1, 1000),
        s.intIn("gallery.columns", 7, 2, 50),
        bench,
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
    int copies = s.intIn("bench.copies", 2, 1, 6);
    int distractors = s.intIn("bench.distractors", 2500, 0, 10_000_000);
    String name = String.format(java.util.Locale.ROOT, "dedup-bench-s%d-o%d-c%d-d%d", seed,
        originals, copies, distractors);
    Path folder = Path.of(s.string("bench.folder", cacheDir.resolve(name).toString()));
    return new Bench(source, folder, originals, copies, distractors,
        thresholds(s.string("bench.thresholds",
            "0.02,0.04,0.06,0.08,0.1,0.12,0.15,0.2,0.25,0.3")),
        s.grid("bench.k", "8,10,12,14,16,20", 1, HyperplaneBank.MAX_BITS),
        s.grid("bench.L", "4,8,16,32", 1, 4096));
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
        + "threshold=%.3f (cosine distance)", k, l, probes, seed, center, threshold);
  }
}
