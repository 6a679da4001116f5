package lshbench.report;

import lshbench.family.FamilyRegistry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import lshbench.experiment.ResultColumns;
import lshbench.io.AtomicFiles;

/**
 * Turns a finished sweep's CSV into {@code summary.txt} and the plots. Reads only the CSV, so
 * it works the same on a run from last month.
 */
public final class SweepReport {
  private static final double[] TARGETS = {0.5, 0.8, 0.9, 0.95};

  private SweepReport() {}

  public static final String SUMMARY = "summary.txt";

  /**
   * Writes summary, plots and index.html into {@code folder} (and refreshes the results
   * directory's index.html); returns the summary's path.
   */
  public static Path write(Path folder, Path csv) throws IOException {
    ResultsTable results = ResultsTable.read(csv);
    List<ConfigPoint> all = results.points();
    String subtitle = subtitle(results);
    ConfigPoint exact = results.exact();
    double exactUs = exact == null ? Double.NaN : exact.queryUs();
    TimingNote timing = TimingNote.of(results, new RunFiles(folder).runJson());
    boolean tuned = java.nio.file.Files.isRegularFile(folder.resolve("tune.txt"));
    boolean labelled = all.stream().anyMatch(p -> !Double.isNaN(p.labelRecall()));
    List<String> families = results.families();
    if (families.size() > 1) {
      for (Recall recall : Recall.values()) {
        if (recall != Recall.LABEL || labelled) {
          SweepPlots.save(SweepPlots.families(all, recall, subtitle, exactUs), folder,
              "families-" + (recall == Recall.LABEL ? "label" : "knn") + "-recall-vs-time");
        }
      }
    }
    // The k × L pictures are drawn for one LSH family: hyperplanes when swept, else the first.
    FamilyRegistry registry = FamilyRegistry.standard();
    String main = families.contains(registry.defaultFamily()) ? registry.defaultFamily()
        : families.stream().filter(registry::hashes).findFirst().orElse(null);
    List<ConfigPoint> points = all.stream().filter(p -> p.family().equals(main)).toList();
    List<ConfigPoint> lsh = all.stream().filter(p -> !p.isHnsw()).toList();
    if (points.isEmpty()) {
      Path summary = folder.resolve(SUMMARY);
      AtomicFiles.writeString(summary, summary(results, timing, labelled, tuned));
      HtmlReport.write(folder);
      return summary;
    }
    String mainTitle = subtitle + (families.size() > 1 ? ", " + main : "");
    for (Recall recall : Recall.values()) {
      if (recall == Recall.LABEL && !labelled) {
        continue;
      }
      String name = recall == Recall.LABEL ? "label-recall-vs-time" : "knn-recall-vs-time";
      SweepPlots.save(SweepPlots.tradeoff(points, recall, mainTitle, exactUs,
          recommended(folder, points)), folder, name);
    }
    subtitle = mainTitle;
    if (labelled) {
      SweepPlots.save(SweepPlots.heatmap(points, "label recall", subtitle, ConfigPoint::labelRecall,
          "0.00"), folder, "heatmap-label-recall");
    }
    SweepPlots.save(SweepPlots.heatmap(points, "kNN recall@n", subtitle, ConfigPoint::knnRecall,
        "0.00"), folder, "heatmap-knn-recall");
    SweepPlots.save(SweepPlots.heatmapTime(points, results.clock(), subtitle), folder,
        "heatmap-query-time");
    if (points.stream().mapToInt(ConfigPoint::probes).distinct().count() > 1) {
      SweepPlots.save(SweepPlots.recallVsMemory(points, Recall.KNN, subtitle), folder,
          "knn-recall-vs-memory");
    }
    String lshTitle = families.size() > 1 ? subtitle(results) + ", LSH families" : subtitle;
    // Probed or two-pass configurations have no prediction; without any, there is no overlay.
    List<ConfigPoint> predicted = lsh.stream()
        .filter(p -> !Double.isNaN(p.predictedKnnRecall()) && p.predictedQueryUs() > 0).toList();
    if (!predicted.isEmpty()) {
      SweepPlots.save(SweepPlots.theoryRecall(predicted, lshTitle), folder, "theory-recall");
      SweepPlots.save(SweepPlots.theoryCandidates(predicted, lshTitle), folder, "theory-candidates");
      SweepPlots.save(SweepPlots.theoryTime(predicted, lshTitle), folder, "theory-time");
    }
    SweepPlots.save(SweepPlots.costBreakdown(points, main, results.clock(), subtitle), folder,
        "cost-breakdown");
    Path summary = folder.resolve(SUMMARY);
    AtomicFiles.writeString(summary, summary(results, timing, labelled, tuned));
    HtmlReport.write(folder);
    return summary;
  }

  /** The tuner's recommendation, when this folder holds a tuner run. */
  static ConfigPoint recommended(Path folder, List<ConfigPoint> points) throws IOException {
    Path file = folder.resolve("recommendation.properties");
    if (!java.nio.file.Files.isRegularFile(file)) {
      return null;
    }
    java.util.Properties p = new java.util.Properties();
    try (var r = java.nio.file.Files.newBufferedReader(file)) {
      p.load(r);
    }
    int k = Integer.parseInt(p.getProperty("k").trim());
    int l = Integer.parseInt(p.getProperty("L").trim());
    int t = Integer.parseInt(p.getProperty("probes", "0").trim());
    String family = p.getProperty("family", FamilyRegistry.standard().defaultFamily()).trim();
    int keep = Integer.parseInt(p.getProperty("rerank.keep", "0").trim());
    int total = Integer.parseInt(p.getProperty("probes.total", "0").trim());
    return points.stream().filter(x -> x.family().equals(family) && x.k() == k && x.l() == l
        && x.probes() == t && x.probesTotal() == total && x.rerankKeep() == keep).findFirst()
        .orElse(null);
  }

  /** Dataset, model and size, loud about synthetic data. */
  static String subtitle(ResultsTable r) {
    boolean synthetic = Boolean.parseBoolean(r.first(ResultColumns.SYNTHETIC));
    String what = synthetic ? "SYNTHETIC data (no images, no model)" : shortModel(r.first(ResultColumns.MODEL));
    return String.format(Locale.ROOT, "%s, n=%s, d=%s", what, r.first(ResultColumns.N_ITEMS),
        r.first(ResultColumns.DIM));
  }

  /** The model's name without file hash and preprocessing, which the summary spells out. */
  static String shortModel(String model) {
    int cut = model.indexOf(", TorchScript");
    String m = cut > 0 ? model.substring(0, cut) : model;
    // "… features 1280-d, 1280-d": the provenance appends the dimension the name may carry
    java.util.regex.Matcher dim = java.util.regex.Pattern.compile("(\\d+-d), (\\d+-d)$").matcher(m);
    if (dim.find() && dim.group(1).equals(dim.group(2))) {
      m = m.substring(0, dim.start(2) - 2);
    }
    return m.length() > 80 ? m.substring(0, 77) + "…" : m;
  }

  /** The summary of {@code results} alone, without a run folder's run.json beside it. */
  public static String summaryText(ResultsTable results) {
    boolean labelled = results.points().stream().anyMatch(p -> !Double.isNaN(p.labelRecall()));
    return summary(results, TimingNote.of(results, java.util.Map.of()), labelled, false);
  }

  /** Below this speed-up at kNN recall 0.9 the summary points to the tuner. */
  static final double FAR_FROM_EXACT = 2.0;

  static String summary(ResultsTable r, TimingNote timing, boolean labelled, boolean tuned) {
    List<ConfigPoint> points = r.points();
    List<ConfigPoint> candidates = r.candidates();
    ConfigPoint exact = r.exact();
    StringBuilder s = new StringBuilder();
    s.append("lshbench sweep summary\n");
    s.append("experiment: ").append(r.first(ResultColumns.EXPERIMENT)).append('\n');
    s.append("dataset:    ").append(r.first(ResultColumns.DATASET)).append(" — ")
        .append(r.first(ResultColumns.PROVENANCE)).append('\n');
    s.append("model:      ").append(r.first(ResultColumns.MODEL)).append('\n');
    s.append(String.format(Locale.ROOT,
        "items:      %s (%s indexed, %s queries), d=%s, metric=%s, centred=%s, top n=%s%n",
        r.first(ResultColumns.N_ITEMS), r.first(ResultColumns.N_INDEXED),
        r.first(ResultColumns.N_QUERIES), r.first(ResultColumns.DIM), r.first(ResultColumns.METRIC),
        r.first(ResultColumns.CENTER), r.first(ResultColumns.TOP_N)));
    s.append(String.format(Locale.ROOT, "configs:    %d (%s), %d repeat(s), seed %s, plus the exact "
        + "scan%n", points.size(), String.join(", ", r.families()),
        points.isEmpty() ? 0 : points.get(0).repeats(), r.first(ResultColumns.SEED)));
    s.append("timing (one thread):\n");
    for (String line : timing.lines()) {
      s.append("  ").append(line).append('\n');
    }
    s.append('\n');
    s.append(r.families().size() > 1
        ? "Theory, 1 − (1 − p^k)^L with each family's p from the measured query–item angles (LSH "
            + "without probes):\n"
        : "Theory, 1 − (1 − p^k)^L with p = 1 − θ/π from the measured query–item angles:\n");
    for (Recall recall : Recall.values()) {
      if (recall != Recall.LABEL || labelled) {
        s.append(String.format(Locale.ROOT, "  mean |measured − predicted| %s: %.3f%n",
            recall.title(), SweepPlots.meanAbsoluteError(points, recall)));
      }
    }
    s.append(String.format(Locale.ROOT, "  median |measured − predicted| / predicted candidates: %.1f%%%n",
        100 * medianRelativeError(points, ConfigPoint::candidates, ConfigPoint::predictedCandidates)));
    s.append(String.format(Locale.ROOT, "  median |measured − modelled| / modelled query time: %.1f%%%n%n",
        100 * medianRelativeError(points, ConfigPoint::queryUs, ConfigPoint::predictedQueryUs)));
    String header = String.format(Locale.ROOT, "  %-7s %-28s %10s %10s %15s %9s %12s %12s %10s%n",
        "target", "config", "recall", "query µs", "rounds p25–p75", "speed-up", "candidates",
        "memory MB", "build ms");
    for (Recall recall : Recall.values()) {
      if (recall == Recall.LABEL && !labelled) {
        continue;
      }
      s.append("Fastest configuration reaching each ").append(recall.title())
          .append(" target (the exact scan competes; named when nothing beats it):\n");
      s.append(header);
      for (double target : TARGETS) {
        ConfigPoint p = Frontier.fastestReaching(candidates, recall, target);
        if (p == null) {
          s.append(String.format(Locale.ROOT, "  %-7.2f none in this grid reaches it%n", target));
        } else {
          s.append(line(String.format(Locale.ROOT, "%.2f", target), p, recall));
        }
      }
      if (points.stream().mapToInt(ConfigPoint::probes).distinct().count() > 1) {
        s.append("Smallest index (memory) reaching each target, by family and probes per table T:\n");
        for (double target : TARGETS) {
          for (String family : r.families()) {
            for (int t : points.stream().filter(x -> x.family().equals(family))
                .mapToInt(ConfigPoint::probes).distinct().sorted().toArray()) {
              ConfigPoint p = points.stream().filter(x -> x.family().equals(family)
                      && x.probes() == t && recall.of(x) >= target)
                  .min(java.util.Comparator.comparingDouble(ConfigPoint::memoryBytes)).orElse(null);
              s.append(p == null
                  ? String.format(Locale.ROOT, "  %-7.2f %-28s none in this grid reaches it%n", target,
                      family + (FamilyRegistry.standard().hashes(family) ? " T=" + t : ""))
                  : line(String.format(Locale.ROOT, "%.2f", target), p, recall));
            }
          }
        }
      }
      if (r.families().size() > 1) {
        s.append("Fastest per family (\"slower than the exact scan\" where the exact scan is "
            + "faster):\n");
        for (double target : TARGETS) {
          for (String family : r.families()) {
            ConfigPoint p = Frontier.fastestReaching(points.stream()
                .filter(x -> x.family().equals(family)).toList(), recall, target);
            s.append(p == null
                ? String.format(Locale.ROOT, "  %-7.2f %-18s none in this grid reaches it%n", target, family)
                : line(String.format(Locale.ROOT, "%.2f", target), p, recall).stripTrailing()
                    + (Frontier.slowerThan(p, exact) ? "  slower than the exact scan" : "") + "\n");
          }
        }
      }
      s.append("Pareto frontier (").append(recall.title()).append(" vs query time, exact scan "
          + "included):\n");
      for (ConfigPoint p : Frontier.pareto(candidates, recall)) {
        s.append(line("", p, recall));
      }
      s.append('\n');
    }
    String share = HashingShare.text(r, candidates, TARGETS);
    if (share != null) {
      s.append(share).append('\n');
    }
    String pointer = tunerPointer(r, candidates, tuned);
    if (pointer != null) {
      s.append(pointer).append('\n');
    }
    return s.toString();
  }

  /**
   * One line sending the user to the tuner when the grid's fastest configuration at kNN recall
   * 0.9 is less than {@link #FAR_FROM_EXACT} times faster than the exact scan (or is the exact
   * scan); null otherwise, and for a tuner's own run.
   */
  static String tunerPointer(ResultsTable r, List<ConfigPoint> candidates, boolean tuned) {
    ConfigPoint best = Frontier.fastestReaching(candidates, Recall.KNN, 0.9);
    if (tuned || r.exact() == null || (best != null && best.speedup() >= FAR_FROM_EXACT)) {
      return null;
    }
    String experiment = r.first(ResultColumns.EXPERIMENT);
    String tune = experiment.equals("sweep") ? "tune" : "tune-" + experiment;
    return String.format(Locale.ROOT, "This grid's best at kNN recall 0.9 is %s; the tuner searches "
        + "families, k, L and multi-probe beyond it: mvn -q exec:java -Dexperiment=%s "
        + "(see README, Auto-tuner).", best == null ? "nothing (no configuration reaches it)"
            : best.isExact() ? "the exact scan itself" : String.format(Locale.ROOT,
                "%s at %.1fx the exact scan", best.label(), best.speedup()),
        java.nio.file.Files.isRegularFile(java.nio.file.Path.of("experiments", tune + ".properties"))
            ? tune : "tune");
  }

  private static double medianRelativeError(List<ConfigPoint> points,
      java.util.function.ToDoubleFunction<ConfigPoint> measured,
      java.util.function.ToDoubleFunction<ConfigPoint> predicted) {
    double[] e = points.stream().filter(p -> predicted.applyAsDouble(p) > 0)
        .mapToDouble(p -> Math.abs(measured.applyAsDouble(p) - predicted.applyAsDouble(p))
            / predicted.applyAsDouble(p))
        .sorted().toArray();
    return e.length == 0 ? Double.NaN : e[e.length / 2];
  }

  private static String line(String target, ConfigPoint p, Recall recall) {
    String std = p.repeats() > 1 ? String.format(Locale.ROOT, "±%.3f",
        recall == Recall.LABEL ? p.labelRecallStd() : p.knnRecallStd()) : "";
    return String.format(Locale.ROOT, "  %-7s %-28s %10s %10s %15s %8.1fx %12.0f %12.2f %10.0f%s%n",
        target, p.label(), String.format(Locale.ROOT, "%.3f%s", recall.of(p), std),
        Html.fmt("%,.1f", p.queryUs()), spread(p), p.speedup(), p.candidates(),
        p.memoryBytes() / 1e6, p.buildMs(), p.noisy() ? "  NOISY" : "");
  }

  /** "1,230–1,260": the rounds' quartiles, as the summary and the page print them. */
  static String spread(ConfigPoint p) {
    return Html.fmt("%,.1f", p.queryP25()) + "–" + Html.fmt("%,.1f", p.queryP75());
  }
}
