package lshbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import lshbench.experiment.RunLifecycle;
import lshbench.experiment.SweepConfig;
import lshbench.experiment.Tuner;
import lshbench.report.SweepReport;

/** The auto-tuner: the cheapest configuration of the listed families that reaches a recall. */
final class TuneExperiment extends VectorExperiment {
  /** Exit code when no configuration reached the target: the run is complete, the answer no. */
  static final int NO_RECOMMENDATION = 3;

  @Override
  public String type() {
    return SweepConfig.TUNE;
  }

  @Override
  public String summary() {
    return "auto-tuner: theory ranks (k, L) per family, multi-probe by binary search, the best "
        + "confirmed with fresh seeds";
  }

  @Override
  public int run(SweepConfig config, PrintStream out, PrintStream log) throws IOException {
    Tuner.Outcome tuned = RunLifecycle.run(new Tuner(config, log),
        new CsvReport<>(Tuner.Outcome::csv), log);
    out.print(Files.readString(tuned.folder().resolve("tune.txt")));
    out.println("results: " + tuned.csv());
    out.println("summary: " + tuned.folder().resolve(SweepReport.SUMMARY));
    return tuned.recommended() == null ? NO_RECOMMENDATION : 0;
  }
}
