package lshbench.report;

import static lshbench.report.Html.esc;
import static lshbench.report.Html.fmt;

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
 * and its answer for kNN recall 0.9, so a person can find a run without opening each folder.
 * Rebuilt from the folders each time a run finishes; one unreadable folder is listed as such
 * rather than breaking the page.
 */
public final class RunIndex {
  /** The row's headline answer: the fastest configuration reaching this kNN recall. */
  static final double TARGET = 0.9;
  private static final Pattern STAMP = Pattern.compile("-(\\d{8}-\\d{6})(?:-(\\d+))?$");

  private RunIndex() {}

  /** One listed run folder. */
  record Entry(String name, String sortKey, String status, String experiment, String data,
      boolean synthetic, String best, boolean page) {}

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
    if (run.has("results.csv")) {
      try {
        ResultsTable r = ResultsTable.read(d.resolve("results.csv"));
        experiment = r.first(ResultColumns.EXPERIMENT);
        synthetic = Boolean.parseBoolean(r.first(ResultColumns.SYNTHETIC));
        // The SYNTHETIC badge already says there is no model.
        data = r.first(ResultColumns.DATASET)
            + (synthetic ? "" : " — " + SweepReport.shortModel(r.first(ResultColumns.MODEL)))
            + fmt(", n=%s, d=%s", r.first(ResultColumns.N_ITEMS), r.first(ResultColumns.DIM));
        ConfigPoint p = Frontier.fastestReaching(r.candidates(), Recall.KNN, TARGET);
        best = p == null ? "none reaches it" : fmt("%s: %.3f, %.0f µs (%.1f×)", p.label(), p.knnRecall(),
            p.queryUs(), p.speedup());
      } catch (IOException | RuntimeException e) {
        data = "results.csv unreadable: " + e.getMessage();
      }
    }
    return new Entry(name, sortKey, run.status(), experiment, data, synthetic, best,
        run.has(HtmlReport.FILE));
  }

  private static String modified(Path d) {
    try {
      FileTime t = Files.getLastModifiedTime(d);
      return fmt("%020d", t.toMillis());
    } catch (IOException e) {
      return "";
    }
  }

  static String page(Path resultsDir, List<Entry> entries) {
    StringBuilder h = new StringBuilder(16 * 1024);
    HtmlReport.head(h, "lshbench runs");
    h.append("<main>\n<h1>lshbench runs <span class=\"muted\">").append(entries.size())
        .append(" in ").append(esc(resultsDir.toAbsolutePath().normalize().getFileName() + "/"))
        .append("</span></h1>\n<p class=\"muted\">Newest first. “Best at kNN ").append(fmt("%.1f", TARGET))
        .append("” is the fastest configuration whose mean kNN recall@n reaches ").append(fmt("%.1f", TARGET))
        .append(". Click a header to sort.</p>\n");
    if (entries.isEmpty()) {
      h.append("<p>No run folders yet: <code>mvn -q exec:java -Dexperiment=sweep</code>.</p>\n");
    } else {
      h.append("<div class=\"scroll\"><table class=\"sortable\"><thead><tr><th>run</th><th>status</th>")
          .append("<th>experiment</th><th>dataset / model</th><th>best at kNN ").append(fmt("%.1f", TARGET))
          .append("</th><th>files</th></tr></thead><tbody>\n");
      for (Entry e : entries) {
        String href = esc(e.name()) + "/";
        h.append("<tr><td class=\"cfg\">").append(e.page() ? "<a href=\"" + href + "index.html\">" + esc(e.name()) + "</a>"
            : esc(e.name())).append("</td><td>").append(HtmlReport.badge(e.status())).append("</td><td>")
            .append(esc(e.experiment())).append("</td><td>")
            .append(e.synthetic() ? "<span class=\"badge synthetic\">SYNTHETIC</span> " : "")
            .append(esc(e.data())).append("</td><td>").append(esc(e.best())).append("</td><td>");
        List<String> links = new ArrayList<>();
        for (String f : List.of("results.csv", "summary.txt", "tune.txt")) {
          if (Files.isRegularFile(resultsDir.resolve(e.name()).resolve(f))) {
            links.add("<a href=\"" + href + f + "\">" + f + "</a>");
          }
        }
        h.append(String.join(" · ", links)).append("</td></tr>\n");
      }
      h.append("</tbody></table></div>\n");
    }
    h.append("</main>\n<script>\n").append(Html.SORT_JS).append("</script>\n</body>\n</html>\n");
    return h.toString();
  }
}
