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
import lshbench.features.Verification;
import lshbench.io.AtomicFiles;
import lshbench.lsh.LshIndex;
import lshbench.lsh.NearPairs;
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

  record Line(String stage, int pairs, int hits, int truth, double precision, double recall,
      Map<CopyTransform, Double> perEdit) {}

  static String run(DedupConfig config, Dataset data, Dataset unit, Set<Long> truth,
      Map<Long, CopyTransform> direct, Set<Integer> originals, Path folder, PrintStream log)
      throws IOException {
    int n = unit.size();
    int[] all = new int[n];
    java.util.Arrays.setAll(all, i -> i);
    long s0 = System.nanoTime();
    LshIndex index = LshIndex.builder().bitsPerTable(config.k()).tables(config.l())
        .probes(config.probes()).seed(config.seed()).center(config.center())
        .threads(config.threads()).build(unit, all);
    NearPairs candidates = NearPairs.lsh(index, unit, config.threshold())
        .nearestPerRow(config.stage2().candidatesPerImage());
    double stage1 = (System.nanoTime() - s0) / 1e9;
    log.printf(Locale.ROOT, "[dedup-bench] stage 1: %d candidates in %.2f s%n",
        candidates.size(), stage1);
    SecondStage.Result s2 = DedupRunner.secondStage(config, log).run(data, candidates);
    Verification[] checks = s2.checks();
    NearPairs verified = candidates.where(p -> checks[p].passed());
    writeCandidates(folder.resolve("candidates.csv"), unit, candidates, checks, truth);
    long g0 = System.nanoTime();
    VerifiedGroups vg = new VerifiedGroups(candidates, checks, s2.features(),
        DedupRunner.verifier(config));
    List<int[]> groups = DedupRunner.keepGroups(config.photos(), unit, vg, new HashMap<>());
    double groupSeconds = (System.nanoTime() - g0) / 1e9;
    List<Long> groupPairs = new ArrayList<>();
    int withOriginal = 0;
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
        originalKept += originals.contains(g[0]) ? 1 : 0;
      }
    }
    List<Long> cand = keys(candidates);
    List<Long> ver = keys(verified);
    List<Line> lines = List.of(
        line("stage 1 alone (candidates)", cand, truth, direct, null),
        line("stage 2 alone (on candidates)", ver, truth, direct, cand),
        line("stage 1 + 2 (pairs.csv)", ver, truth, direct, null),
        line("groups (keep-verified)", groupPairs, truth, direct, null));
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%ntwo stages at the default settings (%s):%n",
        config.describe()));
    s.append(String.format(Locale.ROOT, "%-30s %7s %9s %6s", "stage", "pairs", "precision",
        "recall"));
    for (CopyTransform t : lines.get(0).perEdit().keySet()) {
      s.append(' ').append(t.label());
    }
    s.append('\n');
    for (Line l : lines) {
      s.append(String.format(Locale.ROOT, "%-30s %7d %9.3f %6.3f", l.stage(), l.pairs(),
          l.precision(), l.recall()));
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
    AtomicFiles.writeText(folder.resolve("stages.csv"), out -> {
      List<String> header = new ArrayList<>(List.of("stage", "pairs", "true_pairs",
          "truth_total", "precision", "recall"));
      for (CopyTransform t : lines.get(0).perEdit().keySet()) {
        header.add("recall_" + t.label());
      }
      try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
          .setHeader(header.toArray(String[]::new)).build())) {
        for (Line l : lines) {
          List<Object> row = new ArrayList<>(List.of(l.stage(), l.pairs(), l.hits(), l.truth(),
              String.format(Locale.ROOT, "%.4f", l.precision()),
              String.format(Locale.ROOT, "%.4f", l.recall())));
          l.perEdit().values().forEach(v -> row.add(String.format(Locale.ROOT, "%.4f", v)));
          csv.printRecord(row);
        }
      }
    });
    return s.toString();
  }

  /** Every candidate with its check and whether the ground truth calls it a true pair. */
  private static void writeCandidates(Path file, Dataset unit, NearPairs c, Verification[] v,
      Set<Long> truth) throws IOException {
    AtomicFiles.writeText(file, out -> {
      try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("path_a",
          "path_b", "distance", "true_pair", "passed", "inliers", "matches", "inlier_ratio",
          "scale", "rotation_deg", "mirrored", "cover_a", "cover_b").build())) {
        for (int p = 0; p < c.size(); p++) {
          Verification x = v[p];
          csv.printRecord(unit.id(c.first(p)), unit.id(c.second(p)),
              String.format(Locale.ROOT, "%.4f", c.distance(p)), truth.contains(c.key(p)),
              x.passed(), x.inliers(), x.matches(),
              String.format(Locale.ROOT, "%.3f", x.inlierRatio()),
              String.format(Locale.ROOT, "%.3f", x.scale()),
              String.format(Locale.ROOT, "%.1f", x.rotation()), x.mirrored(),
              String.format(Locale.ROOT, "%.3f", x.coverFirst()),
              String.format(Locale.ROOT, "%.3f", x.coverSecond()));
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
      Map<Long, CopyTransform> direct, List<Long> universe) {
    Set<Long> foundSet = new java.util.HashSet<>(found);
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
        total == 0 ? 1 : (double) hits / total, perEdit);
  }
}
