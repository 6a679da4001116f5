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
    Interrupt interrupt = new Interrupt(folder, plan.resumable());
    boolean failed = true;
    try {
      R result;
      try {
        result = plan.compute(folder);
        report.write(folder, result);
        if (!interrupt.status("complete")) {
          throw new IOException("interrupted");
        }
      } catch (IOException | RuntimeException e) {
        interrupt.status(RunFolder.failure(e));
        throw e;
      }
      try {
        report.completed(folder);
      } catch (IOException | RuntimeException e) {
        log.println("warning: " + folder.path() + " is complete, but its page still shows it "
            + "running (" + e.getMessage() + "); the next run rebuilds it");
      }
      failed = false;
      return result;
    } finally {
      interrupt.disarm();
      folder.release();
      if (failed) {
        removeIfEmpty(folder, log);
      }
    }
  }

  private static void removeIfEmpty(RunFolder folder, PrintStream log) {
    try {
      if (folder.removeIfEmpty()) {
        log.println("[run] nothing was written; removed the empty run folder " + folder.path());
      }
    } catch (IOException e) {
      // the folder stays, marked failed: a reader still sees what happened
    }
  }

  /**
   * Marks the folder {@code failed: interrupted …} when the JVM is stopped (SIGTERM, Ctrl-C)
   * while the run works; a kill -9 cannot be caught, and leaves {@code running}. The run's own
   * status writes go through here too, so a stop racing the end never overwrites
   * {@code complete} nor is overwritten by it.
   */
  private static final class Interrupt extends Thread {
    private final RunFolder folder;
    private final String reason;
    private final Object lock = new Object();
    private boolean stopped;
    private boolean armed = true;

    Interrupt(RunFolder folder, boolean resumable) {
      super("lshbench-interrupt");
      this.folder = folder;
      this.reason = "interrupted" + (resumable
          ? " (resume with -Dresume=" + folder.path() + ")" : " (start it again)");
      Runtime.getRuntime().addShutdownHook(this);
    }

    @Override
    public void run() {
      synchronized (lock) {
        if (!armed) {
          return;
        }
        stopped = true;
        try {
          folder.status("failed: " + reason);
        } catch (IOException e) {
          System.err.println("error: " + folder.path() + ": cannot mark it interrupted ("
              + e.getMessage() + ")");
        }
      }
    }

    /** Writes {@code status} unless a stop already wrote its own; false when it had. */
    boolean status(String status) throws IOException {
      synchronized (lock) {
        if (stopped) {
          return false;
        }
        folder.status(status);
        return true;
      }
    }

    void disarm() {
      synchronized (lock) {
        armed = false;
      }
      try {
        Runtime.getRuntime().removeShutdownHook(this);
      } catch (IllegalStateException e) {
        // the JVM is already stopping: run() sees armed = false and leaves the status alone
      }
    }
  }
}
