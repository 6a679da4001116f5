package lshbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a small run's index.html in headless Chromium, the way a person would, and checks it
 * really renders: the page's own load checker (see {@code Html.CHECK_JS}) reports every image
 * decoded (naturalWidth &gt; 0) and no script error, and Chromium logs no console message.
 * Leaves {@code report-screenshot.png} next to the report, and a copy of the run folder in
 * {@code target/browser-test-run/}, for a human to look at. Skipped
 * where {@code /usr/bin/chromium} is not installed (CI installs it).
 */
class HtmlReportBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final long TIMEOUT_S = 90;

  @TempDir
  Path dir;

  @Test
  void theReportLoadsInABrowserWithEveryImageAndNoErrors() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
        "skipped: " + CHROMIUM + " not installed (apt-get install chromium); the report was not opened in a browser");
    Path folder = HtmlReportTest.tinyRun(dir, "browser", 7).folder().path();
    Path page = folder.resolve("index.html");

    Result dom = chromium(List.of("--enable-logging=stderr", "--v=0", "--dump-dom",
        page.toUri().toString()));
    Matcher m = Pattern.compile("<div id=\"page-check\"[^>]*>").matcher(dom.stdout);
    assertTrue(m.find(), "the page's load check never ran; stderr:\n" + dom.stderr);
    String check = m.group();
    int images = Integer.parseInt(attr(check, "data-images"));
    assertEquals(HtmlReport.plots(new RunFiles(folder)).size(), images, "images on the page");
    assertTrue(images >= 7, "images " + images);
    assertEquals("", attr(check, "data-broken"), "images that did not load");
    assertEquals("", attr(check, "data-errors"), "script errors");
    List<String> console = new ArrayList<>();
    for (String line : dom.stderr.split("\n")) {
      if (line.contains(":CONSOLE")) {
        console.add(line);
      }
    }
    assertTrue(console.isEmpty(), "console messages:\n" + String.join("\n", console));

    Path shot = folder.resolve(HtmlReport.SCREENSHOT);
    chromium(List.of("--hide-scrollbars", "--window-size=1280,2400", "--screenshot=" + shot,
        page.toUri().toString()));
    assertTrue(Files.size(shot) > 10_000, "screenshot " + Files.size(shot) + " bytes");
    // Kept for a human to look at after the build (the temporary folder goes away).
    Path keep = Path.of("target", "browser-test-run");
    Files.createDirectories(keep);
    try (var files = Files.list(folder)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, keep.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }

    // The check itself can fail: a missing plot is reported as broken.
    Files.delete(folder.resolve("theory-candidates.png"));
    Result broken = chromium(List.of("--dump-dom", page.toUri().toString()));
    Matcher b = Pattern.compile("<div id=\"page-check\"[^>]*>").matcher(broken.stdout);
    assertTrue(b.find(), broken.stderr);
    assertEquals("theory-candidates.png", attr(b.group(), "data-broken"));

    // The listing renders too.
    Result index = chromium(List.of("--dump-dom", folder.getParent().resolve("index.html").toUri().toString()));
    assertTrue(index.stdout.contains("id=\"page-check\"") && index.stdout.contains(folder.getFileName() + "/index.html"));
  }

  private static String attr(String tag, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(tag);
    return m.find() ? m.group(1) : "";
  }

  private record Result(String stdout, String stderr) {}

  /** One headless Chromium run with a fresh profile, bounded in time; the process is always ended. */
  private Result chromium(List<String> args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(dir, "chromium-profile");
    List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
    cmd.addAll(args);
    Path out = Files.createTempFile(dir, "chromium", ".out");
    Path err = Files.createTempFile(dir, "chromium", ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      boolean done = p.waitFor(TIMEOUT_S, TimeUnit.SECONDS);
      assertTrue(done, "chromium did not finish in " + TIMEOUT_S + " s: " + cmd);
      return new Result(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }
}
