package lshbench.experiment;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One run of an experiment, cut at the points {@link RunLifecycle} needs: everything that can
 * be refused happens in {@link #load()}, before a run folder exists, so a bad setting never
 * leaves an empty folder behind, and a long load is never lost to an unwritable one.
 *
 * @param <R> what the run computed, handed to its report
 */
public interface RunPlan<R> {
  /** The folder that must be writable before any work: results.dir, or a resumed run folder. */
  Path writableTarget();

  /** Loads the data and checks every setting against it. */
  void load() throws IOException;

  /** Creates the run folder (or reopens a killed run's); it says {@code running}. */
  RunFolder open() throws IOException;

  /** Computes and writes the run's data files into {@code folder}. */
  R compute(RunFolder folder) throws IOException;

  /** Whether {@code -Dresume=<folder>} can finish a stopped run of this plan. */
  default boolean resumable() {
    return false;
  }
}
