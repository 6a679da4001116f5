package lshbench.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import lshbench.data.Dataset;
import lshbench.data.images.CopyTransform;
import lshbench.features.FeatureCache;
import lshbench.features.GeometricVerifier;
import lshbench.features.OrbExtractor;
import lshbench.features.Verification;
import lshbench.io.AtomicFiles;
import lshbench.lsh.NearPairs;
import lshbench.lsh.UnionFind;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The finder's two stages measured on the benchmark at its default settings: stage 1 alone
 * (the candidate pairs), stage 2 alone (the check, judged on the candidate pairs only: what it
 * keeps of the true candidates and what it lets through), both together (the verified pairs
 * against every true pair), and the final groups (every two members of a group, after the
 * keep image check). Precision and recall overall, recall per edit (original–copy pairs made
 * by it), the time of each stage, and how often the original is the keep image.
 */
final class DedupStages {
  private DedupStages() {}

  /**
   * @param pairs found pairs, set-aside ones not counted
   * @param strictPrecision precision counting the set-aside pairs as false
   */
  record Line(String stage, int pairs, int hits, int truth, double precision, double recall,
      double strictPrecision, int aside, Map<CopyTransform, Double> perEdit) {}

  /**
   * The source screen's bar: two source images (originals, distractors) whose fit has this many
   * inliers at this ratio are one photo already in the pool (Caltech101 holds re-saved
   * duplicates, crops of one photo filed in two categories, consecutive shots of one
   * motorbike). Fixed, stricter than any default of the check, and only ever applied to pairs
   * of untouched source files, never to a copy the benchmark made.
   */
  static final int SOURCE_DUP_INLIERS = 40;
  static final double SOURCE_DUP_RATIO = 0.7;

  /**
   * @param exact exact all-pairs at a threshold at least the finder's
   * @param sourceOf per row: the source image it is (itself) or was made from (a copy's
   *     original), -1 for none
   */
  static String run(DedupConfig config, PairStages stages, Dataset data, Dataset unit,
      Set<Long> truth, Map<Long, CopyTransform> direct, Set<Integer> originals, NearPairs exact,
      int[] sourceOf, Path folder, PrintStream log) throws IOException {
    long s0 = System.nanoTime();
    NearPairs candidates = stages.candidates(config, unit, log);
    double stage1 = (System.nanoTime() - s0) / 1e9;
    log.printf(Locale.ROOT, "[dedup-bench] stage 1: %d candidates in %.2f s%n",
        candidates.size(), stage1);
    Screen screen = screen(config, data, unit, exact, candidates, sourceOf, truth, folder, log);
    SecondStage.Result s2 = stages.verify(config, data, candidates, log);
    Verification[] checks = s2.checks();
    NearPairs verified = candidates.where(p -> checks[p].passed());
    writeCandidates(folder.resolve("candidates.csv"), unit, candidates, checks, truth, screen);
    int suspects = writeSuspects(folder.resolve("suspects.csv"), unit, candidates, checks,
        truth, screen);
    long g0 = System.nanoTime();
    VerifiedGroups vg = new VerifiedGroups(candidates, checks, s2.features(),
        DedupRunner.verifier(config));
    Map<Integer, KeepRule.Facts> facts = new HashMap<>();
    List<int[]> groups = DedupRunner.keepGroups(config.photos(), unit, vg, facts);
    double groupSeconds = (System.nanoTime() - g0) / 1e9;
    List<Long> groupPairs = new ArrayList<>();
    int withOriginal = 0;
    Map<String, Integer> lostBecause = new TreeMap<>();
    int originalKept = 0;
    for (int[] g : groups) {
      for (int i = 0; i < g.length; i++) {
        for (int j = i + 1; j < g.length; j++) {
          groupPairs.add(NearPairs.key(g[i], g[j]));
        }
      }
      boolean has = false;
      for (int r : g) {
        has |= originals.contains(r);
      }
      if (has) {
        withOriginal++;
        if (originals.contains(g[0])) {
          originalKept++;
        } else {
          // why the keep rule preferred a copy (or a pooled duplicate) to the original
          for (int r : g) {
            if (originals.contains(r)) {
              KeepRule.Outcome o = KeepRule.compare(facts.get(g[0]), facts.get(r),
                  vg.check(g[0], r));
              String why = o.firstWins() ? o.reason().replaceAll(" \\(.*", "")
                  : "beat it head to head, but won fewer comparisons in the group";
              String id = unit.id(g[0]);
              String kept = sourceOf[g[0]] == g[0] ? "a pooled file"
                  : "a copy (" + id.substring(id.lastIndexOf("__") + 2).replace(".jpg", "") + ")";
              lostBecause.merge(kept + ": original " + why, 1, Integer::sum);
            }
          }
        }
      }
    }
    List<Long> cand = keys(candidates);
    List<Long> ver = keys(verified);
    List<Line> lines = List.of(
        line("stage 1 alone (candidates)", cand, truth, direct, null, screen),
        line("stage 2 alone (on candidates)", ver, truth, direct, cand, screen),
        line("stage 1 + 2 (pairs.csv)", ver, truth, direct, null, screen),
        line("groups (keep-verified)", groupPairs, truth, direct, null, screen));
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%ntwo stages at the default settings (%s; pair stages: "
        + "%s):%n", config.describe(), stages.describe(config)));
    s.append(String.format(Locale.ROOT, "source screen: %d pairs of source images (originals, "
        + "distractors) behind the candidates checked; %d are one photo already in the pool "
        + "(>= %d inliers, ratio >= %.2f; source-duplicates.csv), forming %d clusters. Found "
        + "pairs between two such files' families are set aside below (neither true nor false; "
        + "no true pair is ever set aside); strict = counting them as false%n",
        screen.checked(), screen.duplicates(), SOURCE_DUP_INLIERS, SOURCE_DUP_RATIO,
        screen.clusters()));
    s.append(String.format(Locale.ROOT, "%-30s %7s %9s %6s %6s %6s", "stage", "pairs",
        "precision", "recall", "strict", "aside"));
    for (CopyTransform t : lines.get(0).perEdit().keySet()) {
      s.append(' ').append(t.label());
    }
    s.append('\n');
    for (Line l : lines) {
      s.append(String.format(Locale.ROOT, "%-30s %7d %9.3f %6.3f %6.3f %6d", l.stage(),
          l.pairs(), l.precision(), l.recall(), l.strictPrecision(), l.aside()));
      for (var e : l.perEdit().entrySet()) {
        s.append(String.format(Locale.ROOT, " %" + e.getKey().label().length() + ".2f",
            e.getValue()));
      }
      s.append('\n');
    }
    s.append(String.format(Locale.ROOT, "time: stage 1 (LSH index + candidate pairs) %.2f s; "
        + "keypoints %.1f s for %d images (%d extracted, %d cached); verification %.1f s for %d "
        + "pairs (%.2f ms a pair, %d threads); groups and keep rule %.1f s%n", stage1,
        s2.keypointSeconds(), s2.images(), s2.extracted(), s2.images() - s2.extracted(),
        s2.verifySeconds(), checks.length, 1e3 * s2.verifySeconds() / Math.max(1, checks.length),
        config.threads(), groupSeconds));
    s.append(String.format(Locale.ROOT, "groups: %d; %d hold an original, which is the keep "
        + "image in %d (%.1f%%)%n", groups.size(), withOriginal, originalKept,
        100.0 * originalKept / Math.max(1, withOriginal)));
    lostBecause.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).forEach(e ->
        s.append(String.format(Locale.ROOT, "  original not kept, %s: %d%n", e.getKey(),
            e.getValue())));
    Line both = lines.get(2);
    int falsePairs = both.pairs() - both.hits();
    s.append(String.format(Locale.ROOT, "suspect unlabelled duplicates: %d of the %d verified "
        + "pairs the ground truth calls false (not set aside) have >= %d inliers and inlier ratio >= %.2f, "
        + "far above unrelated look-alikes (suspects.csv: look at them; a source image with a "
        + "near-duplicate in the pool makes the ground truth wrong). They are counted as false "
        + "above; as true duplicates, precision would be %.3f%n", suspects, falsePairs,
        SUSPECT_INLIERS, SUSPECT_RATIO, both.pairs() == 0 ? 1.0
        : (double) (both.hits() + suspects) / both.pairs()));
    AtomicFiles.writeText(folder.resolve("stages.csv"), out -> {
      List<String> header = new ArrayList<>(List.of("stage", "pairs", "true_pairs",
          "truth_total", "precision", "recall", "set_aside", "strict_precision"));
      for (CopyTransform t : lines.get(0).perEdit().keySet()) {
        header.add("recall_" + t.label());
      }
      try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
          .setHeader(header.toArray(String[]::new)).build())) {
        for (Line l : lines) {
          List<Object> row = new ArrayList<>(List.of(l.stage(), l.pairs(), l.hits(), l.truth(),
              String.format(Locale.ROOT, "%.4f", l.precision()),
              String.format(Locale.ROOT, "%.4f", l.recall()), l.aside(),
              String.format(Locale.ROOT, "%.4f", l.strictPrecision())));
          l.perEdit().values().forEach(v -> row.add(String.format(Locale.ROOT, "%.4f", v)));
          csv.printRecord(row);
        }
      }
    });
    return s.toString();
  }

  /**
   * A verified pair the ground truth calls false is a suspect unlabelled duplicate at this many
   * inliers and this ratio: several times what unrelated look-alikes reach on the benchmark,
   * and what an edited copy of one photo keeps.
   */
  static final int SUSPECT_INLIERS = 100;
  static final double SUSPECT_RATIO = 0.6;

  /**
   * Verified pairs outside the ground truth with a very strong fit: most likely two files of
   * one photo that the source already held (a category of crops of another, burst shots).
   * Reported, never silently counted either way.
   */
  private static int writeSuspects(Path file, Dataset unit, NearPairs c, Verification[] v,
      Set<Long> truth, Screen screen) throws IOException {
    int[] n = {0};
    AtomicFiles.writeText(file, out -> {
      try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("path_a",
          "path_b", "distance", "inliers", "matches", "inlier_ratio", "scale", "rotation_deg",
          "mirrored").build())) {
        for (int p = 0; p < c.size(); p++) {
          Verification x = v[p];
          if (x.passed() && !truth.contains(c.key(p)) && !screen.aside(c.key(p))
              && x.inliers() >= SUSPECT_INLIERS
              && x.inlierRatio() >= SUSPECT_RATIO) {
            n[0]++;
            csv.printRecord(unit.id(c.first(p)), unit.id(c.second(p)),
                String.format(Locale.ROOT, "%.4f", c.distance(p)), x.inliers(), x.matches(),
                String.format(Locale.ROOT, "%.3f", x.inlierRatio()),
                String.format(Locale.ROOT, "%.3f", x.scale()),
                String.format(Locale.ROOT, "%.1f", x.rotation()), x.mirrored());
          }
        }
      }
    });
    return n[0];
  }

  /** Every candidate with its check and whether the ground truth calls it a true pair. */
  private static void writeCandidates(Path file, Dataset unit, NearPairs c, Verification[] v,
      Set<Long> truth, Screen screen) throws IOException {
    AtomicFiles.writeText(file, out -> {
      try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("path_a",
          "path_b", "distance", "true_pair", "passed", "inliers", "matches", "inlier_ratio",
          "scale", "rotation_deg", "mirrored", "cover_a", "cover_b", "set_aside").build())) {
        for (int p = 0; p < c.size(); p++) {
          Verification x = v[p];
          csv.printRecord(unit.id(c.first(p)), unit.id(c.second(p)),
              String.format(Locale.ROOT, "%.4f", c.distance(p)), truth.contains(c.key(p)),
              x.passed(), x.inliers(), x.matches(),
              String.format(Locale.ROOT, "%.3f", x.inlierRatio()),
              String.format(Locale.ROOT, "%.3f", x.scale()),
              String.format(Locale.ROOT, "%.1f", x.rotation()), x.mirrored(),
              String.format(Locale.ROOT, "%.3f", x.coverFirst()),
              String.format(Locale.ROOT, "%.3f", x.coverSecond()), screen.aside(c.key(p)));
        }
      }
    });
  }

  private static List<Long> keys(NearPairs p) {
    List<Long> out = new ArrayList<>(p.size());
    for (int i = 0; i < p.size(); i++) {
      out.add(p.key(i));
    }
    return out;
  }

  /**
   * @param universe when not null, recall counts only the true pairs in it (stage 2 judged on
   *     what stage 1 gave it)
   */
  private static Line line(String stage, List<Long> found, Set<Long> truth,
      Map<Long, CopyTransform> direct, List<Long> universe, Screen screen) {
    Set<Long> all = new java.util.HashSet<>(found);
    Set<Long> foundSet = new java.util.HashSet<>();
    for (long k : all) {
      if (!screen.aside(k)) {
        foundSet.add(k);
      }
    }
    Set<Long> scope = universe == null ? null : new java.util.HashSet<>(universe);
    int hits = 0;
    for (long k : foundSet) {
      hits += truth.contains(k) ? 1 : 0;
    }
    int total = 0;
    for (long k : truth) {
      total += scope == null || scope.contains(k) ? 1 : 0;
    }
    Map<CopyTransform, int[]> edit = new TreeMap<>();
    for (var e : direct.entrySet()) {
      if (scope != null && !scope.contains(e.getKey())) {
        continue;
      }
      int[] c = edit.computeIfAbsent(e.getValue(), t -> new int[2]);
      c[1]++;
      c[0] += foundSet.contains(e.getKey()) ? 1 : 0;
    }
    Map<CopyTransform, Double> perEdit = new TreeMap<>();
    for (CopyTransform t : CopyTransform.values()) {
      int[] c = edit.get(t);
      if (c != null || direct.containsValue(t)) {
        perEdit.put(t, c == null || c[1] == 0 ? 1.0 : (double) c[0] / c[1]);
      }
    }
    return new Line(stage, foundSet.size(), hits, total,
        foundSet.isEmpty() ? 1 : (double) hits / foundSet.size(),
        total == 0 ? 1 : (double) hits / total, all.isEmpty() ? 1 : (double) hits / all.size(),
        all.size() - foundSet.size(), perEdit);
  }

  /**
   * The source screen's outcome: which rows descend from one photo already in the pool.
   *
   * @param cluster per row, the cluster of its source image (-1: no source)
   */
  record Screen(int checked, int duplicates, int clusters, int[] cluster, Set<Long> truth) {
    /** Whether a pair is between two different photos' families of one pooled photo. */
    boolean aside(long key) {
      int a = (int) (key >>> 32);
      int b = (int) key;
      return !truth.contains(key) && cluster[a] >= 0 && cluster[a] == cluster[b];
    }
  }

  /**
   * Checks the untouched source images behind every candidate pair that is not a true pair
   * (the original or distractor each side is, or was made from) with the strict bar, and
   * clusters those that pass. Only these source pairs can turn a found pair into a wrong
   * label; pairs of sources further apart than the exact search's largest threshold are not
   * checked.
   */
  private static Screen screen(DedupConfig config, Dataset data, Dataset unit, NearPairs exact,
      NearPairs candidates, int[] sourceOf, Set<Long> truth, Path folder, PrintStream log)
      throws IOException {
    Set<Long> behind = new java.util.HashSet<>();
    for (int p = 0; p < candidates.size(); p++) {
      int a = sourceOf[candidates.first(p)];
      int b = sourceOf[candidates.second(p)];
      if (a >= 0 && b >= 0 && a != b) {
        behind.add(NearPairs.key(a, b));
      }
    }
    NearPairs sources = exact.where(p -> behind.contains(exact.key(p)));
    log.printf(Locale.ROOT, "[dedup-bench] source screen: %d pairs of source images behind "
        + "the candidates%n", sources.size());
    DedupConfig.Stage2 st = config.stage2();
    OrbExtractor extractor = new OrbExtractor(st.features(), st.side());
    GeometricVerifier strict = new GeometricVerifier(SOURCE_DUP_INLIERS, SOURCE_DUP_RATIO,
        config.seed());
    SecondStage.Result r = new SecondStage(config.photos(), extractor,
        new FeatureCache(config.cacheDir(), extractor.describe(), log), strict, config.threads(),
        log).run(data, sources);
    UnionFind uf = new UnionFind(unit.size());
    int[] dup = {0};
    AtomicFiles.writeText(folder.resolve("source-duplicates.csv"), out -> {
      try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("path_a",
          "path_b", "distance", "inliers", "matches", "inlier_ratio", "scale", "rotation_deg",
          "mirrored").build())) {
        for (int p = 0; p < sources.size(); p++) {
          Verification x = r.checks()[p];
          if (x.passed()) {
            dup[0]++;
            uf.union(sources.first(p), sources.second(p));
            csv.printRecord(unit.id(sources.first(p)), unit.id(sources.second(p)),
                String.format(Locale.ROOT, "%.4f", sources.distance(p)), x.inliers(),
                x.matches(), String.format(Locale.ROOT, "%.3f", x.inlierRatio()),
                String.format(Locale.ROOT, "%.3f", x.scale()),
                String.format(Locale.ROOT, "%.1f", x.rotation()), x.mirrored());
          }
        }
      }
    });
    int[] size = new int[unit.size()];
    for (int i = 0; i < unit.size(); i++) {
      if (sourceOf[i] == i) {
        size[uf.find(i)]++;
      }
    }
    int clusters = 0;
    for (int i = 0; i < unit.size(); i++) {
      clusters += size[i] >= 2 ? 1 : 0;
    }
    int[] cluster = new int[unit.size()];
    for (int i = 0; i < unit.size(); i++) {
      int root = sourceOf[i] < 0 ? -1 : uf.find(sourceOf[i]);
      cluster[i] = root >= 0 && size[root] >= 2 ? root : -1;
    }
    return new Screen(sources.size(), dup[0], clusters, cluster, truth);
  }
}
