package lshbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a small run's index.html from {@code file://} in headless Chromium, the way a person
 * would, with the network unused: every image decodes, the interactive chart exists and draws
 * one point per row of results.csv (one repeat, so a row is a configuration; the exact scan's
 * row included), its frontier is {@link Frontier}'s, hovering a point shows its parameters, and
 * the browser reports no console message, exception or failed load. Then the list of runs with
 * two runs side by side. Slow (two sweeps and a browser): tagged {@code slow}, run by
 * {@code .ci/run}; skipped with the reason when no Chromium is on the PATH.
 */
@Tag("slow")
class HtmlReportBrowserTest {
  @TempDir
  Path dir;

  @Test
  void theRunPageAndTheSideBySideViewRenderOfflineWithTheirCharts() throws Exception {
    Path browser = Chromium.find().orElse(null);
    Assumptions.assumeTrue(browser != null,
        "skipped: no chromium on the PATH (apt-get install chromium); the report was not opened in a browser");
    Path folder = HtmlReportTest.tinyRun(dir, "browser", 7).folder().path();
    Path other = HtmlReportTest.tinyRun(dir, "browser", 8).folder().path();
    Path page = folder.resolve("index.html");
    long csvRows;
    try (var lines = Files.lines(folder.resolve("results.csv"))) {
      csvRows = lines.count() - 1;
    }
    ResultsTable table = ResultsTable.read(folder.resolve("results.csv"));

    try (Chromium c = new Chromium(browser, Files.createTempDirectory(dir, "profile"), 1400, 1000)) {
      c.open(page.toUri().toString());
      JsonNode check = c.eval("(function () { var m = document.getElementById('page-check');"
          + " var t = document.getElementById('tradeoff'); return {images: +m.getAttribute('data-images'),"
          + " broken: m.getAttribute('data-broken'), errors: m.getAttribute('data-errors'),"
          + " canvas: t.querySelectorAll('canvas').length, points: t.getAttribute('data-points'),"
          + " frontier: t.getAttribute('data-frontier')}; })()");
      assertEquals(HtmlReport.plots(new RunFiles(folder)).size(), check.get("images").asInt(), "images on the page");
      assertTrue(check.get("images").asInt() >= 7, "images " + check);
      assertEquals("", check.get("broken").asText(), "images that did not load");
      assertEquals("", check.get("errors").asText(), "script errors");
      assertEquals(1, check.get("canvas").asInt(), "the chart draws on a canvas");
      assertEquals(csvRows, table.candidates().size(), "one repeat: a row is a configuration");
      assertEquals(String.valueOf(csvRows), check.get("points").asText(), "one chart point per CSV row");
      assertEquals(String.valueOf(Frontier.pareto(table.candidates(), Recall.KNN).size()),
          check.get("frontier").asText(), "the chart's frontier is the summary's");

      // Hovering the frontier's first point shows every parameter of that configuration.
      ConfigPoint first = Frontier.pareto(table.candidates(), Recall.KNN).get(0);
      PageScreenshots.hover(c, "tradeoff", "window.lshbenchTradeoff", "o.series.length - 1");
      String tip = c.eval("Array.prototype.map.call(document.querySelectorAll('#tradeoff .tip'),"
          + " function (e) { return e.offsetParent === null ? '' : e.textContent; }).join('|')").asText();
      assertTrue(tip.contains("kNN recall@n") && tip.contains("speed-up vs exact"), "tooltip: " + tip);

      // Hiding a family's points hides them, and the count follows.
      c.eval("document.querySelector('[data-toggle=\"family:exact scan\"]').click(); true");
      assertEquals(String.valueOf(csvRows - 1), c.eval("document.getElementById('tradeoff')"
          + ".getAttribute('data-points')").asText(), "points after hiding the exact scan");
      // A heat map opens at full size over the page when clicked.
      c.eval("document.querySelector('#plot-heatmap-knn-recall a.zoom').click(); true");
      Thread.sleep(500);
      assertTrue(c.eval("(function () { var d = document.querySelector('dialog.lightbox');"
          + " var i = d.querySelector('img'); return d.open && i !== null && i.naturalWidth > 0; })()")
          .asBoolean(), "the clicked heat map is shown enlarged");
      assertEquals(List.of(), c.problems(), "console messages, exceptions, failed loads");
      Files.write(folder.resolve(HtmlReport.SCREENSHOT), c.screenshot(false));
      assertTrue(first != null);

      // The list of runs with both side by side: each run's frontier on one chart.
      String names = folder.getFileName() + "," + other.getFileName();
      c.open(folder.getParent().resolve("index.html").toUri() + "#" + RunIndex.COMPARE + "=" + names);
      long expected = Frontier.pareto(table.candidates(), Recall.KNN).size() + Frontier.pareto(
          ResultsTable.read(other.resolve("results.csv")).candidates(), Recall.KNN).size();
      assertEquals(String.valueOf(expected), c.eval("document.getElementById('compare-chart')"
          + ".getAttribute('data-points')").asText(), "both runs' frontier points");
      assertEquals(2, c.eval("document.querySelectorAll('.cmp-run:not([hidden])').length").asInt(),
          "a per-target table per ticked run");
      assertEquals(List.of(), c.problems(), "console messages on the list of runs");

      // The check itself can fail: a missing plot is reported as broken.
      Files.delete(folder.resolve("theory-candidates.png"));
      c.open(page.toUri().toString());
      assertEquals("theory-candidates.png", c.eval("document.getElementById('page-check')"
          + ".getAttribute('data-broken')").asText());
    }
  }
}
