package lshbench.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import lshbench.config.ConfigException;
import lshbench.data.Dataset;
import lshbench.data.images.CopyTransform;
import lshbench.data.images.ImageFolder;
import lshbench.data.images.ImageFolderOptions;
import lshbench.data.images.ImageItem;
import lshbench.data.images.ImageListing;
import lshbench.data.images.JpegFiles;
import lshbench.data.images.RgbImage;
import lshbench.embed.ImageEmbedding;
import lshbench.io.AtomicFiles;
import lshbench.lsh.LshIndex;
import lshbench.lsh.NearPairs;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The finder's accuracy benchmark ({@code type = dedup-bench}). No public near-duplicate set
 * is reachable offline, so one is made with known answers: a seeded sample of originals from a
 * category tree (Caltech101), each with transformed copies ({@link CopyTransform}), mixed with
 * untouched distractors. The (original, copy, transform) table is the ground truth; every pair
 * inside one original's family is a true pair, every other pair is not. The source's own
 * near-duplicates would make that wrong, so categories known to be duplicates of each other
 * are left out of the pool ({@code bench.exclude}), and {@link DedupStages} screens the source
 * images behind the remaining candidates, setting aside (and reporting) pairs between two
 * families of one pooled photo.
 *
 * <p>Reported: pair precision and recall against the ground truth for the exact all-pairs
 * search and for LSH over a (k, L) grid, at every threshold; LSH's recall against exact
 * all-pairs at the same threshold (its only loss, since LSH pairs are a subset); and the time
 * of both on one thread, with the speed-up.
 */
public final class DedupBench implements RunPlan<DedupBench.Result> {
  private static final String GROUND_TRUTH = "ground-truth.csv";

  private final DedupConfig config;
  private final DedupConfig.Bench bench;
  private final PrintStream log;
  private final PairStages stages;

  private List<Truth> truth;
  private long started;
  private ImageEmbedding.Result embedded;
  private double embedSeconds;

  public DedupBench(DedupConfig config, PrintStream log) {
    this(config, log, PairStages.LOCAL);
  }

  /** The benchmark with the finder's two pair stages run by {@code stages}. */
  public DedupBench(DedupConfig config, PrintStream log, PairStages stages) {
    if (config.bench() == null) {
      throw new IllegalArgumentException("config must be a dedup-bench configuration");
    }
    this.config = config;
    this.bench = config.bench();
    this.log = log;
    this.stages = stages;
  }

  /**
   * One (method, k, L, threshold) measurement.
   *
   * @param method {@code exact} (all pairs) or {@code lsh}
   * @param truePairs found pairs that are in the ground truth
   * @param recallVsExact LSH pairs / exact pairs at the same threshold (1 for exact)
   * @param comparisons exact distance computations
   * @param buildMs index build (0 for exact)
   * @param searchMs finding the pairs, one thread
   * @param speedup exact all-pairs time / (build + search)
   */
  public record Row(String method, int k, int l, int probes, double threshold, int pairs,
      int truePairs, int truthTotal, double precision, double recall, double recallVsExact,
      long comparisons, double buildMs, double searchMs, double speedup) {}

  /**
   * A finished benchmark.
   *
   * @param transformRecall per transform: exact recall of (original, copy) pairs per threshold
   */
  public record Result(RunFolder folder, Path csv, List<Row> rows, double[] thresholds,
      int[] ks, int[] ls, int operatingK, int operatingL, double operatingThreshold,
      Map<CopyTransform, double[]> transformRecall, int images, String model, String summary) {}

  /** One line of the ground truth. */
  record Truth(String original, String copy, CopyTransform transform, String description) {}

  /** Runs without a report (tests, programmatic use); the command line adds the plots. */
  public Result run() throws IOException {
    return RunLifecycle.run(this, RunLifecycle.Report.none(), log);
  }

  @Override
  public Path writableTarget() {
    return config.resultsDir();
  }

  /** Generates the benchmark set (or reuses a complete one). */
  @Override
  public void load() throws IOException {
    started = System.nanoTime();
    truth = generate();
    // embedding can fail (no libtorch, a bad model file): before the run folder exists, so a
    // failed start leaves no folder behind
    long e0 = System.nanoTime();
    embedded = ImageEmbedding.loadTree(config.images(), config.cacheDir(), log);
    embedSeconds = (System.nanoTime() - e0) / 1e9;
  }

  @Override
  public RunFolder open() throws IOException {
    return RunFolder.create(config.resultsDir(), config.experiment(), log, "dedup-bench");
  }

  @Override
  public Result compute(RunFolder folder) throws IOException {
    return evaluate(folder, truth, started);
  }

  /**
   * Writes the set into {@link DedupConfig.Bench#folder} unless a complete one (its ground
   * truth written last) is there: originals and distractors are linked to the source files
   * (copied where links are not supported), copies are new JPEGs.
   */
  List<Truth> generate() throws IOException {
    Path folder = bench.folder();
    Path gt = groundTruthFile();
    if (Files.isRegularFile(gt)) {
      List<Truth> truth = readTruth(gt);
      log.printf(Locale.ROOT, "[dedup-bench] reusing %s: %d copies of %d originals%n", folder,
          truth.size(), truth.stream().map(Truth::original).distinct().count());
      return truth;
    }
    ImageListing listing = ImageFolder.scan(bench.source(), ImageFolderOptions.defaults());
    List<ImageItem> items = new ArrayList<>();
    int left = 0;
    for (ImageItem item : listing.items()) {
      if (bench.exclude().contains(category(item.relative()))) {
        left++;
      } else {
        items.add(item);
      }
    }
    if (!bench.exclude().isEmpty()) {
      log.printf(Locale.ROOT, "[dedup-bench] pool: %d images; %d left out (bench.exclude: %s, "
          + "near-duplicates of each other)%n", items.size(), left,
          String.join(", ", bench.exclude()));
    }
    int need = bench.originals() + bench.distractors();
    if (items.size() < need) {
      throw new ConfigException("bench.originals + bench.distractors: " + need + " images "
          + "needed, " + bench.source() + " has " + items.size()
          + (left > 0 ? " outside bench.exclude" : ""));
    }
    SplittableRandom random = new SplittableRandom(config.seed());
    for (int i = items.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      ImageItem t = items.get(i);
      items.set(i, items.get(j));
      items.set(j, t);
    }
    Files.createDirectories(folder.resolve("originals"));
    Files.createDirectories(folder.resolve("copies"));
    Files.createDirectories(folder.resolve("distractors"));
    List<Truth> truth = new ArrayList<>();
    CopyTransform[] kinds = CopyTransform.values();
    long t0 = System.nanoTime();
    for (int i = 0; i < need; i++) {
      ImageItem item = items.get(i);
      String flat = item.relative().replace('/', '_');
      boolean original = i < bench.originals();
      Path link = folder.resolve(original ? "originals" : "distractors").resolve(flat);
      if (original) {
        // a regular file with its own modification time, as a camera's file copied off the
        // card is: the keep rule prefers regular files to links and earlier files to later
        Files.deleteIfExists(link);
        Files.copy(item.file(), link, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      } else {
        place(item.file(), link);
      }
      if (!original) {
        continue;
      }
      RgbImage image;
      try {
        image = ImageFolder.decode(item.file());
      } catch (IOException e) {
        log.println("[dedup-bench] original " + item.relative() + " does not decode ("
            + e.getMessage() + "); no copies");
        continue;
      }
      CopyTransform[] order = kinds.clone();
      for (int a = order.length - 1; a > 0; a--) {
        int b = random.nextInt(a + 1);
        CopyTransform t = order[a];
        order[a] = order[b];
        order[b] = t;
      }
      String stem = flat.replaceFirst("\\.[^.]*$", "");
      for (int c = 0; c < bench.copies(); c++) {
        CopyTransform kind = order[c];
        CopyTransform.Copy copy = kind.apply(image.toBufferedImage(), random.split());
        String name = stem + "__" + kind.label() + ".jpg";
        Path out = folder.resolve("copies").resolve(name);
        AtomicFiles.write(out, tmp -> JpegFiles.write(copy.image(), copy.quality(), tmp));
        truth.add(new Truth("originals/" + flat, "copies/" + name, kind, copy.description()));
      }
    }
    writeTruth(gt, truth);
    log.printf(Locale.ROOT, "[dedup-bench] wrote %s: %d originals, %d copies, %d distractors in "
        + "%.1f s%n", folder, bench.originals(), truth.size(), bench.distractors(),
        (System.nanoTime() - t0) / 1e9);
    return truth;
  }

  /** The top-level folder of a path relative to the source tree. */
  static String category(String relative) {
    int slash = relative.indexOf('/');
    return slash < 0 ? "" : relative.substring(0, slash);
  }

  /** Beside the generated folder, not in it, so the finder does not list it as skipped. */
  Path groundTruthFile() {
    return bench.folder().resolveSibling(bench.folder().getFileName() + "." + GROUND_TRUTH);
  }

  private static void place(Path source, Path link) throws IOException {
    Files.deleteIfExists(link);
    try {
      Files.createSymbolicLink(link, source.toAbsolutePath().normalize());
    } catch (UnsupportedOperationException | IOException e) {
      Files.copy(source, link);
    }
  }

  private Result evaluate(RunFolder folder, List<Truth> truth, long started) throws IOException {
    embedded.writeSkippedCsv(folder.path());
    Dataset unit = embedded.dataset().normalised();
    int n = unit.size();
    Map<String, Integer> row = new HashMap<>();
    for (int i = 0; i < n; i++) {
      row.put(unit.id(i), i);
    }
    // families: an original and its copies; every pair inside one is a true pair
    Map<String, List<Integer>> families = new HashMap<>();
    Map<Long, CopyTransform> direct = new HashMap<>();
    for (Truth t : truth) {
      Integer a = row.get(t.original());
      Integer b = row.get(t.copy());
      if (a == null || b == null) {
        continue;
      }
      List<Integer> f = families.computeIfAbsent(t.original(), x -> new ArrayList<>(List.of(a)));
      f.add(b);
      direct.put(NearPairs.key(a, b), t.transform());
    }
    Set<Long> truthPairs = new HashSet<>();
    for (List<Integer> f : families.values()) {
      for (int x = 0; x < f.size(); x++) {
        for (int y = x + 1; y < f.size(); y++) {
          truthPairs.add(NearPairs.key(f.get(x), f.get(y)));
        }
      }
    }
    double[] ts = bench.thresholds();
    double maxT = Math.max(ts[ts.length - 1], config.threshold());
    log.printf(Locale.ROOT, "[dedup-bench] %d images, %d true pairs; exact all-pairs (one "
        + "thread)...%n", n, truthPairs.size());
    long x0 = System.nanoTime();
    NearPairs exact = NearPairs.exact(unit, maxT, 1);
    double exactMs = (System.nanoTime() - x0) / 1e6;
    List<Row> rows = new ArrayList<>();
    int[] exactCount = new int[ts.length];
    for (int i = 0; i < ts.length; i++) {
      NearPairs p = exact.within(ts[i]);
      exactCount[i] = p.size();
      rows.add(row("exact", 0, 0, ts[i], p, truthPairs, 1.0, exact.comparisons(), 0, exactMs,
          exactMs));
    }
    Map<CopyTransform, double[]> transformRecall = transformRecall(exact, direct, ts);
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    for (int k : bench.ks()) {
      for (int l : bench.ls()) {
        long b0 = System.nanoTime();
        LshIndex index = LshIndex.builder().bitsPerTable(k).tables(l).probes(config.probes())
            .seed(config.seed()).center(config.center()).threads(1).build(unit, all);
        double buildMs = (System.nanoTime() - b0) / 1e6;
        long s0 = System.nanoTime();
        NearPairs found = NearPairs.lsh(index, unit, maxT);
        double searchMs = (System.nanoTime() - s0) / 1e6;
        for (int i = 0; i < ts.length; i++) {
          NearPairs p = found.within(ts[i]);
          rows.add(row("lsh", k, l, ts[i], p, truthPairs,
              exactCount[i] == 0 ? 1.0 : (double) p.size() / exactCount[i], found.comparisons(),
              buildMs, searchMs, exactMs));
        }
        log.printf(Locale.ROOT, "[dedup-bench] k=%d L=%d: %.0f ms, %.1f%% of pairs compared%n",
            k, l, buildMs + searchMs, 100.0 * found.comparisons() / exact.comparisons());
      }
    }
    Path csv = folder.resolve("dedup-bench.csv");
    writeCsv(csv, rows);
    java.util.Set<Integer> originals = new HashSet<>();
    for (Truth t : truth) {
      Integer o = row.get(t.original());
      if (o != null) {
        originals.add(o);
      }
    }
    // what each row is, or was made from: the source screen looks at untouched files only
    int[] sourceOf = new int[n];
    Arrays.fill(sourceOf, -1);
    for (int i = 0; i < n; i++) {
      if (unit.id(i).startsWith("originals/") || unit.id(i).startsWith("distractors/")) {
        sourceOf[i] = i;
      }
    }
    for (Truth t : truth) {
      Integer o = row.get(t.original());
      Integer c = row.get(t.copy());
      if (o != null && c != null) {
        sourceOf[c] = o;
      }
    }
    String stageLines = DedupStages.run(config, stages, embedded.dataset(), unit, truthPairs,
        direct, originals, exact, sourceOf, folder.path(), log);
    int opK = config.k();
    int opL = config.l();
    String summary = summary(rows, truth, n, truthPairs.size(), exactMs, embedded, embedSeconds,
        transformRecall, unit, exact, truthPairs, (System.nanoTime() - started) / 1e9)
        + stageLines;
    AtomicFiles.writeString(folder.resolve("summary.txt"), summary);
    return new Result(folder, csv, rows, ts, bench.ks(), bench.ls(), opK, opL,
        config.threshold(), transformRecall, n, unit.provenance().model(), summary);
  }

  private static Row row(String method, int k, int l, double t, NearPairs p, Set<Long> truth,
      double recallVsExact, long comparisons, double buildMs, double searchMs, double exactMs) {
    int hits = 0;
    for (int i = 0; i < p.size(); i++) {
      if (truth.contains(p.key(i))) {
        hits++;
      }
    }
    double precision = p.size() == 0 ? 1.0 : (double) hits / p.size();
    double recall = truth.isEmpty() ? 1.0 : (double) hits / truth.size();
    return new Row(method, k, l, 0, t, p.size(), hits, truth.size(), precision, recall,
        recallVsExact, comparisons, buildMs, searchMs, exactMs / (buildMs + searchMs));
  }

  private static Map<CopyTransform, double[]> transformRecall(NearPairs exact,
      Map<Long, CopyTransform> direct, double[] ts) {
    Map<CopyTransform, double[]> dist = new EnumMap<>(CopyTransform.class);
    Map<CopyTransform, Integer> total = new EnumMap<>(CopyTransform.class);
    direct.values().forEach(t -> total.merge(t, 1, Integer::sum));
    Map<CopyTransform, double[]> out = new EnumMap<>(CopyTransform.class);
    for (CopyTransform t : total.keySet()) {
      out.put(t, new double[ts.length]);
    }
    for (int p = 0; p < exact.size(); p++) {
      CopyTransform t = direct.get(exact.key(p));
      if (t == null) {
        continue;
      }
      for (int i = 0; i < ts.length; i++) {
        if (exact.distance(p) <= ts[i]) {
          out.get(t)[i] += 1.0 / total.get(t);
        }
      }
    }
    return out;
  }

  private String summary(List<Row> rows, List<Truth> truth, int n, int truthPairs,
      double exactMs, ImageEmbedding.Result embedded, double embedSeconds,
      Map<CopyTransform, double[]> transformRecall, Dataset unit, NearPairs exact,
      Set<Long> truthSet, double totalSeconds) {
    StringBuilder s = new StringBuilder();
    double[] ts = bench.thresholds();
    s.append(String.format(Locale.ROOT, "near-duplicate benchmark: %s%n", bench.folder()));
    s.append(String.format(Locale.ROOT, "%d images: %d originals sampled from %s (seed %d), %d "
        + "transformed copies, %d untouched distractors; %d true pairs (all pairs inside an "
        + "original's family)%n", n, bench.originals(), bench.source(), config.seed(),
        truth.size(), bench.distractors(), truthPairs));
    s.append(bench.exclude().isEmpty() ? "pool: every category of the source\n"
        : "pool: every category of the source but " + String.join(", ", bench.exclude())
        + " (bench.exclude: their images are near-duplicates of each other, which the ground "
        + "truth cannot know)\n");
    s.append("model: ").append(unit.provenance().model()).append('\n');
    s.append(String.format(Locale.ROOT, "distance: cosine distance 1 - cos of L2-normalised "
        + "features; LSH %s, probes %d, one thread%n", config.center() ? "centred" : "uncentred",
        config.probes()));
    s.append("\nexact all-pairs, pair precision / recall vs ground truth by threshold:\n");
    s.append("threshold  pairs  precision  recall");
    for (CopyTransform t : transformRecall.keySet()) {
      s.append(String.format(Locale.ROOT, "  %s", t.label()));
    }
    s.append('\n');
    for (int i = 0; i < ts.length; i++) {
      Row r = rows.get(i);
      s.append(String.format(Locale.ROOT, "%9.3f %6d %10.3f %7.3f", r.threshold(), r.pairs(),
          r.precision(), r.recall()));
      for (var e : transformRecall.entrySet()) {
        s.append(String.format(Locale.ROOT, "  %" + e.getKey().label().length() + ".3f",
            e.getValue()[i]));
      }
      s.append('\n');
    }
    s.append("(per-transform columns: recall of the original-copy pairs made by that edit)\n");
    // false positives at the operating threshold: how close do unrelated images get?
    int fp = 0;
    for (int p = 0; p < exact.size(); p++) {
      if (exact.distance(p) <= config.threshold() && !truthSet.contains(exact.key(p))) {
        if (fp < 5) {
          s.append(String.format(Locale.ROOT, "false pair at %.3f: %s ~ %s%n", exact.distance(p),
              unit.id(exact.first(p)), unit.id(exact.second(p))));
        }
        fp++;
      }
    }
    s.append(String.format(Locale.ROOT, "%d false pairs at threshold %.3f%n", fp,
        config.threshold()));
    s.append(String.format(Locale.ROOT, "%nLSH at threshold %.3f (recall_vs_exact = share of "
        + "exact all-pairs' pairs LSH finds; speed-up over exact all-pairs %.0f ms):%n",
        config.threshold(), exactMs));
    s.append("   k    L  precision  recall  recall_vs_exact  compared  build+search_ms  speedup\n");
    for (Row r : rows) {
      if (r.method().equals("lsh") && Math.abs(r.threshold() - config.threshold()) < 1e-9) {
        s.append(String.format(Locale.ROOT, "%4d %4d %10.3f %7.3f %16.3f %8.2f%% %16.0f %8.1f%n",
            r.k(), r.l(), r.precision(), r.recall(), r.recallVsExact(),
            100.0 * r.comparisons() / ((double) n * (n - 1) / 2), r.buildMs() + r.searchMs(),
            r.speedup()));
      }
    }
    Row op = rows.stream().filter(r -> r.method().equals("lsh") && r.k() == config.k()
        && r.l() == config.l() && Math.abs(r.threshold() - config.threshold()) < 1e-9)
        .findFirst().orElse(null);
    double scale = 10_000.0 / n;
    s.append(String.format(Locale.ROOT, "%ntime for %d images: embedding %.1f s%s; exact "
        + "all-pairs %.2f s", n, embedSeconds, embedded.fromCache() ? " (read from cache)"
        : String.format(Locale.ROOT, " (%.0f images/s)", embedded.imagesPerSecond()),
        exactMs / 1e3));
    if (op != null) {
      s.append(String.format(Locale.ROOT, "; LSH k=%d L=%d %.2f s (build %.0f ms + pairs %.0f "
          + "ms)", op.k(), op.l(), (op.buildMs() + op.searchMs()) / 1e3, op.buildMs(),
          op.searchMs()));
    }
    s.append('\n');
    double rate = embedded.fromCache() || embedded.imagesPerSecond() == 0 ? Double.NaN
        : embedded.imagesPerSecond();
    s.append(String.format(Locale.ROOT, "extrapolated to 10,000 images: embedding %s; exact "
        + "all-pairs ~%.0f s (n^2)", Double.isNaN(rate) ? "n/a (cached here)"
        : String.format(Locale.ROOT, "~%.0f s", 10_000 / rate), exactMs / 1e3 * scale * scale));
    if (op != null) {
      s.append(String.format(Locale.ROOT, "; LSH ~%.1f s (build x n, pairs x n^2 at the same "
          + "candidate share)", (op.buildMs() * scale + op.searchMs() * scale * scale) / 1e3));
    }
    s.append(String.format(Locale.ROOT, "%nbenchmark wall time %.1f s%n", totalSeconds));
    return s.toString();
  }

  private static void writeCsv(Path file, List<Row> rows) throws IOException {
    AtomicFiles.writeText(file, out -> {
      try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("method",
          "k", "L", "probes", "threshold", "pairs", "true_pairs", "truth_total", "precision",
          "recall", "recall_vs_exact", "comparisons", "build_ms", "search_ms", "speedup")
          .build())) {
        for (Row r : rows) {
          csv.printRecord(r.method(), r.k(), r.l(), r.probes(), fmt("%.3f", r.threshold()),
              r.pairs(), r.truePairs(), r.truthTotal(), fmt("%.4f", r.precision()),
              fmt("%.4f", r.recall()), fmt("%.4f", r.recallVsExact()), r.comparisons(),
              fmt("%.1f", r.buildMs()), fmt("%.1f", r.searchMs()), fmt("%.2f", r.speedup()));
        }
      }
    });
  }

  private static String fmt(String pattern, double v) {
    return String.format(Locale.ROOT, pattern, v);
  }

  private static void writeTruth(Path file, List<Truth> truth) throws IOException {
    AtomicFiles.writeText(file, out -> {
      try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("original",
          "copy", "transform", "description").build())) {
        for (Truth t : truth) {
          csv.printRecord(t.original(), t.copy(), t.transform().label(), t.description());
        }
      }
    });
  }

  private static List<Truth> readTruth(Path file) throws IOException {
    List<Truth> out = new ArrayList<>();
    try (Reader in = lshbench.io.TextFiles.reader(file)) {
      for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
          .parse(in)) {
        out.add(new Truth(r.get("original"), r.get("copy"),
            CopyTransform.valueOf(r.get("transform").toUpperCase(Locale.ROOT).replace('-', '_')),
            r.get("description")));
      }
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage() + "; delete the folder to regenerate");
    }
    return out;
  }
}
