package lshbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import lshbench.experiment.RunFolder;
import lshbench.experiment.RunLifecycle;
import lshbench.experiment.ScaleRunner;
import lshbench.experiment.SweepConfig;
import lshbench.report.ScalePlots;

/** The tuner at growing prefixes of one dataset: how query time grows with n. */
final class ScaleExperiment extends VectorExperiment {
  @Override
  public String type() {
    return SweepConfig.SCALE;
  }

  @Override
  public String summary() {
    return "the tuner at growing dataset sizes (scale.n): exact scan vs best LSH, memory per item";
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
