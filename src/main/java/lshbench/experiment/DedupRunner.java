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
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.ToDoubleBiFunction;
import lshbench.data.Dataset;
import lshbench.data.images.ImageDecodeException;
import lshbench.data.images.ImageFolder;
import lshbench.data.images.Sharpness;
import lshbench.data.images.Skipped;
import lshbench.embed.ImageEmbedding;
import lshbench.io.AtomicFiles;
import lshbench.lsh.LshIndex;
import lshbench.lsh.NearPairs;
import lshbench.lsh.UnionFind;
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
  public static final String KEEP_RULE = "keep = a regular file over a symbolic link, then "
      + "largest pixel count, then sharpest (variance of the Laplacian), then largest file, then "
      + "first path; other names of one file (links) are marked same_file_as and never counted "
      + "as removable";

  private final DedupConfig config;
  private final PrintStream log;

  private ImageEmbedding.Result embedded;
  private long start;

  public DedupRunner(DedupConfig config, PrintStream log) {
    this.config = config;
    this.log = log;
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
    NearPairs pairs = findPairs(unit);
    List<int[]> components = UnionFind.of(unit.size(), pairs).groups();
    double searchSeconds = (System.nanoTime() - s0) / 1e9;
    List<DuplicateGroup> groups = describe(components, unit);
    int removable = 0;
    int aliases = 0;
    for (DuplicateGroup g : groups) {
      removable += g.removable();
      aliases += (int) g.members().stream().filter(DuplicateGroup.Member::isAlias).count();
    }
    writeGroups(folder.resolve("groups.csv"), groups);
    writePairs(folder.resolve("pairs.csv"), pairs, data);
    embedded.writeSkippedCsv(folder.path());
    double total = (System.nanoTime() - start) / 1e9;
    int scanned = data.size() + embedded.skipped().size();
    String summary = String.format(Locale.ROOT,
        "near-duplicate finder: %s (recursive)%n"
        + "model: %s%n"
        + "index: random-hyperplane LSH %s%n"
        + "images scanned: %d files, %d embedded, %d skipped (skipped.csv)%n"
        + "near-duplicate pairs: %d (%d exact distance computations, %.2f%% of all pairs)%n"
        + "groups found: %d; images that could be removed: %d%n"
        + "%s"
        + "%s%n"
        + "time: %.1f s (embedding %.1f s%s, index + pairs + groups %.2f s)%n",
        config.photos(), data.provenance().model(), config.describe(), scanned, data.size(),
        embedded.skipped().size(), pairs.size(), pairs.comparisons(),
        100.0 * pairs.comparisons() / Math.max(1, (double) data.size() * (data.size() - 1) / 2),
        groups.size(), removable, aliases == 0 ? "" : String.format(Locale.ROOT,
            "other names of listed files (symbolic or hard links, same_file_as in groups.csv;"
            + " not counted): %d%n", aliases), KEEP_RULE, total, embedSeconds,
        embedded.fromCache() ? " from cache" : "", searchSeconds);
    AtomicFiles.writeString(folder.resolve("summary.txt"), summary);
    return new Result(folder, config.photos(), data.provenance().model(), groups, pairs, data,
        embedded.skipped(), scanned, data.size(), removable, aliases, embedded.fromCache(),
        embedSeconds, searchSeconds, total, summary);
  }

  /** Builds the configured index over every row and finds the pairs through it. */
  NearPairs findPairs(Dataset unit) {
    int[] all = new int[unit.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    LshIndex index = LshIndex.builder().bitsPerTable(config.k()).tables(config.l())
        .probes(config.probes()).seed(config.seed()).center(config.center())
        .threads(config.threads()).build(unit, all);
    return NearPairs.lsh(index, unit, config.threshold());
  }

  /** Reads size and sharpness of every group member, picks the keep image, orders the rest. */
  private List<DuplicateGroup> describe(List<int[]> components, Dataset unit) {
    List<DuplicateGroup> out = new ArrayList<>();
    for (int[] rows : components) {
      List<DuplicateGroup.Member> members = new ArrayList<>();
      for (int row : rows) {
        members.add(member(row, unit));
      }
      out.add(new DuplicateGroup(out.size() + 1, arrange(members, m -> identity(m.file()),
          (a, b) -> 1.0 - VectorOps.dot(unit.vectors(), unit.offset(a.row()), unit.vectors(),
              unit.offset(b.row()), unit.dim()))));
    }
    return out;
  }

  /**
   * One group's members as reported: names of one file (equal {@code identity}) joined under
   * their first regular name, the keep file chosen by {@link #KEEP_ORDER} among files, every
   * member's distance to it, keep file first, then by distance, each file's other names after it.
   */
  static List<DuplicateGroup.Member> arrange(List<DuplicateGroup.Member> members,
      Function<DuplicateGroup.Member, Object> identity,
      ToDoubleBiFunction<DuplicateGroup.Member, DuplicateGroup.Member> distance) {
    Map<Integer, Object> idOf = new HashMap<>(); // by row: one file-system lookup a member
    Map<Object, DuplicateGroup.Member> named = new HashMap<>();
    Comparator<DuplicateGroup.Member> naming = Comparator.comparing(DuplicateGroup.Member::link)
        .thenComparing(DuplicateGroup.Member::path);
    for (DuplicateGroup.Member m : members) {
      Object id = identity.apply(m);
      idOf.put(m.row(), id);
      named.merge(id, m, BinaryOperator.minBy(naming));
    }
    DuplicateGroup.Member keep = named.values().stream().min(KEEP_ORDER).orElseThrow();
    Object kept = idOf.get(keep.row());
    List<DuplicateGroup.Member> out = new ArrayList<>();
    for (DuplicateGroup.Member m : members) {
      Object id = idOf.get(m.row());
      DuplicateGroup.Member name = named.get(id);
      boolean isKept = id.equals(kept);
      double d = isKept ? 0 : Math.max(0, distance.applyAsDouble(m, keep));
      out.add(new DuplicateGroup.Member(m.row(), m.path(), m.file(), m.width(), m.height(),
          m.bytes(), m.sharpness(), d, isKept, m.link(),
          name.row() == m.row() ? null : name.path()));
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
          "path", "width", "height", "file_bytes", "sharpness", "distance_to_keep", "keep",
          "same_file_as").build())) {
        for (DuplicateGroup g : groups) {
          for (DuplicateGroup.Member m : g.members()) {
            csv.printRecord(g.id(), m.path(), m.width(), m.height(), m.bytes(),
                String.format(Locale.ROOT, "%.1f", m.sharpness()),
                String.format(Locale.ROOT, "%.4f", m.distanceToKeep()), m.keep(),
                m.isAlias() ? m.sameFileAs() : "");
          }
        }
      }
    });
  }

  static void writePairs(Path file, NearPairs pairs, Dataset data) throws IOException {
    AtomicFiles.writeText(file, out -> {
      try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("path_a",
          "path_b", "distance").build())) {
        for (int p = 0; p < pairs.size(); p++) {
          csv.printRecord(data.id(pairs.first(p)), data.id(pairs.second(p)),
              String.format(Locale.ROOT, "%.4f", pairs.distance(p)));
        }
      }
    });
  }
}
