package lshbench.report;

import lshbench.family.FamilyRegistry;

import static lshbench.report.Html.esc;
import static lshbench.report.Html.fmt;
import static lshbench.report.Html.num;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lshbench.experiment.ResultColumns;
import lshbench.io.AtomicFiles;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * {@code index.html} for one run folder: what was run on what, the answer (fastest
 * configuration per recall target, the Pareto frontier), every plot, every row. A person opens
 * one file instead of five; it is built from the folder's files only, like the summary, and is
 * self-contained (inline style and script; plots are the PNGs beside it).
 */
public final class HtmlReport {
  static final String FILE = "index.html";
  /** The browser test's screenshot lives in the folder but is not one of the run's plots. */
  static final String SCREENSHOT = "report-screenshot.png";
  private static final double[] TARGETS = {0.5, 0.8, 0.9, 0.95};

  /** Plots in reading order, with what each one answers. Unknown PNGs follow, named. */
  private static final Map<String, String> CAPTIONS = new LinkedHashMap<>();

  static {
    CAPTIONS.put("families-knn-recall-vs-time", "kNN recall@n against median query time, one Pareto "
        + "frontier per index family on the same queries; the exact scan marked.");
    CAPTIONS.put("families-label-recall-vs-time", "Label recall against median query time, one "
        + "frontier per index family.");
    CAPTIONS.put("knn-recall-vs-time", "kNN recall@n against median query time (log scale, the run's clock), one line per L "
        + "with k growing along it; points labelled k,L; the dashed black line is the Pareto frontier, "
        + "the red line the exact scan.");
    CAPTIONS.put("label-recall-vs-time", "Label recall (share of the query's category among the candidates) "
        + "against median query time, same layout.");
    CAPTIONS.put("knn-recall-vs-memory", "kNN recall against index memory, one envelope per number of "
        + "probes T: how many tables multi-probe saves.");
    CAPTIONS.put("heatmap-knn-recall", "kNN recall@n over the k × L grid.");
    CAPTIONS.put("heatmap-label-recall", "Label recall over the k × L grid.");
    CAPTIONS.put("heatmap-query-time", "Median query time (µs, the run's clock) over the k × L grid.");
    CAPTIONS.put("cost-breakdown", "Where a query's time goes (hashing, bucket lookup, union + dedup, "
        + "exact rerank) for the kNN-frontier configurations.");
    CAPTIONS.put("theory-recall", "Measured recall against collision theory's 1 − (1 − p^k)^L; points "
        + "on y = x mean the theory explains the index.");
    CAPTIONS.put("theory-candidates", "Measured against predicted candidates per query (log–log).");
    CAPTIONS.put("theory-time", "Measured query time against the cost model: k·L hash functions plus one rerank per predicted candidate, each priced as measured on this data (log–log).");
  }

  private HtmlReport() {}

  /**
   * Writes {@code folder/index.html} and regenerates the listing of all runs in the folder's
   * parent (the results directory). Returns the run page's path.
   */
  public static Path write(Path folder) throws IOException {
    Path page = folder.resolve(FILE);
    AtomicFiles.writeString(page, page(new RunFiles(folder)));
    Path parent = folder.toAbsolutePath().getParent();
    if (parent != null) {
      RunIndex.write(parent);
    }
    return page;
  }

  static String page(RunFiles run) throws IOException {
    ResultsTable results = ResultsTable.read(run.folder().resolve("results.csv"));
    List<ConfigPoint> points = results.points();
    List<ConfigPoint> candidates = results.candidates();
    ConfigPoint exact = results.exact();
    Map<String, String> json = run.runJson();
    boolean synthetic = Boolean.parseBoolean(results.first(ResultColumns.SYNTHETIC));
    boolean labelled = points.stream().anyMatch(p -> !Double.isNaN(p.labelRecall()));
    String name = run.folder().toAbsolutePath().normalize().getFileName().toString();
    String status = run.status();
    List<String> plots = plots(run);
    boolean tune = run.has("tune.txt");

    StringBuilder h = new StringBuilder(64 * 1024);
    head(h, "lshbench · " + name);
    h.append("<main>\n<p class=\"muted\"><a href=\"../index.html\">← all runs</a></p>\n");
    h.append("<h1>").append(esc(results.first(ResultColumns.EXPERIMENT))).append(" <span class=\"muted\">")
        .append(esc(name)).append("</span> ").append(badge(status)).append("</h1>\n");
    if (synthetic) {
      h.append("<div class=\"banner\"><strong>SYNTHETIC DATA</strong> — generated vectors, no images and no "
          + "model: these numbers say how LSH behaves on data shaped like embeddings, not how it does on "
          + "real images.</div>\n");
    }
    if (!status.equals("complete")) {
      h.append("<div class=\"banner\">Run status: ").append(esc(status)).append("</div>\n");
    }
    List<String[]> skipped = run.skipped();
    run.gitRevision(); // records git-revision.txt on the first rendering, so the list below has it
    List<String> files = new ArrayList<>(run.named(""));
    if (!files.contains(FILE)) {
      files.add(FILE);
      files.sort(null);
    }
    h.append("<nav class=\"toc\"><a href=\"#best\">Best per target</a><a href=\"#chart\">Chart</a>");
    if (tune) {
      h.append("<a href=\"#tune\">Tuner</a>");
    }
    if (results.families().size() > 1) {
      h.append("<a href=\"#families\">Per family</a>");
    }
    h.append("<a href=\"#run\">Run</a><a href=\"#frontier\">Pareto frontier</a>")
        .append("<a href=\"#plots\">Plots (").append(plots.size()).append(")</a>")
        .append("<a href=\"#rows\">All rows (").append(results.table().rowCount()).append(")</a>");
    if (run.has("skipped.csv")) {
      h.append("<a href=\"#skipped\">Skipped files (").append(skipped.size()).append(")</a>");
    }
    h.append("<a href=\"#files\">Files (").append(files.size()).append(")</a></nav>\n");

    // The answer first: what to use at each target, then the picture of every configuration.
    best(h, candidates, labelled);
    String pointer = SweepReport.tunerPointer(results, candidates, tune);
    if (pointer != null) {
      h.append("<p class=\"banner\">").append(esc(pointer)).append("</p>\n");
    }
    if (tune) {
      h.append("<h2 id=\"tune\">Tuner recommendation</h2>\n<pre>").append(esc(run.text("tune.txt")))
          .append("</pre>\n");
    }
    h.append("<h2 id=\"chart\">Every configuration: recall against cost</h2>\n");
    TradeoffChart.section(h, candidates, labelled, results.clock());
    if (results.families().size() > 1) {
      perFamily(h, points, exact, results.families());
    }
    metadata(h, run, results, points, json, synthetic);
    h.append("<h3 id=\"noise\">How noisy the timings were</h3>\n<ul class=\"muted\">\n");
    for (String line : TimingNote.of(results, json).lines()) {
      h.append("<li>").append(esc(line)).append("</li>\n");
    }
    h.append("</ul>\n");
    frontier(h, candidates, labelled);
    if (run.has("summary.txt")) {
      h.append("<details><summary>summary.txt as text</summary><pre>").append(esc(run.text("summary.txt")))
          .append("</pre></details>\n");
    }
    plotSection(h, run, plots);
    rows(h, results.table());
    if (run.has("skipped.csv")) {
      skippedSection(h, skipped);
    }
    files(h, run, files);
    h.append("<footer>Written by lshbench's HtmlReport from the files in this folder. Open results.csv in "
        + "pandas, Tablesaw or a spreadsheet for anything this page does not show. Charts drawn with "
        + "Apache ECharts, inlined.</footer>\n");
    h.append("</main>\n<script>\n").append(Html.SORT_JS).append(Html.LIGHTBOX_JS).append("</script>\n")
        .append(TradeoffChart.scripts("tradeoff.js")).append("</body>\n</html>\n");
    return h.toString();
  }

  /** Doctype, inline CSS and the load checker (in head, so it sees every image's outcome). */
  static void head(StringBuilder h, String title) {
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(Html.CSS)
        .append("</style>\n<script>\n").append(Html.CHECK_JS).append("</script>\n</head>\n<body>\n");
  }

  static String badge(String status) {
    String cls = status.startsWith("complete") ? "complete" : status.startsWith("failed") ? "failed"
        : status.startsWith("running") ? "running" : "";
    String shown = status.length() > 60 ? status.substring(0, 57) + "…" : status;
    return "<span class=\"badge " + cls + "\" title=\"" + esc(status) + "\">" + esc(shown) + "</span>";
  }

  private static void metadata(StringBuilder h, RunFiles run, ResultsTable r, List<ConfigPoint> points,
      Map<String, String> json, boolean synthetic) throws IOException {
    h.append("<h2 id=\"run\">Run</h2>\n<dl class=\"meta\">\n");
    dd(h, "experiment", esc(r.first(ResultColumns.EXPERIMENT)));
    dd(h, "status", badge(run.status()));
    dd(h, "dataset", esc(r.first(ResultColumns.DATASET))
        + (synthetic ? " <span class=\"badge synthetic\">SYNTHETIC</span>" : ""));
    dd(h, "provenance", esc(r.first(ResultColumns.PROVENANCE)));
    dd(h, "model", esc(r.first(ResultColumns.MODEL)));
    String detail = json.getOrDefault("provenance_detail", "");
    if (!detail.isBlank() && !r.first(ResultColumns.PROVENANCE).contains(detail)) {
      dd(h, "provenance detail", esc(json.get("provenance_detail")));
    }
    dd(h, "items", fmt("n = %s (%s indexed, %s queries), d = %s", r.first(ResultColumns.N_ITEMS),
        r.first(ResultColumns.N_INDEXED), r.first(ResultColumns.N_QUERIES), r.first(ResultColumns.DIM)));
    dd(h, "metric", esc(r.first(ResultColumns.METRIC)) + ", centred = " + esc(r.first(ResultColumns.CENTER))
        + ", top n = " + esc(r.first(ResultColumns.TOP_N)));
    for (String family : r.families()) {
      List<ConfigPoint> of = points.stream().filter(p -> p.family().equals(family)).toList();
      dd(h, r.families().size() > 1 ? "grid: " + family : "grid", !FamilyRegistry.standard().hashes(family)
          ? fmt("%d configurations, %d repeat(s) each; M ∈ {%s}, efConstruction ∈ {%s}, ef ∈ {%s}",
              of.size(), of.get(0).repeats(), distinct(of, 'M'), distinct(of, 'C'), distinct(of, 'E'))
          : fmt("%s: %d configurations, %d repeat(s) each; k ∈ {%s}, L ∈ {%s}%s%s", esc(family),
              of.size(), of.get(0).repeats(), distinct(of, 'k'), distinct(of, 'L'),
              of.stream().anyMatch(p -> p.probes() > 0) ? ", probes ∈ {" + distinct(of, 'T') + "}" : "",
              of.stream().anyMatch(p -> p.rerankKeep() > 0)
                  ? ", two-pass rerank keeping ∈ {" + distinct(of, 'R') + "}" : ""));
    }
    dd(h, "seed", esc(r.first(ResultColumns.SEED)));
    ConfigPoint exact = r.exact();
    dd(h, "exact scan", exact == null ? "not in results.csv (an older run)"
        : fmt("%,.0f µs per query (one thread, %s clock, median over rounds)", exact.queryUs(),
            r.clock()));
    dd(h, "machine", json.containsKey("cores") ? esc(json.get("cores")) + " cores" : "unknown (no run.json)");
    dd(h, "JVM", esc(json.getOrDefault("java", "unknown (no run.json)")));
    if (json.containsKey("elapsed_s")) {
      dd(h, "elapsed", esc(json.get("elapsed_s")) + " s");
    }
    dd(h, "git revision", "<code>" + esc(run.gitRevision()) + "</code>");
    if (json.containsKey("timing")) {
      dd(h, "timing", esc(json.get("timing")));
    }
    h.append("</dl>\n");
    Map<String, String> identity = run.identity();
    if (!identity.isEmpty()) {
      h.append("<details><summary>all settings that decide the CSV (identity.properties)</summary>\n")
          .append("<div class=\"scroll\"><table><tbody>\n");
      identity.forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(v))
          .append("</td></tr>\n"));
      h.append("</tbody></table></div></details>\n");
    }
  }

  private static String distinct(List<ConfigPoint> points, char which) {
    return points.stream().mapToInt(p -> switch (which) {
      case 'k' -> p.k();
      case 'L' -> p.l();
      case 'T' -> p.probes();
      case 'R' -> p.rerankKeep();
      case 'M' -> p.hnsw().m();
      case 'C' -> p.hnsw().efConstruction();
      default -> p.hnsw().ef();
    }).distinct().sorted().mapToObj(Integer::toString).reduce((a, b) -> a + ", " + b).orElse("");
  }

  private static void dd(StringBuilder h, String term, String html) {
    h.append("<dt>").append(esc(term)).append("</dt><dd>").append(html).append("</dd>\n");
  }

  private static final String CONFIG_HEAD = "<th>config</th><th class=\"n\">recall</th>"
      + "<th class=\"n\">query µs</th><th class=\"n\">rounds p25–p75</th>"
      + "<th class=\"n\">speed-up</th>"
      + "<th class=\"n\">candidates</th><th class=\"n\">memory MB</th><th class=\"n\">build ms</th>";

  /** kNN recall targets × families: where each family stands, with memory and build time. */
  private static void perFamily(StringBuilder h, List<ConfigPoint> points, ConfigPoint exact,
      List<String> families) {
    h.append("<h2 id=\"families\">Fastest per family (kNN recall@n)</h2>\n")
        .append("<p class=\"muted\">Each family's own fastest configuration at each target, on the "
            + "same queries: query time against memory and build time.</p>\n")
        .append("<table class=\"wide\"><thead><tr><th class=\"n\">target</th>")
        .append("<th>family</th>").append(CONFIG_HEAD).append("</tr></thead><tbody>\n");
    for (double target : TARGETS) {
      for (String family : families) {
        ConfigPoint p = Frontier.fastestReaching(points.stream()
            .filter(x -> x.family().equals(family)).toList(), Recall.KNN, target);
        h.append("<tr><td class=\"n\">").append(fmt("%.2f", target)).append("</td><td>")
            .append(esc(family)).append("</td>");
        if (p == null) {
          h.append("<td class=\"none\" colspan=\"8\">none in this grid reaches it</td>");
        } else {
          h.append("<td class=\"cfg\">").append(esc(p.label()))
              .append(Frontier.slowerThan(p, exact) ? " <span class=\"muted\">(slower than the "
                  + "exact scan)</span>" : "").append("</td>")
              .append(n(recallText(p, Recall.KNN))).append(n(num(p.queryUs())))
              .append(n(SweepReport.spread(p) + (p.noisy() ? " noisy" : "")))
              .append(n(fmt("%.1f×", p.speedup()))).append(n(num(p.candidates())))
              .append(n(fmt("%.2f", p.memoryBytes() / 1e6))).append(n(num(p.buildMs())));
        }
        h.append("</tr>\n");
      }
    }
    h.append("</tbody></table>\n");
  }

  private static void best(StringBuilder h, List<ConfigPoint> points, boolean labelled) {
    h.append("<h2 id=\"best\">Fastest configuration per recall target</h2>\n")
        .append("<p class=\"muted\">The configuration with the lowest median query time whose mean "
            + "recall reaches the target (mean ± std over repeats when there are several). The exact "
            + "scan competes like any configuration: it is named when nothing beats it.</p>\n");
    for (Recall recall : recalls(labelled)) {
      h.append("<h3>").append(esc(recall.title())).append("</h3>\n<table class=\"wide\">")
          .append("<thead><tr><th class=\"n\">target</th><th>config</th><th class=\"n\">recall</th>")
          .append("<th class=\"n\">query µs</th><th class=\"n\">rounds p25–p75</th>")
          .append("<th class=\"n\">speed-up</th><th class=\"n\">memory MB</th>")
          .append("</tr></thead><tbody>\n");
      for (double target : TARGETS) {
        ConfigPoint p = Frontier.fastestReaching(points, recall, target);
        h.append("<tr><td class=\"n\">").append(fmt("%.2f", target)).append("</td>");
        if (p == null) {
          h.append("<td class=\"none\" colspan=\"6\">none in this grid reaches it</td>");
        } else {
          h.append("<td class=\"cfg\"><strong>").append(esc(p.label())).append("</strong></td>")
              .append(n(recallText(p, recall))).append(n(num(p.queryUs())))
              .append(n(SweepReport.spread(p) + (p.noisy() ? " noisy" : "")))
              .append(n(fmt("%.1f×", p.speedup()))).append(n(fmt("%.2f", p.memoryBytes() / 1e6)));
        }
        h.append("</tr>\n");
      }
      h.append("</tbody></table>\n");
    }
  }

  /** Folded: the chart draws the frontier, the table is there for copying numbers. */
  private static void frontier(StringBuilder h, List<ConfigPoint> points, boolean labelled) {
    h.append("<h2 id=\"frontier\">Pareto frontier</h2>\n<p class=\"muted\">Configurations no other beats "
        + "on both recall and query time, fastest first (the dashed line on the chart). Anything off "
        + "this list is dominated.</p>\n");
    for (Recall recall : recalls(labelled)) {
      List<ConfigPoint> f = Frontier.pareto(points, recall);
      h.append("<details><summary>").append(esc(recall.title())).append(" vs query time: ").append(f.size())
          .append(" configurations</summary>\n<table class=\"wide\"><thead><tr>").append(CONFIG_HEAD)
          .append("</tr></thead><tbody>\n");
      for (ConfigPoint p : f) {
        h.append("<tr><td class=\"cfg\">").append(esc(p.label())).append("</td>").append(n(recallText(p, recall)))
            .append(n(num(p.queryUs()))).append(n(SweepReport.spread(p) + (p.noisy() ? " noisy" : "")))
            .append(n(fmt("%.1f×", p.speedup())))
            .append(n(num(Math.round(p.candidates())))).append(n(fmt("%.2f", p.memoryBytes() / 1e6)))
            .append(n(num(p.buildMs()))).append("</tr>\n");
      }
      h.append("</tbody></table></details>\n");
    }
  }

  private static List<Recall> recalls(boolean labelled) {
    return labelled ? List.of(Recall.KNN, Recall.LABEL) : List.of(Recall.KNN);
  }

  private static String recallText(ConfigPoint p, Recall recall) {
    double std = recall == Recall.LABEL ? p.labelRecallStd() : p.knnRecallStd();
    return fmt("%.3f", recall.of(p)) + (p.repeats() > 1 ? fmt(" ± %.3f", std) : "");
  }

  private static String n(String text) {
    return "<td class=\"n\">" + esc(text) + "</td>";
  }

  /** The run's PNGs: known plots in reading order, then any others, never the test screenshot. */
  static List<String> plots(RunFiles run) {
    List<String> present = new ArrayList<>(run.named(".png"));
    present.remove(SCREENSHOT);
    List<String> out = new ArrayList<>();
    for (String name : CAPTIONS.keySet()) {
      if (present.remove(name + ".png")) {
        out.add(name + ".png");
      }
    }
    out.addAll(present);
    return out;
  }

  private static void plotSection(StringBuilder h, RunFiles run, List<String> plots) {
    h.append("<h2 id=\"plots\">Plots</h2>\n<p class=\"muted\">The PNG and SVG figures of this run, for "
        + "papers and slides. Click one to enlarge it (Esc or a click closes it).</p>\n");
    if (plots.isEmpty()) {
      h.append("<p class=\"muted\">No plots in this folder.</p>\n");
    }
    boolean grid = false;
    for (String png : plots) {
      String base = png.substring(0, png.length() - 4);
      // The trade-off plots carry many small point labels: full width. The rest two per row.
      if (!base.endsWith("-vs-time") && !grid) {
        h.append("<div class=\"grid2\">\n");
        grid = true;
      }
      String caption = CAPTIONS.getOrDefault(base, base);
      h.append("<figure id=\"plot-").append(esc(base)).append("\"><a class=\"zoom\" href=\"").append(esc(png))
          .append("\"><img src=\"").append(esc(png)).append("\" alt=\"").append(esc(caption))
          .append("\" loading=\"eager\"></a><figcaption><strong>").append(esc(base)).append("</strong> — ")
          .append(esc(caption));
      if (run.has(base + ".svg")) {
        h.append(" <a href=\"").append(esc(base)).append(".svg\">SVG</a>");
      }
      h.append("</figcaption></figure>\n");
    }
    if (grid) {
      h.append("</div>\n");
    }
  }

  /**
   * Every row. Columns equal on every row (dataset, model, sizes …) are listed once above the
   * table instead of repeated in each row, which keeps the table narrow enough to read.
   */
  private static void rows(StringBuilder h, Table t) {
    List<Column<?>> varying = new ArrayList<>();
    StringBuilder constant = new StringBuilder();
    for (Column<?> c : t.columns()) {
      boolean key = c.name().equals(ResultColumns.K) || c.name().equals(ResultColumns.L);
      if (key || c.countUnique() > 1) {
        varying.add(c);
      } else {
        constant.append(constant.length() == 0 ? "" : " · ").append("<code>").append(esc(c.name()))
            .append("</code> = ").append(esc(cell(c, 0, decimals(c))));
      }
    }
    h.append("<h2 id=\"rows\">All rows of results.csv (").append(t.rowCount()).append(")</h2>\n")
        .append("<p class=\"muted\">One row per (k, L, probes, repeat); click a header to sort. Times in µs "
            + "(query, stages) and ms (build).</p>\n");
    if (constant.length() > 0) {
      h.append("<details><summary>columns with the same value on every row</summary><p>").append(constant)
          .append("</p></details>\n");
    }
    h.append("<details><summary>show the ").append(t.rowCount()).append(" rows (").append(varying.size())
        .append(" columns that vary)</summary>\n<div class=\"scroll tall\"><table class=\"sortable\"><thead><tr>");
    for (Column<?> c : varying) {
      h.append(numeric(c) ? "<th class=\"n\">" : "<th>").append(esc(c.name())).append("</th>");
    }
    h.append("</tr></thead><tbody>\n");
    int[] decimals = new int[varying.size()];
    for (int j = 0; j < decimals.length; j++) {
      decimals[j] = decimals(varying.get(j));
    }
    for (int i = 0; i < t.rowCount(); i++) {
      h.append("<tr>");
      for (int j = 0; j < decimals.length; j++) {
        Column<?> c = varying.get(j);
        if (numeric(c)) {
          String raw = c.isMissing(i) ? "" : c.getString(i);
          h.append("<td class=\"n\" data-v=\"").append(esc(raw)).append("\">").append(esc(cell(c, i, decimals[j])))
              .append("</td>");
        } else {
          h.append("<td>").append(esc(cell(c, i, 0))).append("</td>");
        }
      }
      h.append("</tr>\n");
    }
    h.append("</tbody></table></div></details>\n");
  }

  private static boolean numeric(Column<?> c) {
    return c instanceof tech.tablesaw.api.NumericColumn<?>;
  }

  /**
   * One number of decimals per column, so a column's digits line up: shares and recalls (all
   * within [0, 1]) to 3, integer columns none, other measures to 2 below 100 and 1 above.
   */
  private static int decimals(Column<?> c) {
    if (!(c instanceof tech.tablesaw.api.NumericColumn<?> nc)) {
      return 0;
    }
    double max = 0;
    boolean integral = true;
    for (int i = 0; i < nc.size(); i++) {
      if (!nc.isMissing(i)) {
        double v = nc.getDouble(i);
        max = Math.max(max, Math.abs(v));
        integral &= v == Math.rint(v);
      }
    }
    return integral ? 0 : max <= 1 ? 3 : max < 100 ? 2 : 1;
  }

  private static String cell(Column<?> c, int row, int decimals) {
    if (c.isMissing(row)) {
      return "–";
    }
    if (c instanceof tech.tablesaw.api.NumericColumn<?> nc) {
      if (c.name().equals(ResultColumns.SEED) || c.name().equals(ResultColumns.HASH_SEED)) {
        return c.getString(row);
      }
      double v = nc.getDouble(row);
      return Double.isNaN(v) ? "–" : fmt("%,." + decimals + "f", v);
    }
    return c.getString(row);
  }

  private static void skippedSection(StringBuilder h, List<String[]> skipped) {
    h.append("<h2 id=\"skipped\">Skipped files (").append(skipped.size()).append(")</h2>\n");
    if (skipped.isEmpty()) {
      h.append("<p class=\"muted\">skipped.csv is empty: every file was used.</p>\n");
      return;
    }
    h.append("<p class=\"muted\">Files the loader could not use, and why.</p>\n")
        .append("<div class=\"scroll tall\"><table class=\"sortable\"><thead><tr><th>path</th><th>reason</th>")
        .append("</tr></thead><tbody>\n");
    for (String[] s : skipped) {
      h.append("<tr><td>").append(esc(s[0])).append("</td><td>").append(esc(s[1])).append("</td></tr>\n");
    }
    h.append("</tbody></table></div>\n");
  }

  /** Every file of the folder (hidden ones aside), with its size, so nothing is left unmentioned. */
  private static void files(StringBuilder h, RunFiles run, List<String> names) {
    h.append("<h2 id=\"files\">Files (").append(names.size()).append(")</h2>\n<ul class=\"files\">\n");
    for (String f : names) {
      long bytes = run.size(f);
      h.append("<li><a href=\"").append(esc(f)).append("\">").append(esc(f)).append("</a> <span class=\"muted\">")
          .append(bytes < 0 ? "" : bytes < 10_000 ? fmt("%,d B", bytes) : bytes < 10_000_000
              ? fmt("%,.0f KB", bytes / 1e3) : fmt("%,.0f MB", bytes / 1e6))
          .append("</span></li>\n");
    }
    h.append("</ul>\n");
  }
}
