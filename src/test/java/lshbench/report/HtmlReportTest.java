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
import lshbench.config.Settings;
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
    Matcher img = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
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
    assertFalse(html.contains("http://") || html.contains("https://"), "no network resources");
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
