package lshbench.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import lshbench.data.images.ExifDate;
import lshbench.data.images.ImageDecodeException;
import lshbench.data.images.ImageFolder;
import lshbench.data.images.JpegQuality;
import lshbench.data.images.NativeResolution;
import lshbench.data.images.RgbImage;
import lshbench.features.Verification;

/**
 * Which file of a group of near-duplicates to keep: the one a photographer would call the
 * original. Two files are compared criterion by criterion, the first that separates them
 * decides:
 *
 * <ol>
 *   <li>resolution: of two renderings at different scales (from the geometric fit), the larger
 *       one, unless it carries no more detail than the smaller (an upscaled copy; {@link
 *       NativeResolution}), in which case the smaller;
 *   <li>JPEG quality (quantisation tables), when both are JPEGs and differ by 25 or more;
 *   <li>at the same scale, detail: a copy with under 50 % of the other's edge energy per unit
 *       of contrast was blurred or softened;
 *   <li>the uncropped one: when most of one's keypoints land inside the other's frame but not
 *       the reverse, the other contains it;
 *   <li>a regular file over a symbolic link;
 *   <li>the earliest EXIF {@code DateTimeOriginal} (a file without one after those with);
 *   <li>the earliest modification time (an exact copy is usually made after its original);
 *   <li>the first path.
 * </ol>
 *
 * The keep file is the one preferred in the most comparisons (ties: the one that beat the other
 * tied files head to head, then first path), so the choice
 * does not depend on the listing order.
 */
final class KeepRule {
  /** Scale differences under this factor are the same resolution (resampling noise). */
  private static final double SAME_SCALE = 1.1;
  /**
   * Quality gaps smaller than this do not decide: re-saving a quality-75 photo at 90 (what
   * most editors do) raises the tables without restoring anything, so only a gap as large as
   * a messaging app's re-compression counts.
   */
  private static final int QUALITY_STEP = 25;
  private static final double CROPPED_BELOW = 0.85;
  private static final double CONTAINED_ABOVE = 0.9;
  /**
   * At one scale, a copy with under this share of the other's edge energy per unit contrast
   * was blurred or softened. A Gaussian blur of sigma 1 px already removes most of the energy
   * the Laplacian sees; a caption, a contrast boost or re-compression moves it by tens of
   * per cent either way, so a milder bar would let those edits beat the original.
   */
  static final double SOFTENED_BELOW = 0.5;
  /**
   * The upscaling bar when the two do not show the same frame: enlargements by 1.25–1.6 keep
   * at most 0.48 of the detail at the smaller scale on the benchmark, true originals at least
   * 0.8 when the frames agree; a frame's own edges blur that, so the lower bar.
   */
  static final double UPSCALED_FRAMED_BELOW = 0.5;
  /** Shorter side the rule decodes at, at least: enough for edge energy, bounded memory. */
  static final int DECODE_SIDE = 768;

  static final String RULE = "keep = the original: not an upscaled or downscaled copy "
      + "(scale from the fit, detail at a common scale), then highest JPEG quality "
      + "(quantisation tables, gaps of 25+), then more detail at the same scale (not blurred), "
      + "then uncropped (the fit says which contains the other), then a "
      + "regular file over a symbolic link, then earliest EXIF DateTimeOriginal, then earliest "
      + "modification time, then first path; the reason is in groups.csv";

  /** What the rule reads about one file, read once per group member. */
  static final class Facts {
    final int row;
    final String path;
    final Path file;
    final boolean link;
    private int quality = Integer.MIN_VALUE;
    private String exif;
    private boolean exifRead;
    private long modified = Long.MIN_VALUE;
    private final java.util.Map<Integer, RgbImage> images = new java.util.HashMap<>();
    private int baseStep;
    private double detail = Double.NaN;

    Facts(int row, String path, Path file, boolean link) {
      this.row = row;
      this.path = path;
      this.file = file;
      this.link = link;
    }

    int quality() {
      if (quality == Integer.MIN_VALUE) {
        quality = JpegQuality.estimate(file);
      }
      return quality;
    }

    String exif() {
      if (!exifRead) {
        exif = ExifDate.original(file).orElse(null);
        exifRead = true;
      }
      return exif;
    }

    long modified() {
      if (modified == Long.MIN_VALUE) {
        try {
          modified = Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
          modified = Long.MAX_VALUE;
        }
      }
      return modified;
    }

    /**
     * The file decoded at its base step: every {@code step}-th pixel of every step-th row, the
     * largest step keeping the shorter side at least {@link #DECODE_SIDE}. A 12-megapixel
     * photo is read at about 1000 × 750, so the rule's memory and detail measures cost the
     * same for every photo; null when the file no longer decodes.
     */
    RgbImage image() {
      return image(baseStep());
    }

    /** Full-size pixels per decoded pixel of {@link #image()}. */
    int baseStep() {
      if (baseStep == 0) {
        try {
          ImageFolder.Decoded d = ImageFolder.decodeAtLeast(file, DECODE_SIDE);
          baseStep = Math.max(1, (int) Math.round((double) d.width() / d.image().width()));
          images.put(baseStep, d.image());
        } catch (ImageDecodeException e) {
          baseStep = 1;
          images.put(1, null);
        }
      }
      return baseStep;
    }

    /** Decoded at {@code step} (a coarser or finer reading than the base one, cached). */
    RgbImage image(int step) {
      baseStep();
      if (!images.containsKey(step)) {
        RgbImage read;
        try {
          read = ImageFolder.decodeEvery(file, step).image();
        } catch (ImageDecodeException e) {
          read = null;
        }
        images.put(step, read);
      }
      return images.get(step);
    }

    /**
     * Drops the decoded pixels (what was measured stays): a run keeps the facts of every group
     * member, and pixels for 100,000 photos would not fit. A later comparison decodes again.
     */
    void release() {
      images.clear();
      baseStep = 0; // read again with the pixels
    }

    /** {@link NativeResolution#detail} of {@link #image()}, computed once. */
    double detail() {
      if (Double.isNaN(detail)) {
        RgbImage im = image();
        detail = im == null ? 0 : NativeResolution.detail(im);
      }
      return detail;
    }
  }

  /**
   * One comparison's outcome.
   *
   * @param firstWins whether the first file is preferred
   * @param reason why the other one lost, in a few words
   */
  record Outcome(boolean firstWins, String reason) {}

  private KeepRule() {}

  /**
   * Compares a with b; {@code check} is the geometric check of a against b (a first), or null
   * when there is none.
   */
  static Outcome compare(Facts a, Facts b, Verification check) {
    if (check != null && check.passed() && Double.isFinite(check.scale())) {
      double s = check.scale();
      if (s > SAME_SCALE || s < 1 / SAME_SCALE) {
        boolean bLarger = s > 1;
        Facts large = bLarger ? b : a;
        Facts small = bLarger ? a : b;
        double factor = bLarger ? s : 1 / s;
        // both read at the smaller one's step (the reader's subsampling filters, so both must
        // pass through the same one), and the larger shrunk the rest of the way by the test's
        // own resampling: reading the larger at a coarser step smooths it and makes every
        // original look upscaled
        int smallStep = small.baseStep();
        int largeStep = smallStep;
        RgbImage largeImage = large.image(largeStep);
        RgbImage smallImage = small.image();
        if (largeImage != null && smallImage != null) {
          boolean sameFrame = check.coverFirst() >= CONTAINED_ABOVE
              && check.coverSecond() >= CONTAINED_ABOVE;
          double ratio = NativeResolution.detailRatio(largeImage, smallImage,
              Math.max(1, factor * smallStep / largeStep), sameFrame);
          // different frames (a screenshot's bars, a letterbox, a crop) add or remove edges
          // that are not resolution, so only a clear lack of detail counts there
          boolean largeWins = ratio >= (sameFrame ? NativeResolution.UPSCALED_BELOW
              : UPSCALED_FRAMED_BELOW);
          String reason = largeWins
              ? String.format(Locale.ROOT, "lower resolution (x%.2f)", 1 / factor)
              : String.format(Locale.ROOT, "upscaled copy (x%.2f, no added detail)", factor);
          return new Outcome(largeWins != bLarger, reason);
        }
      }
    }
    int qa = a.quality();
    int qb = b.quality();
    if (qa > 0 && qb > 0 && Math.abs(qa - qb) >= QUALITY_STEP) {
      return new Outcome(qa > qb, String.format(Locale.ROOT, "re-encoded at JPEG quality %d "
          + "(vs %d)", Math.min(qa, qb), Math.max(qa, qb)));
    }
    if (check != null && check.passed() && a.image() != null && b.image() != null
        && a.baseStep() == b.baseStep()) {
      // same scale: a blurred or softened copy has clearly less edge energy per unit contrast
      double da = a.detail();
      double db = b.detail();
      if (Math.min(da, db) < SOFTENED_BELOW * Math.max(da, db)) {
        return new Outcome(da > db, String.format(Locale.ROOT, "less detail (blurred or "
            + "softened, %.0f%% of the other's edge energy)", 100 * Math.min(da, db)
            / Math.max(da, db)));
      }
    }
    if (check != null && check.passed()) {
      // coverFirst: share of a's keypoints inside b's frame
      if (check.coverFirst() < CROPPED_BELOW && check.coverSecond() >= CONTAINED_ABOVE) {
        return new Outcome(true, String.format(Locale.ROOT, "crop (shows %.0f%% of the other)",
            100 * check.coverFirst()));
      }
      if (check.coverSecond() < CROPPED_BELOW && check.coverFirst() >= CONTAINED_ABOVE) {
        return new Outcome(false, String.format(Locale.ROOT, "crop (shows %.0f%% of the other)",
            100 * check.coverSecond()));
      }
    }
    if (a.link != b.link) {
      return new Outcome(!a.link, "symbolic link");
    }
    String ea = a.exif();
    String eb = b.exif();
    if (ea != null || eb != null) {
      if (ea == null || eb == null) {
        return new Outcome(ea != null, "no EXIF capture date");
      }
      int c = ea.compareTo(eb);
      if (c != 0) {
        return new Outcome(c < 0, "later EXIF capture date");
      }
    }
    long ma = a.modified();
    long mb = b.modified();
    if (Math.abs(ma - mb) > 2000) {
      return new Outcome(ma < mb, "modified later");
    }
    return new Outcome(a.path.compareTo(b.path) <= 0, "path order");
  }

  /**
   * The index of the file to keep: preferred in the most comparisons; ties to the one that beat
   * the other tied files head to head, then to the first path.
   *
   * @param check the check of (i, j), i first, or null
   */
  static int choose(List<Facts> files, BiFunction<Integer, Integer, Verification> check) {
    int n = files.size();
    int[] wins = new int[n];
    boolean[][] beats = new boolean[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        boolean first = compare(files.get(i), files.get(j), check.apply(i, j)).firstWins();
        beats[i][j] = first;
        beats[j][i] = !first;
        wins[first ? i : j]++;
      }
    }
    int most = java.util.Arrays.stream(wins).max().orElse(0);
    List<Integer> tied = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (wins[i] == most) {
        tied.add(i);
      }
    }
    // among the files with the most wins, the one that beat the other tied ones head to head
    // (a path is no evidence: it only breaks ties the comparisons leave open)
    int best = tied.get(0);
    int bestHead = -1;
    for (int i : tied) {
      int head = 0;
      for (int j : tied) {
        head += i != j && beats[i][j] ? 1 : 0;
      }
      if (head > bestHead
          || head == bestHead && files.get(i).path.compareTo(files.get(best).path) < 0) {
        best = i;
        bestHead = head;
      }
    }
    return best;
  }

  /** The keep file's own line: what it won over, most telling reasons first. */
  static String keptBecause(List<String> lostReasons) {
    List<String> kinds = new ArrayList<>();
    for (String r : lostReasons) {
      String kind = r.replaceAll(" \\(.*", "");
      if (!kinds.contains(kind)) {
        kinds.add(kind);
      }
    }
    return kinds.isEmpty() ? "kept" : "kept: the others are " + String.join("; ", kinds);
  }
}
