package lshbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import lshbench.experiment.RunFolder;
import lshbench.experiment.RunLifecycle;
import lshbench.report.RunIndex;

/**
 * A run's own report, then, once the run is complete, the list of runs ({@code results/index.html})
 * rebuilt so the run appears there: for the runs without a results.csv (dedup, dedup-bench),
 * whose pages are not drawn by {@link lshbench.report.HtmlReport}.
 */
final class ListedReport<R> implements RunLifecycle.Report<R> {
  private final RunLifecycle.Report<R> own;

  ListedReport(RunLifecycle.Report<R> own) {
    this.own = own;
  }

  @Override
  public void write(RunFolder folder, R result) throws IOException {
    own.write(folder, result);
  }

  @Override
  public void completed(RunFolder folder) throws IOException {
    own.completed(folder);
    Path results = folder.path().toAbsolutePath().getParent();
    if (results != null) {
      RunIndex.write(results);
    }
  }
}
