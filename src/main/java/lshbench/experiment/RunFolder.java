package lshbench.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import lshbench.io.AtomicFiles;

/**
 * {@code results/<experiment>-<yyyyMMdd-HHmmss>/}: one folder per run, never reused. Carries a
 * {@code status} file (running / complete / failed: reason) so readers can tell a finished
 * run from a killed one.
 */
public final class RunFolder {
  public static final String STATUS = "status";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

  private final Path path;

  private RunFolder(Path path) {
    this.path = path;
  }

  /**
   * Fails with one line when run folders cannot be made under {@code resultsDir}: called before
   * any work, so a long embedding is not lost to a read-only or missing results folder.
   */
  public static void checkWritable(Path resultsDir) throws IOException {
    try {
      Files.createDirectories(resultsDir);
      Path probe = Files.createTempFile(resultsDir, ".write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new IOException("results.dir: cannot write in " + resultsDir + " ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
          + ")");
    }
  }

  /** Creates a fresh folder; a second run in the same second gets a -2, -3 … suffix. */
  public static RunFolder create(Path resultsDir, String experiment, LocalDateTime now)
      throws IOException {
    try {
      Files.createDirectories(resultsDir);
    } catch (IOException e) {
      throw new IOException("results.dir: cannot create " + resultsDir + " (" + e.getMessage() + ")");
    }
    if (!Files.isWritable(resultsDir)) {
      throw new IOException("results.dir: " + resultsDir + " is not writable");
    }
    String base = experiment + "-" + STAMP.format(now);
    for (int attempt = 1; ; attempt++) {
      Path p = resultsDir.resolve(attempt == 1 ? base : base + "-" + attempt);
      try {
        Files.createDirectory(p);
        RunFolder folder = new RunFolder(p);
        folder.status("running");
        return folder;
      } catch (FileAlreadyExistsException e) {
        // Never overwrite an earlier run: try the next suffix.
      }
    }
  }

  /** A fresh folder for a run starting now, announced on the run's log as {@code [stage] …}. */
  public static RunFolder create(Path resultsDir, String experiment, PrintStream log, String stage)
      throws IOException {
    RunFolder folder = create(resultsDir, experiment, LocalDateTime.now());
    log.println("[" + stage + "] run folder " + folder.path());
    return folder;
  }

  /**
   * Reopens a killed or failed run to finish it. A complete run, or a folder that is not a
   * run, is refused.
   */
  public static RunFolder reopen(Path folder) throws IOException {
    Path status = folder.resolve(STATUS);
    if (!Files.isRegularFile(status)) {
      throw new IOException("resume: " + folder + " is not a run folder (no status file)");
    }
    String current = Files.readString(status).trim();
    if (current.equals("complete")) {
      throw new IOException("resume: " + folder + " is already complete");
    }
    RunFolder f = new RunFolder(folder);
    f.status("running");
    return f;
  }

  public Path path() {
    return path;
  }

  public Path resolve(String name) {
    return path.resolve(name);
  }

  /** Marks the folder failed, with the reason on one line. */
  public void fail(Throwable e) throws IOException {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    status("failed: " + reason.replace('\n', ' ').replace('\r', ' '));
  }

  public void status(String status) throws IOException {
    AtomicFiles.writeString(path.resolve(STATUS), status + "\n");
  }
}
