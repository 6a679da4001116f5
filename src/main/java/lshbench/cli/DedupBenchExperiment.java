package lshbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import lshbench.config.Key;
import lshbench.config.Settings;
import lshbench.experiment.DedupBench;
import lshbench.experiment.DedupConfig;
import lshbench.experiment.RunLifecycle;
import lshbench.family.FamilyRegistry;
import lshbench.report.DedupBenchPlots;

/** The finder's accuracy benchmark on generated copies of real images. */
final class DedupBenchExperiment implements Experiment<DedupConfig> {
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
  public List<Key> keys(FamilyRegistry families) {
    return DedupConfig.keys(type());
  }

  @Override
  public DedupConfig settings(Settings raw, FamilyRegistry families) {
    return DedupConfig.from(raw);
  }

  @Override
  public int run(DedupConfig config, PrintStream out, PrintStream log) throws IOException {
    int[] plots = new int[1];
    DedupBench.Result bench = RunLifecycle.run(new DedupBench(config, log),
        (folder, r) -> plots[0] = DedupBenchPlots.write(r).size(), log);
    out.print(bench.summary());
    out.println("results: " + bench.csv());
    out.println("plots:   " + plots[0] + " files in " + bench.folder().path());
    return 0;
  }
}
