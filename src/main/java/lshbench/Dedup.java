package lshbench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import lshbench.experiment.DedupBench;
import lshbench.experiment.DedupConfig;
import lshbench.experiment.DedupRunner;
import lshbench.report.DedupBenchPlots;
import lshbench.report.DedupGallery;

/**
 * Wires the near-duplicate finder ({@code type = dedup}) and its benchmark
 * ({@code type = dedup-bench}) to their reports: the experiment stage computes, the report
 * stage draws, and the run is marked complete only when both have written their files.
 */
final class Dedup {
  private Dedup() {}

  static int run(DedupConfig config, PrintStream out, PrintStream err) throws IOException {
    if (config.type().equals("dedup-bench")) {
      DedupBench.Result bench = new DedupBench(config, err).run();
      try {
        List<Path> plots = DedupBenchPlots.write(bench);
        bench.folder().status("complete");
        out.print(bench.summary());
        out.println("results: " + bench.csv());
        out.println("plots:   " + plots.size() + " files in " + bench.folder().path());
      } catch (IOException | RuntimeException e) {
        bench.folder().fail(e);
        throw e;
      }
      return 0;
    }
    DedupRunner.Result result = new DedupRunner(config, err).run();
    try {
      List<Path> pages = DedupGallery.write(result, config.galleryRows(), config.galleryColumns());
      result.folder().status("complete");
      out.print(result.summary());
      out.println("groups:  " + result.folder().resolve("groups.csv"));
      out.println("pairs:   " + result.folder().resolve("pairs.csv"));
      out.println("gallery: " + pages.size() + " page(s) gallery-NNN.png, "
          + result.folder().resolve("index.html"));
    } catch (IOException | RuntimeException e) {
      result.folder().fail(e);
      throw e;
    }
    return 0;
  }
}
