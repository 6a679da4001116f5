package lshbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Screenshots of the report pages for a person to look at, taken by headless Chromium over its
 * DevTools protocol: a run page (whole, after hovering a frontier point of its chart, and with
 * the query-time heat map clicked to full size) and
 * the list of runs with two or more runs side by side (whole, and hovered). The pages are
 * first rebuilt from the folders' files with this checkout's report code.
 *
 * <pre>
 * src/bench/screenshots.sh RUN_FOLDER [OTHER_RUN ...]     # writes RESULTS/screenshots/*.png
 * </pre>
 */
public final class PageScreenshots {
  static final int WIDTH = 1400;
  static final int HEIGHT = 1000;

  private PageScreenshots() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: PageScreenshots RUN_FOLDER [OTHER_RUN ...] (the first run's page, "
          + "then all of them side by side)");
      System.exit(2);
    }
    System.setProperty("java.awt.headless", "true");
    List<Path> runs = new ArrayList<>();
    for (String a : args) {
      Path run = Path.of(a).toAbsolutePath().normalize();
      if (!Files.isRegularFile(run.resolve("results.csv"))) {
        System.err.println("error: " + a + ": no results.csv (not a sweep or tune run folder)");
        System.exit(2);
      }
      runs.add(run);
    }
    Path browser = Chromium.find().orElse(null);
    if (browser == null) {
      System.err.println("error: no chromium on the PATH (apt-get install chromium)");
      System.exit(2);
    }
    for (Path run : runs) {
      HtmlReport.write(run);
    }
    Path resultsDir = runs.get(0).getParent();
    Path out = resultsDir.resolve("screenshots");
    Files.createDirectories(out);
    Path profile = Files.createTempDirectory("lshbench-chromium");
    try (Chromium c = new Chromium(browser, profile, WIDTH, HEIGHT)) {
      c.open(runs.get(0).resolve(HtmlReport.FILE).toUri().toString());
      save(out.resolve("run-page.png"), c.screenshot(true));
      hover(c, "tradeoff", "window.lshbenchTradeoff", "o.series.length - 1");
      save(out.resolve("run-page-hover.png"), c.screenshot(false));
      c.eval("var a = document.querySelector('#plot-heatmap-query-time a.zoom');"
          + " if (a) { a.scrollIntoView(); a.click(); } true");
      Thread.sleep(800);
      save(out.resolve("run-page-heatmap.png"), c.screenshot(false));
      report(c, "run page");
      if (runs.size() > 1) {
        StringBuilder names = new StringBuilder();
        for (Path run : runs) {
          names.append(names.length() == 0 ? "" : ",").append(run.getFileName());
        }
        c.open(resultsDir.resolve(HtmlReport.FILE).toUri() + "#" + RunIndex.COMPARE + "=" + names);
        save(out.resolve("compare.png"), c.screenshot(true));
        hover(c, "compare-chart", "window.lshbenchCompare", "0");
        save(out.resolve("compare-hover.png"), c.screenshot(false));
        report(c, "runs side by side");
      }
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * Scrolls the chart into view and moves the mouse onto the middle point of one of its series
   * (the frontier on the run page, the first run's frontier side by side), so the tooltip
   * shows.
   */
  static void hover(Chromium c, String id, String chart, String series) throws IOException, InterruptedException {
    c.eval("document.getElementById('" + id + "').scrollIntoView({block: 'center'}); true");
    Thread.sleep(300);
    JsonNode at = c.eval("(function () { var ch = " + chart + "; var o = ch.getOption();"
        + " var s = " + series + ";"
        + " var d = o.series[s].data; var v = d[Math.floor(d.length / 2)]; v = v.value || v;"
        + " var px = ch.convertToPixel({seriesIndex: s}, [v[0], v[1]]);"
        + " var r = document.getElementById('" + id + "').getBoundingClientRect();"
        + " return [r.left + px[0], r.top + px[1]]; })()");
    c.hover(at.get(0).asDouble(), at.get(1).asDouble());
    Thread.sleep(600);
  }

  /**
   * Writes the PNG and, when it is taller than a screen, its consecutive screen-high slices
   * ({@code NAME-1.png}, {@code NAME-2.png} …), which an image viewer shows at full width.
   */
  private static void save(Path file, byte[] png) throws IOException {
    Files.write(file, png);
    System.out.println("wrote " + file + " (" + png.length / 1024 + " KB)");
    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
    int slice = 1400;
    if (image == null || image.getHeight() <= slice) {
      return;
    }
    String stem = file.getFileName().toString().replaceFirst("\\.png$", "");
    for (int i = 0, y = 0; y < image.getHeight(); i++, y += slice) {
      Path part = file.resolveSibling(stem + "-" + (i + 1) + ".png");
      javax.imageio.ImageIO.write(image.getSubimage(0, y, image.getWidth(),
          Math.min(slice, image.getHeight() - y)), "png", part.toFile());
    }
    System.out.println("  and " + ((image.getHeight() + slice - 1) / slice) + " slices " + stem + "-N.png");
  }

  private static void report(Chromium c, String what) {
    List<String> problems = c.problems();
    System.out.println(what + ": " + (problems.isEmpty() ? "no console messages or errors"
        : String.join("\n  ", problems)));
  }
}
