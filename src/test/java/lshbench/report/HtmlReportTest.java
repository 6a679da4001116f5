package lshbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lshbench.config.Settings;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import lshbench.experiment.SweepConfig;
import lshbench.experiment.SweepRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run page and the run listing, read as text: what a person must find on them. */
class HtmlReportTest {
  @TempDir
  static Path dir;
  static SweepRunner.Result run;

  /** A tiny labelled synthetic sweep, reported the way Main reports it. */
  static SweepRunner.Result tinyRun(Path root, String experiment, long seed) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Map<String, String> m = new HashMap<>();
    m.put("synthetic.shape", "10x40");
    m.put("synthetic.dim", "32");
    m.put("synthetic.latent", "8");
    m.put("k", "2,4,8");
    m.put("L", "1,2,8");
    m.put("queries", "50");
    m.put("seed", Long.toString(seed));
    m.put("warmup", "0");
    m.put("warmup.ms", "0");
    m.put("results.dir", root.resolve("results").toString());
    m.put("cache.dir", root.resolve("cache").toString());
    SweepRunner.Result r = new SweepRunner(SweepConfig.from(Settings.of(experiment, m)),
        new PrintStream(OutputStream.nullOutputStream())).run();
    SweepReport.write(r.folder().path(), r.csv());
    return r;
  }

  @BeforeAll
  static void sweep() throws IOException {
    run = tinyRun(dir, "html", 42);
  }

  @Test
  void theRunPageShowsProvenanceAnswersPlotsAndEveryRow() throws IOException {
    String html = Files.readString(run.folder().resolve("index.html"));
    assertTrue(html.contains("SYNTHETIC DATA"), "synthetic banner");
    assertTrue(html.contains("badge complete"), "status");
    for (String section : List.of("id=\"best\"", "id=\"frontier\"", "id=\"plots\"", "id=\"rows\"")) {
      assertTrue(html.contains(section), section);
    }
    // Every PNG in the folder is on the page, and every image on the page is a file there.
    for (String png : HtmlReport.plots(new RunFiles(run.folder().path()))) {
      assertTrue(html.contains("<img src=\"" + png + "\""), png + " not shown");
    }
    // the page itself, not the inlined chart library (whose code builds img tags of its own)
    Matcher img = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html.substring(0, html.indexOf("</main>")));
    int images = 0;
    while (img.find()) {
      images++;
      assertTrue(Files.isRegularFile(run.folder().resolve(img.group(1))), img.group(1) + " missing");
    }
    assertTrue(images >= 7, "plots shown: " + images);
    // All 9 configurations and the exact scan, one <tr> each in the sortable table.
    String rows = html.substring(html.indexOf("id=\"rows\""));
    rows = rows.substring(rows.indexOf("<tbody>"), rows.indexOf("</tbody>"));
    assertEquals(10, rows.split("<tr>", -1).length - 1);
    // The 0.9 target's answer on the page is the one Frontier computes.
    ConfigPoint best = Frontier.fastestReaching(ResultsTable.read(run.csv()).candidates(), Recall.KNN, 0.5);
    assertTrue(best == null || html.contains("<strong>" + best.label() + "</strong>"));
    for (String link : List.of("href=\"results.csv\"", "href=\"run.json\"", "href=\"summary.txt\"")) {
      assertTrue(html.contains(link), link);
    }
    // Nothing is fetched: no element loads from the network (the inlined library's licence
    // header and SVG namespace mention URLs as text only).
    assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "no network resources");
    assertTrue(html.contains("echarts"), "the chart library is inlined");
    // Headline and chart come before the long tables; the long tables are folded.
    assertTrue(html.indexOf("id=\"best\"") < html.indexOf("id=\"chart\"")
        && html.indexOf("id=\"chart\"") < html.indexOf("id=\"run\"")
        && html.indexOf("id=\"chart\"") < html.indexOf("id=\"rows\""), "order of sections");
    assertTrue(html.substring(html.indexOf("id=\"rows\"")).contains("<details><summary>show the 10 rows"));
    // Every file of the folder is listed, grid-cost.csv and the PNGs included.
    String files = html.substring(html.indexOf("id=\"files\""));
    for (String f : new RunFiles(run.folder().path()).named("")) {
      assertTrue(files.contains("href=\"" + f + "\""), f + " not listed");
    }
    assertTrue(files.contains("href=\"grid-cost.csv\"") && files.contains("href=\"heatmap-knn-recall.png\""));
  }

  /** The chart's data is the CSV's: every row's parameters and measures, to the last digit. */
  @Test
  void theChartDataAreTheCsvNumbers() throws IOException {
    String html = Files.readString(run.folder().resolve("index.html"));
    Matcher m = Pattern.compile("<script type=\"application/json\" id=\"tradeoff-data\">(.*?)</script>",
        Pattern.DOTALL).matcher(html);
    assertTrue(m.find(), "chart data on the page");
    JsonNode points = new ObjectMapper().readTree(m.group(1)).get("points");
    List<CSVRecord> rows;
    try (var r = Files.newBufferedReader(run.csv());
        var p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
      rows = p.getRecords();
    }
    assertEquals(rows.size(), points.size(), "one point per row (one repeat)");
    for (CSVRecord row : rows) {
      JsonNode match = null;
      for (JsonNode p : points) {
        boolean exact = row.get("family").equals("exact");
        if (exact ? p.get("exact").asBoolean() : !p.get("exact").asBoolean()
            && p.get("k").asText().equals(row.get("k")) && p.get("L").asText().equals(row.get("L"))) {
          match = p;
        }
      }
      assertTrue(match != null, "no point for row " + row.toMap());
      assertEquals(Double.parseDouble(row.get("knn_recall")), match.get("knn").asDouble(), 0.0);
      assertEquals(Double.parseDouble(row.get("label_recall")), match.get("labelRecall").asDouble(), 0.0);
      assertEquals(Double.parseDouble(row.get("query_" + row.get("clock") + "_us")), match.get("us").asDouble(), 0.0);
      assertEquals(Double.parseDouble(row.get("speedup")), match.get("speedup").asDouble(), 0.0);
      assertEquals(Double.parseDouble(row.get("memory_bytes")), match.get("memoryBytes").asDouble(), 0.0);
      assertEquals(Double.parseDouble(row.get("candidates_mean")), match.get("candidates").asDouble(), 0.0);
    }
  }

  @Test
  void pageDataCannotCloseItsScriptElement() {
    ObjectNode o = PageJson.object();
    o.put("model", "</script><script>alert(1)</script> & co");
    String json = PageJson.write(o);
    assertFalse(json.contains("<") || json.contains(">") || json.contains("&"), json);
    assertTrue(json.contains("\\u003C/script\\u003E"), json);
  }

  @Test
  void freeTextIsEscaped() {
    assertEquals("a&lt;b&gt; &amp; &quot;c&quot;", Html.esc("a<b> & \"c\""));
  }

  @Test
  void theListingIsNewestFirstAndShowsFailedRuns() throws IOException {
    Path results = run.folder().path().getParent();
    Path older = Files.createDirectory(results.resolve("sweep-20000101-000000"));
    Files.writeString(older.resolve("status"), "failed: out of <memory>\n");
    Path newer = Files.createDirectory(results.resolve("sweep-29991231-235959"));
    Files.writeString(newer.resolve("status"), "running\n");
    String html = Files.readString(RunIndex.write(results));
    int iNewer = html.indexOf("sweep-29991231-235959");
    int iRun = html.indexOf(run.folder().path().getFileName().toString() + "/index.html");
    int iOlder = html.indexOf("sweep-20000101-000000");
    assertTrue(iNewer > 0 && iRun > iNewer && iOlder > iRun, "order " + iNewer + " " + iRun + " " + iOlder);
    assertTrue(html.contains("failed: out of &lt;memory&gt;"));
    assertTrue(html.contains("badge running"));
  }

  @Test
  void theListingShowsDedupRunsAndOffersRunsSideBySide() throws IOException {
    Path results = run.folder().path().getParent();
    Path dedup = Files.createDirectory(results.resolve("dedup-20261202-010203"));
    Files.writeString(dedup.resolve("status"), "complete\n");
    Files.writeString(dedup.resolve("summary.txt"), "near-duplicate finder: photos (recursive)\n"
        + "model: m\ngroups found: 3; images that could be removed: 4\n");
    Files.writeString(dedup.resolve("groups.csv"), "group,path\n");
    String html = Files.readString(RunIndex.write(results));
    String row = html.substring(html.indexOf("dedup-20261202-010203"));
    row = row.substring(0, row.indexOf("</tr>"));
    assertTrue(row.contains("near-duplicate finder: photos (recursive)") && row.contains("groups found: 3")
        && row.contains("dedup-20261202-010203/groups.csv"), row);
    assertFalse(row.contains("class=\"cmp\""), "a dedup run has no frontier to compare");
    String name = run.folder().path().getFileName().toString();
    assertTrue(html.contains("class=\"cmp\" value=\"" + name + "\""), "the sweep can be ticked");
    assertTrue(html.contains("id=\"compare-data\"") && html.contains("data-run=\"" + name + "\""));
  }

  @Test
  void aTuneRunShowsItsRecommendation() throws IOException {
    Path folder = run.folder().path();
    Files.writeString(folder.resolve("tune.txt"), "RECOMMENDED: k=4 L=8\n");
    try {
      String html = HtmlReport.page(new RunFiles(folder));
      assertTrue(html.contains("id=\"tune\"") && html.contains("RECOMMENDED: k=4 L=8"));
    } finally {
      Files.delete(folder.resolve("tune.txt"));
    }
  }
}
