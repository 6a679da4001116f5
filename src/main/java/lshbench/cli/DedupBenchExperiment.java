package lshbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import lshbench.experiment.DedupBench;
import lshbench.experiment.DedupConfig;
import lshbench.experiment.PairStages;
import lshbench.experiment.RunLifecycle;
import lshbench.report.DedupBenchPlots;

/** The finder's accuracy benchmark on generated copies of real images. */
public final class DedupBenchExperiment extends PhotoExperiment {
  @Override
  public String type() {
    return DedupConfig.BENCH;
  }

  @Override
  public String summary() {
    return "the finder's benchmark: transformed copies of sampled images, precision/recall per "
        + "threshold and edit";
  }

  @Override
  public int run(DedupConfig config, PrintStream out, PrintStream log) throws IOException {
    return run(config, PairStages.LOCAL, out, log);
  }

  /** The benchmark with the finder's pair stages run by {@code stages} (an engine's). */
  public static int run(DedupConfig config, PairStages stages, PrintStream out, PrintStream log)
      throws IOException {
    int[] plots = new int[1];
    DedupBench.Result bench = RunLifecycle.run(new DedupBench(config, log, stages),
        new ListedReport<DedupBench.Result>((folder, r) -> plots[0] = DedupBenchPlots.write(r).size()),
        log);
    out.print(bench.summary());
    out.println("results: " + bench.csv());
    out.println("plots:   " + plots[0] + " files in " + bench.folder().path());
    return 0;
  }
}
