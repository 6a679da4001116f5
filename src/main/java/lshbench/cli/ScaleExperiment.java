package lshbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;
import lshbench.config.Key;
import lshbench.config.Settings;
import lshbench.experiment.RunFolder;
import lshbench.experiment.RunLifecycle;
import lshbench.experiment.ScaleRunner;
import lshbench.experiment.SweepConfig;
import lshbench.family.FamilyRegistry;
import lshbench.report.ScalePlots;

/** The tuner at growing prefixes of one dataset: how query time grows with n. */
final class ScaleExperiment implements Experiment<SweepConfig> {
  @Override
  public String type() {
    return SweepConfig.SCALE;
  }

  @Override
  public String summary() {
    return "the tuner at growing dataset sizes (scale.n): exact scan vs best LSH, memory per item";
  }

  @Override
  public List<Key> keys(FamilyRegistry families) {
    return SweepConfig.keys(type(), families);
  }

  @Override
  public SweepConfig settings(Settings raw, FamilyRegistry families) {
    return SweepConfig.from(raw, families);
  }

  @Override
  public int run(SweepConfig config, PrintStream out, PrintStream log) throws IOException {
    RunFolder folder = RunLifecycle.run(new ScaleRunner(config, log),
        (f, r) -> ScalePlots.write(f.path()), log);
    out.print(Files.readString(folder.resolve(ScalePlots.TABLE)));
    out.println("results: " + folder.resolve(ScaleRunner.FILE));
    out.println("plots:   " + folder.resolve("scale-time.png") + ", scale-memory.png");
    return 0;
  }
}
