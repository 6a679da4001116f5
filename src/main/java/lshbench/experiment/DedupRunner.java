package lshbench.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.ToDoubleBiFunction;
import lshbench.data.Dataset;
import lshbench.data.images.ImageDecodeException;
import lshbench.data.images.ImageFolder;
import lshbench.data.images.Sharpness;
import lshbench.data.images.Skipped;
import lshbench.embed.ImageEmbedding;
import lshbench.features.FeatureCache;
import lshbench.features.GeometricVerifier;
import lshbench.features.OrbExtractor;
import lshbench.features.Verification;
import lshbench.io.AtomicFiles;
import lshbench.lsh.NearPairs;
import lshbench.vector.VectorOps;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The near-duplicate finder ({@code type = dedup}): every image below a folder, embedded with
 * the configured CNN, indexed with random-hyperplane LSH; each image's bucket-mates are compared
 * exactly (cosine distance on L2-normalised features), pairs under the threshold are kept and
 * joined into groups (connected components). Writes {@code groups.csv}, {@code pairs.csv},
 * {@code skipped.csv} and {@code summary.txt}; the gallery and HTML page come from the report
 * stage.
 *
 * <p>Keep rule, per group: a regular file over a symbolic link (a link keeps nothing by itself:
 * its target can move or go, and keeping it while its target is offered for removal leaves a
 * dangling link), then the largest pixel count (the least downscaled or cropped copy), then
 * the sharpest by variance of the Laplacian (the least blurred or re-compressed at equal size),
 * then the largest file (the least compressed), then the first path, so the choice never
 * depends on the listing order alone.
 *
 * <p>Names of one file (hard links, a symbolic link and its target) are one file: it is
 * described once, by its first regular name, the others carry {@code same_file_as}, share its
 * keep flag and are never counted as removable, since deleting one name frees nothing.
 */
public final class DedupRunner implements RunPlan<DedupRunner.Result> {
  /** Orders candidates for keeping: best first. */
  static final Comparator<DuplicateGroup.Member> KEEP_ORDER =
      Comparator.comparing(DuplicateGroup.Member::link)
          .thenComparing(Comparator.comparingLong(DuplicateGroup.Member::pixels).reversed())
          .thenComparing(Comparator.comparingDouble(DuplicateGroup.Member::sharpness).reversed())
          .thenComparing(Comparator.comparingLong(DuplicateGroup.Member::bytes).reversed())
          .thenComparing(DuplicateGroup.Member::path);

  /** A one-line statement of {@link #KEEP_ORDER} for outputs. */
  public static final String KEEP_RULE = KeepRule.RULE + "; other names of one file (links) "
      + "are marked same_file_as and never counted as removable";

  private final DedupConfig config;
  private final PrintStream log;
  private final PairStages stages;

  private ImageEmbedding.Result embedded;
  private long start;

  public DedupRunner(DedupConfig config, PrintStream log) {
    this(config, log, PairStages.LOCAL);
  }

  /** The finder with its two pair stages run by {@code stages} (this process, or Spark). */
  public DedupRunner(DedupConfig config, PrintStream log, PairStages stages) {
    this.config = config;
    this.log = log;
    this.stages = stages;
  }

  /**
   * What a run found.
   *
   * @param scanned files looked at (embedded + skipped)
   * @param embedded images embedded
   * @param removable files that could go: the group members that are not the keep file, each
   *     file once however many names (links) it has
   * @param aliases group members that are only another name of a listed file
   * @param embedSeconds scanning and embedding (or reading the cache)
   * @param searchSeconds index build, candidate pairs and grouping
   */
  public record Result(RunFolder folder, Path photos, String model, List<DuplicateGroup> groups,
      NearPairs pairs, Dataset data, List<Skipped> skipped, int scanned, int embedded,
      int removable, int aliases, boolean fromCache, double embedSeconds, double searchSeconds,
      double totalSeconds, String summary) {}

  /** Runs without a report (tests, programmatic use); the command line adds the gallery. */
  public Result run() throws IOException {
    return RunLifecycle.run(this, RunLifecycle.Report.none(), log);
  }

  @Override
  public Path writableTarget() {
    return config.resultsDir();
  }

  /** Scans and embeds the photos (or reads the cache): every refusal comes before a folder. */
  @Override
  public void load() throws IOException {
    start = System.nanoTime();
    log.println("[dedup] " + config.photos() + " (recursive), " + config.describe());
    embedded = ImageEmbedding.loadTree(config.images(), config.cacheDir(), log);
  }

  @Override
  public RunFolder open() throws IOException {
    return RunFolder.create(config.resultsDir(), config.experiment(), log, "dedup");
  }

  @Override
  public Result compute(RunFolder folder) throws IOException {
    double embedSeconds = (System.nanoTime() - start) / 1e9;
    Dataset data = embedded.dataset();
    long s0 = System.nanoTime();
    Dataset unit = data.normalised();
    NearPairs candidates = stages.candidates(config, unit, log);
    double searchSeconds = (System.nanoTime() - s0) / 1e9;
    log.printf(Locale.ROOT, "[dedup] stage 1: %d candidate pairs in %.2f s%n", candidates.size(),
        searchSeconds);
    SecondStage.Result stage2 = null;
    GeometricVerifier verifier = verifier(config);
    if (config.stage2().verify()) {
      stage2 = stages.verify(config, data, candidates, log);
    }
    Verification[] checks = stage2 == null ? null : stage2.checks();
    NearPairs pairs = checks == null ? candidates : candidates.where(p -> checks[p].passed());
    long g0 = System.nanoTime();
    VerifiedGroups verified = new VerifiedGroups(candidates, checks,
        stage2 == null ? null : stage2.features(), verifier);
    Map<Integer, KeepRule.Facts> facts = new HashMap<>();
    List<int[]> components = keepGroups(config.photos(), unit, verified, facts);
    List<DuplicateGroup> groups = describe(components, unit, verified, facts);
    double groupSeconds = (System.nanoTime() - g0) / 1e9;
    int removable = 0;
    int aliases = 0;
    for (DuplicateGroup g : groups) {
      removable += g.removable();
      aliases += (int) g.members().stream().filter(DuplicateGroup.Member::isAlias).count();
    }
    writeGroups(folder.resolve("groups.csv"), groups);
    writePairs(folder.resolve("pairs.csv"), candidates, checks, data);
    writeCandidates(folder.resolve("candidates.csv"), candidates, checks, data);
    embedded.writeSkippedCsv(folder.path());
    double total = (System.nanoTime() - start) / 1e9;
    int scanned = data.size() + embedded.skipped().size();
    String summary = String.format(Locale.ROOT,
        "near-duplicate finder: %s (recursive)%n"
        + "model: %s%n"
        + "index: random-hyperplane LSH %s%n"
        + "pair stages (1, 2) ran in: %s%n"
        + "images scanned: %d files, %d embedded, %d skipped (skipped.csv)%n"
        + "stage 1 candidates: %d pairs (%d exact distance computations, %.2f%% of all pairs)%n"
        + "%s"
        + "groups found: %d; images that could be removed: %d%n"
        + "%s"
        + "%s%n"
        + "time: %.1f s (embedding %.1f s%s, stage 1 %.2f s%s, groups and keep rule %.2f s)%n",
        config.photos(), data.provenance().model(), config.describe(),
        stages.describe(config), scanned, data.size(),
        embedded.skipped().size(), candidates.size(), candidates.comparisons(),
        100.0 * candidates.comparisons()
            / Math.max(1, (double) data.size() * (data.size() - 1) / 2),
        stage2 == null ? "stage 2 off: every candidate counts as a near-duplicate\n"
            : String.format(Locale.ROOT, "stage 2: %d of them verified as near-duplicates "
            + "(pairs.csv); keypoints for %d images (%d extracted, %d from the cache)%n",
            pairs.size(), stage2.images(), stage2.extracted(),
            stage2.images() - stage2.extracted()),
        groups.size(), removable, aliases == 0 ? "" : String.format(Locale.ROOT,
            "other names of listed files (symbolic or hard links, same_file_as in groups.csv;"
            + " not counted): %d%n", aliases), KEEP_RULE, total, embedSeconds,
        embedded.fromCache() ? " from cache" : "", searchSeconds, stage2 == null ? ""
            : String.format(Locale.ROOT, ", keypoints %.1f s, verification %.1f s",
            stage2.keypointSeconds(), stage2.verifySeconds()), groupSeconds);
    AtomicFiles.writeString(folder.resolve("summary.txt"), summary);
    return new Result(folder, config.photos(), data.provenance().model(), groups, pairs, data,
        embedded.skipped(), scanned, data.size(), removable, aliases, embedded.fromCache(),
        embedSeconds, searchSeconds, total, summary);
  }

  /** The second stage as configured (keypoint cache under cache.dir). */
  static SecondStage secondStage(DedupConfig config, PrintStream log) {
    OrbExtractor extractor = new OrbExtractor(config.stage2().features(),
        config.stage2().side());
    return new SecondStage(config.photos(), extractor,
        new FeatureCache(config.cacheDir(), extractor.describe(), log), verifier(config),
        config.threads(), log);
  }

  static GeometricVerifier verifier(DedupConfig config) {
    return new GeometricVerifier(config.stage2().inliers(), config.stage2().ratio(),
        config.seed());
  }

  /** Groups of rows, keep row first, each member verified against it. */
  static List<int[]> keepGroups(Path photos, Dataset unit, VerifiedGroups verified,
      Map<Integer, KeepRule.Facts> facts) {
    return verified.groups(unit.size(), rows -> {
      List<KeepRule.Facts> files = new ArrayList<>();
      for (int r : rows) {
        files.add(facts(photos, facts, r, unit));
      }
      int keep = rows[KeepRule.choose(files, (i, j) -> verified.check(rows[i], rows[j]))];
      files.forEach(KeepRule.Facts::release);
      return keep;
    });
  }

  private KeepRule.Facts facts(Map<Integer, KeepRule.Facts> cache, int row, Dataset unit) {
    return facts(config.photos(), cache, row, unit);
  }

  private static KeepRule.Facts facts(Path photos, Map<Integer, KeepRule.Facts> cache, int row,
      Dataset unit) {
    return cache.computeIfAbsent(row, r -> {
      Path file = photos.resolve(unit.id(r));
      return new KeepRule.Facts(r, unit.id(r), file, Files.isSymbolicLink(file));
    });
  }

  /**
   * Reads size and sharpness of every group member, marks the keep image (the group's first
   * row, chosen by {@link KeepRule}) and the reason for each decision, orders the rest.
   */
  private List<DuplicateGroup> describe(List<int[]> components, Dataset unit,
      VerifiedGroups verified, Map<Integer, KeepRule.Facts> facts) {
    List<DuplicateGroup> out = new ArrayList<>();
    components.sort(Comparator.comparingInt(rows -> Arrays.stream(rows).min().orElse(0)));
    for (int[] rows : components) {
      List<DuplicateGroup.Member> members = new ArrayList<>();
      for (int row : rows) {
        members.add(member(row, unit));
      }
      int keepRow = rows[0];
      out.add(new DuplicateGroup(out.size() + 1, arrange(members, m -> identity(m.file()),
          (a, b) -> 1.0 - VectorOps.dot(unit.vectors(), unit.offset(a.row()), unit.vectors(),
              unit.offset(b.row()), unit.dim()),
          named -> named.stream().filter(m -> m.row() == keepRow).findFirst()
              .orElse(named.get(0)),
          (keep, m) -> {
            Verification v = verified.check(keep.row(), m.row());
            return new Decision(v == VerifiedGroups.PASSED ? null : v, KeepRule.compare(
                facts(facts, keep.row(), unit), facts(facts, m.row(), unit), v).reason());
          })));
    }
    return out;
  }

  /** The check of the keep image against a member and why the keep image won. */
  record Decision(Verification check, String reason) {}

  /**
   * One group's members as reported: names of one file (equal {@code identity}) joined under
   * their first regular name, the keep file chosen by {@link #KEEP_ORDER} among files, every
   * member's distance to it, keep file first, then by distance, each file's other names after it.
   */
  static List<DuplicateGroup.Member> arrange(List<DuplicateGroup.Member> members,
      Function<DuplicateGroup.Member, Object> identity,
      ToDoubleBiFunction<DuplicateGroup.Member, DuplicateGroup.Member> distance) {
    return arrange(members, identity, distance,
        named -> named.stream().min(KEEP_ORDER).orElseThrow(), (keep, m) -> null);
  }

  /**
   * {@link #arrange(List, Function, ToDoubleBiFunction)} with the keep file chosen by
   * {@code chooser} among the files (one name each) and each other file's decision from
   * {@code decide}.
   */
  static List<DuplicateGroup.Member> arrange(List<DuplicateGroup.Member> members,
      Function<DuplicateGroup.Member, Object> identity,
      ToDoubleBiFunction<DuplicateGroup.Member, DuplicateGroup.Member> distance,
      Function<List<DuplicateGroup.Member>, DuplicateGroup.Member> chooser,
      BiFunction<DuplicateGroup.Member, DuplicateGroup.Member, Decision> decide) {
    Map<Integer, Object> idOf = new HashMap<>(); // by row: one file-system lookup a member
    Map<Object, DuplicateGroup.Member> named = new HashMap<>();
    Comparator<DuplicateGroup.Member> naming = Comparator.comparing(DuplicateGroup.Member::link)
        .thenComparing(DuplicateGroup.Member::path);
    for (DuplicateGroup.Member m : members) {
      Object id = identity.apply(m);
      idOf.put(m.row(), id);
      named.merge(id, m, BinaryOperator.minBy(naming));
    }
    List<DuplicateGroup.Member> files = new ArrayList<>(named.values());
    files.sort(Comparator.comparing(DuplicateGroup.Member::path));
    DuplicateGroup.Member keep = chooser.apply(files);
    Object kept = idOf.get(keep.row());
    List<DuplicateGroup.Member> out = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    for (DuplicateGroup.Member m : members) {
      Object id = idOf.get(m.row());
      DuplicateGroup.Member name = named.get(id);
      boolean isKept = id.equals(kept);
      double d = isKept ? 0 : Math.max(0, distance.applyAsDouble(m, keep));
      Decision why = isKept || name.row() != m.row() ? null : decide.apply(keep, m);
      if (why != null) {
        lost.add(why.reason());
      }
      out.add(new DuplicateGroup.Member(m.row(), m.path(), m.file(), m.width(), m.height(),
          m.bytes(), m.sharpness(), d, isKept, m.link(),
          name.row() == m.row() ? null : name.path(), why == null ? null : why.check(),
          name.row() != m.row() ? "another name of " + name.path()
          : why == null ? "" : why.reason()));
    }
    String keptBecause = KeepRule.keptBecause(lost);
    for (int i = 0; i < out.size(); i++) {
      DuplicateGroup.Member m = out.get(i);
      if (m.row() == keep.row()) {
        out.set(i, new DuplicateGroup.Member(m.row(), m.path(), m.file(), m.width(), m.height(),
            m.bytes(), m.sharpness(), 0, true, m.link(), null, null, keptBecause));
      }
    }
    out.sort(Comparator.comparing((DuplicateGroup.Member m) -> !m.keep())
        .thenComparingDouble(DuplicateGroup.Member::distanceToKeep)
        .thenComparing(m -> m.isAlias() ? m.sameFileAs() : m.path())
        .thenComparing(DuplicateGroup.Member::isAlias)
        .thenComparing(DuplicateGroup.Member::path));
    return out;
  }

  /**
   * What makes two names one file: the file system's key (device and inode, so hard links
   * too), or where the name finally leads when the file system has none.
   */
  static Object identity(Path file) {
    try {
      Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
      return key != null ? key : file.toRealPath();
    } catch (IOException e) {
      return file.toAbsolutePath().normalize();
    }
  }

  /** Shorter side of the decode sharpness is measured on (smaller photos: full size). */
  static final int SHARPNESS_SIDE = 1024;

  private DuplicateGroup.Member member(int row, Dataset unit) {
    String relative = unit.id(row);
    Path file = config.photos().resolve(relative);
    long bytes;
    try {
      bytes = Files.size(file);
    } catch (IOException e) {
      bytes = 0;
    }
    int width = 0;
    int height = 0;
    double sharpness = 0;
    try {
      // sizes as displayed (EXIF orientation) at full size; sharpness on at most a reduced
      // decode, so a huge photo costs no more memory than a small one
      ImageFolder.Decoded decoded = ImageFolder.decodeAtLeast(file, SHARPNESS_SIDE);
      width = decoded.width();
      height = decoded.height();
      sharpness = Sharpness.laplacianVariance(decoded.image());
    } catch (ImageDecodeException e) {
      log.println("[dedup] " + relative + " no longer decodes (" + e.getMessage()
          + "); it will not be suggested for keeping");
    }
    return new DuplicateGroup.Member(row, relative, file, width, height, bytes, sharpness,
        0, false, Files.isSymbolicLink(file), null);
  }

  static void writeGroups(Path file, List<DuplicateGroup> groups) throws IOException {
    AtomicFiles.writeText(file, out -> {
      try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("group",
          "path", "width", "height", "file_bytes", "sharpness", "distance_to_keep", "inliers",
          "inlier_ratio", "scale", "rotation_deg", "keep", "same_file_as", "reason").build())) {
        for (DuplicateGroup g : groups) {
          for (DuplicateGroup.Member m : g.members()) {
            csv.printRecord(g.id(), m.path(), m.width(), m.height(), m.bytes(),
                String.format(Locale.ROOT, "%.1f", m.sharpness()),
                String.format(Locale.ROOT, "%.4f", m.distanceToKeep()),
                m.check() == null ? "" : m.check().inliers(),
                m.check() == null ? "" : String.format(Locale.ROOT, "%.3f",
                    m.check().inlierRatio()),
                m.check() == null ? "" : String.format(Locale.ROOT, "%.3f", m.check().scale()),
                m.check() == null ? "" : String.format(Locale.ROOT, "%.1f",
                    m.check().rotation()), m.keep(), m.isAlias() ? m.sameFileAs() : "",
                m.reason());
          }
        }
      }
    });
  }

  /**
   * Every stage-1 candidate with its check (empty check columns when stage 2 is off): what the
   * second stage was given, so two runs (or two engines) can be compared pair by pair.
   */
  static void writeCandidates(Path file, NearPairs candidates, Verification[] checks,
      Dataset data) throws IOException {
    AtomicFiles.writeText(file, out -> {
      try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("path_a",
          "path_b", "distance", "passed", "inliers", "matches", "inlier_ratio").build())) {
        for (int p = 0; p < candidates.size(); p++) {
          Verification v = checks == null ? null : checks[p];
          csv.printRecord(data.id(candidates.first(p)), data.id(candidates.second(p)),
              String.format(Locale.ROOT, "%.6f", candidates.distance(p)),
              v == null ? "" : v.passed(), v == null ? "" : v.inliers(),
              v == null ? "" : v.matches(),
              v == null ? "" : String.format(Locale.ROOT, "%.3f", v.inlierRatio()));
        }
      }
    });
  }

  /**
   * Every near-duplicate pair: the candidates that verified (all candidates when stage 2 is
   * off), with the CNN distance and the fit.
   */
  static void writePairs(Path file, NearPairs candidates, Verification[] checks, Dataset data)
      throws IOException {
    AtomicFiles.writeText(file, out -> {
      try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("path_a",
          "path_b", "distance", "inliers", "matches", "inlier_ratio", "scale", "rotation_deg",
          "mirrored").build())) {
        for (int p = 0; p < candidates.size(); p++) {
          Verification v = checks == null ? null : checks[p];
          if (v != null && !v.passed()) {
            continue;
          }
          csv.printRecord(data.id(candidates.first(p)), data.id(candidates.second(p)),
              String.format(Locale.ROOT, "%.4f", candidates.distance(p)),
              v == null ? "" : v.inliers(), v == null ? "" : v.matches(),
              v == null ? "" : String.format(Locale.ROOT, "%.3f", v.inlierRatio()),
              v == null ? "" : String.format(Locale.ROOT, "%.3f", v.scale()),
              v == null ? "" : String.format(Locale.ROOT, "%.1f", v.rotation()),
              v == null ? "" : v.mirrored());
        }
      }
    });
  }
}
