package lshbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import lshbench.experiment.DedupConfig;
import lshbench.experiment.DedupRunner;
import lshbench.experiment.PairStages;
import lshbench.experiment.RunLifecycle;
import lshbench.report.DedupGallery;

/** The near-duplicate finder on a photo folder: groups, pairs, a gallery. */
public final class DedupExperiment extends PhotoExperiment {
  @Override
  public String type() {
    return DedupConfig.FINDER;
  }

  @Override
  public String summary() {
    return "near-duplicate finder over a photo folder (-Dphotos=DIR): groups.csv, pairs.csv, "
        + "gallery";
  }

  @Override
  public int run(DedupConfig config, PrintStream out, PrintStream log) throws IOException {
    return run(config, PairStages.LOCAL, out, log);
  }

  /**
   * The finder with its pair stages run by {@code stages} (an engine's), everything else, the
   * files and the gallery included, as on the local engine.
   */
  public static int run(DedupConfig config, PairStages stages, PrintStream out, PrintStream log)
      throws IOException {
    int[] pages = new int[1];
    DedupRunner.Result result = RunLifecycle.run(new DedupRunner(config, log, stages),
        new ListedReport<DedupRunner.Result>((folder, r) ->
            pages[0] = DedupGallery.write(r, config.galleryRows(), config.galleryColumns()).size()),
        log);
    out.print(result.summary());
    out.println("groups:  " + result.folder().resolve("groups.csv"));
    out.println("pairs:   " + result.folder().resolve("pairs.csv"));
    out.println("gallery: " + pages[0] + " page(s) gallery-NNN.png, "
        + result.folder().resolve("index.html"));
    return 0;
  }
}
