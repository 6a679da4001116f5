package lshbench.report;

import static lshbench.report.Html.esc;
import static lshbench.report.Html.fmt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lshbench.experiment.ResultColumns;
import lshbench.io.AtomicFiles;

/**
 * {@code results/index.html}: every run folder, newest first, with its status, what it ran on
 * and its answer for kNN recall 0.9, so a person can find a run without opening each folder;
 * and runs side by side: tick two or more runs with a results.csv to see their kNN Pareto
 * frontiers on one chart and each one's fastest configuration per target. Rebuilt from the
 * folders each time a run finishes; one unreadable folder is listed as such rather than
 * breaking the page.
 */
public final class RunIndex {
  /** The row's headline answer: the fastest configuration reaching this kNN recall. */
  static final double TARGET = 0.9;
  static final String COMPARE = "compare";
  private static final double[] TARGETS = {0.5, 0.8, 0.9, 0.95};
  private static final Pattern STAMP = Pattern.compile("-(\\d{8}-\\d{6})(?:-(\\d+))?$");
  /** The data files a row links to, when the folder has them. */
  private static final List<String> LINKED = List.of("results.csv", "summary.txt", "tune.txt",
      "groups.csv", "pairs.csv", "dedup-bench.csv", "scale.csv");

  private RunIndex() {}

  /**
   * One listed run folder.
   *
   * @param compare the run's kNN frontier for the side-by-side chart, null without results.csv
   * @param targets its fastest configuration per kNN target, as an HTML table (or "")
   */
  record Entry(String name, String sortKey, String status, String experiment, String data,
      boolean synthetic, String best, boolean page, List<String> files, ObjectNode compare,
      String targets) {}

  /** Writes {@code resultsDir/index.html}; returns its path. */
  public static Path write(Path resultsDir) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> s = Files.list(resultsDir)) {
      for (Path d : (Iterable<Path>) s.filter(Files::isDirectory).sorted()::iterator) {
        if (Files.isRegularFile(d.resolve("status")) || Files.isRegularFile(d.resolve("results.csv"))) {
          entries.add(entry(d));
        }
      }
    }
    entries.sort(Comparator.comparing(Entry::sortKey).reversed());
    Path index = resultsDir.resolve(HtmlReport.FILE);
    AtomicFiles.writeString(index, page(resultsDir, entries));
    return index;
  }

  static Entry entry(Path d) {
    RunFiles run = new RunFiles(d);
    String name = d.getFileName().toString();
    String experiment = name;
    Matcher m = STAMP.matcher(name);
    String sortKey;
    if (m.find()) {
      experiment = name.substring(0, m.start());
      sortKey = m.group(1) + fmt("-%04d", m.group(2) == null ? 1 : Integer.parseInt(m.group(2)));
    } else {
      sortKey = "00000000-000000";
    }
    sortKey += "|" + modified(d);
    String data = "";
    String best = "";
    boolean synthetic = false;
    ObjectNode compare = null;
    String targets = "";
    if (run.has("results.csv")) {
      try {
        ResultsTable r = ResultsTable.read(d.resolve("results.csv"));
        experiment = r.first(ResultColumns.EXPERIMENT);
        synthetic = Boolean.parseBoolean(r.first(ResultColumns.SYNTHETIC));
        // The SYNTHETIC badge already says there is no model.
        data = r.first(ResultColumns.DATASET)
            + (synthetic ? "" : " — " + SweepReport.shortModel(r.first(ResultColumns.MODEL)))
            + fmt(", n=%s, d=%s", r.first(ResultColumns.N_ITEMS), r.first(ResultColumns.DIM));
        List<ConfigPoint> candidates = r.candidates();
        ConfigPoint p = Frontier.fastestReaching(candidates, Recall.KNN, TARGET);
        best = p == null ? "none reaches it" : fmt("%s: %.3f, %.0f µs (%.1f×)", p.label(), p.knnRecall(),
            p.queryUs(), p.speedup());
        compare = compareData(name, experiment, data, r, candidates);
        targets = targetTable(name, experiment, r, candidates);
      } catch (IOException | RuntimeException e) {
        data = "results.csv unreadable: " + e.getMessage();
      }
    } else if (run.has("summary.txt")) {
      // dedup and dedup-bench runs: their summary's first line says what ran on what
      String[] lines = run.text("summary.txt").split("\n");
      data = lines[0].trim();
      for (String line : lines) {
        if (line.startsWith("groups found") || line.startsWith("stage 1 + 2")) {
          best = line.trim();
          break;
        }
      }
    }
    List<String> files = LINKED.stream().filter(run::has).toList();
    return new Entry(name, sortKey, run.status(), experiment, data, synthetic, best,
        run.has(HtmlReport.FILE), files, compare, targets);
  }

  /** The run's kNN frontier (exact scan included) as chart points. */
  private static ObjectNode compareData(String name, String experiment, String data, ResultsTable r,
      List<ConfigPoint> candidates) {
    ObjectNode o = PageJson.object();
    o.put("name", name);
    o.put("experiment", experiment);
    o.put("data", data);
    o.put("clock", r.clock());
    o.put("configurations", candidates.size());
    ArrayNode frontier = o.putArray("frontier");
    for (ConfigPoint p : Frontier.pareto(candidates, Recall.KNN)) {
      frontier.add(TradeoffChart.point(p));
    }
    return o;
  }

  /** The run's fastest configuration per kNN target, as its own page prints it. */
  private static String targetTable(String name, String experiment, ResultsTable r,
      List<ConfigPoint> candidates) {
    StringBuilder h = new StringBuilder();
    h.append("<div class=\"cmp-run\" data-run=\"").append(esc(name)).append("\" hidden><h3><span class=\"swatch\">")
        .append("</span>").append(esc(name)).append(" <span class=\"muted\">").append(esc(experiment))
        .append(", ").append(esc(r.clock())).append(" clock</span></h3>\n<table class=\"wide\"><thead><tr>")
        .append("<th class=\"n\">kNN target</th><th>config</th><th class=\"n\">recall</th>")
        .append("<th class=\"n\">query µs</th><th class=\"n\">speed-up</th><th class=\"n\">memory MB</th>")
        .append("</tr></thead><tbody>\n");
    for (double target : TARGETS) {
      ConfigPoint p = Frontier.fastestReaching(candidates, Recall.KNN, target);
      h.append("<tr><td class=\"n\">").append(fmt("%.2f", target)).append("</td>");
      if (p == null) {
        h.append("<td class=\"none\" colspan=\"5\">none in this grid reaches it</td>");
      } else {
        h.append("<td class=\"cfg\"><strong>").append(esc(p.label())).append("</strong></td><td class=\"n\">")
            .append(fmt("%.3f", p.knnRecall())).append(p.repeats() > 1 ? fmt(" ± %.3f", p.knnRecallStd()) : "")
            .append("</td><td class=\"n\">").append(esc(Html.num(p.queryUs()))).append("</td><td class=\"n\">")
            .append(fmt("%.1f×", p.speedup())).append("</td><td class=\"n\">")
            .append(fmt("%.2f", p.memoryBytes() / 1e6)).append("</td>");
      }
      h.append("</tr>\n");
    }
    return h.append("</tbody></table></div>\n").toString();
  }

  private static String modified(Path d) {
    try {
      FileTime t = Files.getLastModifiedTime(d);
      return fmt("%020d", t.toMillis());
    } catch (IOException e) {
      return "";
    }
  }

  static String page(Path resultsDir, List<Entry> entries) throws IOException {
    StringBuilder h = new StringBuilder(16 * 1024);
    HtmlReport.head(h, "lshbench runs");
    h.append("<main>\n<h1>lshbench runs <span class=\"muted\">").append(entries.size())
        .append(" in ").append(esc(resultsDir.toAbsolutePath().normalize().getFileName() + "/"))
        .append("</span></h1>\n<p class=\"muted\">Newest first. “Best at kNN ").append(fmt("%.1f", TARGET))
        .append("” is the fastest configuration whose mean kNN recall@n reaches ").append(fmt("%.1f", TARGET))
        .append(". Click a header to sort; tick runs to compare them side by side (below).</p>\n");
    if (entries.isEmpty()) {
      h.append("<p>No run folders yet: <code>mvn -q exec:java -Dexperiment=sweep</code>.</p>\n");
    } else {
      h.append("<table class=\"sortable wide runs\"><thead><tr><th title=\"compare\">⇆</th><th>run</th>")
          .append("<th>status</th><th>experiment</th><th>dataset / model</th><th>best at kNN ")
          .append(fmt("%.1f", TARGET)).append("</th><th>files</th></tr></thead><tbody>\n");
      for (Entry e : entries) {
        String href = esc(e.name()) + "/";
        h.append("<tr><td>").append(e.compare() == null ? "" : "<input type=\"checkbox\" class=\"cmp\" value=\""
            + esc(e.name()) + "\" title=\"compare this run\">")
            .append("</td><td class=\"run\">").append(e.page() ? "<a href=\"" + href + "index.html\">"
                + esc(e.name()) + "</a>" : esc(e.name()))
            .append("</td><td>").append(HtmlReport.badge(e.status())).append("</td><td>")
            .append(esc(e.experiment())).append("</td><td>")
            .append(e.synthetic() ? "<span class=\"badge synthetic\">SYNTHETIC</span> " : "")
            .append(esc(e.data())).append("</td><td>").append(esc(e.best())).append("</td><td class=\"files\">");
        List<String> links = new ArrayList<>();
        for (String f : e.files()) {
          links.add("<a href=\"" + href + esc(f) + "\">" + esc(f) + "</a>");
        }
        h.append(String.join(" ", links)).append("</td></tr>\n");
      }
      h.append("</tbody></table>\n");
    }
    compareSection(h, entries);
    h.append("</main>\n<script>\n").append(Html.SORT_JS).append("</script>\n");
    if (entries.stream().anyMatch(e -> e.compare() != null)) {
      h.append(TradeoffChart.scripts("compare.js"));
    }
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static void compareSection(StringBuilder h, List<Entry> entries) {
    List<Entry> comparable = entries.stream().filter(e -> e.compare() != null).toList();
    if (comparable.isEmpty()) {
      return;
    }
    ObjectNode data = PageJson.object();
    ArrayNode runs = data.putArray("runs");
    comparable.forEach(e -> runs.add(e.compare()));
    h.append("<h2 id=\"").append(COMPARE).append("\">Runs side by side</h2>\n")
        .append("<p class=\"muted\" id=\"compare-hint\">Tick two or more runs above (or open this page as "
            + "<code>index.html#compare=RUN,RUN</code>) to draw their kNN Pareto frontiers on one chart, "
            + "each with its fastest configuration per target. Times are each run's own ranking clock "
            + "on its own machine and load: compare runs timed alike.</p>\n")
        .append("<div class=\"chart-box\" id=\"compare-box\" hidden><div class=\"chart compare\" id=\"")
        .append(COMPARE).append("-chart\"></div></div>\n<div id=\"compare-tables\">\n");
    comparable.forEach(e -> h.append(e.targets()));
    h.append("</div>\n").append(PageJson.script(COMPARE + "-data", data));
  }
}
