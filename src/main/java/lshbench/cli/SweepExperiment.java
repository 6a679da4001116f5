package lshbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import lshbench.experiment.RunLifecycle;
import lshbench.experiment.SweepConfig;
import lshbench.experiment.SweepRunner;
import lshbench.report.SweepReport;

/** The k × L (× probes) grid of every listed family against the exact scan. */
final class SweepExperiment extends VectorExperiment {
  @Override
  public String type() {
    return SweepConfig.SWEEP;
  }

  @Override
  public String summary() {
    return "k × L (× probes) grid of every listed index family against the exact scan: CSV, "
        + "plots, summary, HTML page";
  }

  @Override
  public int run(SweepConfig config, PrintStream out, PrintStream log) throws IOException {
    SweepRunner.Result result = RunLifecycle.run(new SweepRunner(config, log),
        new CsvReport<>(SweepRunner.Result::csv), log);
    if (config.resume() != null) {
      out.println("resumed: " + result.reused() + " configurations kept from the killed run, "
          + result.computed() + " computed now");
    }
    out.println("results: " + result.csv());
    out.println("summary: " + result.folder().resolve(SweepReport.SUMMARY));
    out.println("plots:   " + result.folder().path().resolve("*.png / *.svg"));
    return 0;
  }
}
