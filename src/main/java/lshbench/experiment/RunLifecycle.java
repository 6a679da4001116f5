package lshbench.experiment;

import java.io.IOException;
import java.io.PrintStream;

/**
 * The one way a run goes: check the results folder is writable, load (every refusal happens
 * here), create the folder, compute, report, and only then mark it {@code complete}. Any
 * failure after the folder exists marks it {@code failed: reason} and is rethrown, so a reader
 * never takes an interrupted run, or one whose report is missing, for a finished one.
 */
public final class RunLifecycle {
  private RunLifecycle() {}

  /** Draws a computed run's summary, plots and page; lives above this package, so passed in. */
  @FunctionalInterface
  public interface Report<R> {
    void write(RunFolder folder, R result) throws IOException;

    /**
     * Called once the folder says {@code complete}: redraws what shows the status (the run's
     * page, the listing of runs). Its failure is reported but leaves the run complete, since
     * every output exists and the pages are rebuilt from the files by any later run.
     */
    default void completed(RunFolder folder) throws IOException {}

    /** No report: for tests and programmatic use that read the data files themselves. */
    static <R> Report<R> none() {
      return (folder, result) -> { };
    }
  }

  public static <R> R run(RunPlan<R> plan, Report<? super R> report, PrintStream log)
      throws IOException {
    RunFolder.checkWritable(plan.writableTarget());
    plan.load();
    RunFolder folder = plan.open();
    R result;
    try {
      result = plan.compute(folder);
      report.write(folder, result);
      folder.status("complete");
    } catch (IOException | RuntimeException e) {
      folder.fail(e);
      throw e;
    }
    try {
      report.completed(folder);
    } catch (IOException | RuntimeException e) {
      log.println("warning: " + folder.path() + " is complete, but its page still shows it "
          + "running (" + e.getMessage() + "); the next run rebuilds it");
    }
    return result;
  }
}
