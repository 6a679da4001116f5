package lshbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import lshbench.experiment.RunFolder;
import lshbench.experiment.RunLifecycle;
import lshbench.report.HtmlReport;
import lshbench.report.SweepReport;

/**
 * The report of a run that writes {@code results.csv} (sweep, tune, and the sweep on another
 * engine): summary, plots and page before the run is complete, the page (which shows the
 * status) drawn again after.
 */
public final class CsvReport<R> implements RunLifecycle.Report<R> {
  private final Function<R, Path> csv;

  public CsvReport(Function<R, Path> csv) {
    this.csv = csv;
  }

  @Override
  public void write(RunFolder folder, R result) throws IOException {
    SweepReport.write(folder.path(), csv.apply(result));
  }

  @Override
  public void completed(RunFolder folder) throws IOException {
    HtmlReport.write(folder.path());
  }
}
