package lshbench.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import lshbench.io.AtomicFiles;

/**
 * {@code results/<experiment>-<yyyyMMdd-HHmmss>/}: one folder per run, never reused. Carries a
 * {@code status} file (running / complete / failed: reason) so readers can tell a finished
 * run from a killed one, and a lock ({@code .lock}) held while a process works in it, so a
 * resume cannot write into a run that is still alive.
 */
public final class RunFolder {
  public static final String STATUS = "status";
  /** Locked (an OS file lock, gone with the process) while a run works in the folder. */
  static final String LOCK = ".lock";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

  private final Path path;
  private FileChannel lock;

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
        folder.lock();
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
    f.lock();
    f.status("running");
    return f;
  }

  /**
   * Takes the folder's lock, or refuses when another process (or this one) holds it: a run
   * still alive must not be resumed beside itself. The OS drops the lock when its process
   * dies, however it dies, so a killed run never leaves a stale lock.
   */
  private void lock() throws IOException {
    Path file = path.resolve(LOCK);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock held;
    try {
      held = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      held = null;
    }
    if (held == null) {
      channel.close();
      throw new IOException("resume: " + path + " is in use by a running process"
          + holder(file) + "; wait for it or stop it first");
    }
    lock = channel;
    try {
      // who holds it, for the refusal above; a full disk only loses this hint
      channel.truncate(0);
      channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
          .getBytes(StandardCharsets.US_ASCII)));
    } catch (IOException e) {
      // the lock itself is held; the pid is a courtesy
    }
  }

  private static String holder(Path lockFile) {
    try {
      String pid = Files.readString(lockFile, StandardCharsets.US_ASCII).trim();
      return pid.isEmpty() ? "" : " (pid " + pid + ")";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** Lets the folder go: a later resume in this process or another may take it. */
  public void release() {
    if (lock != null) {
      try {
        lock.close();
      } catch (IOException e) {
        // closing drops the lock whatever the error; nothing is lost
      }
      lock = null;
    }
  }

  public Path path() {
    return path;
  }

  /**
   * Deletes the folder when it holds nothing but its status and lock, so a run that failed
   * before writing anything leaves no folder to mistake for a run; returns whether it did.
   * Call after {@link #release()}.
   */
  public boolean removeIfEmpty() throws IOException {
    try (var files = Files.list(path)) {
      if (files.anyMatch(f -> !f.getFileName().toString().equals(STATUS)
          && !f.getFileName().toString().equals(LOCK))) {
        return false;
      }
    }
    Files.deleteIfExists(path.resolve(STATUS));
    Files.deleteIfExists(path.resolve(LOCK));
    Files.delete(path);
    return true;
  }

  public Path resolve(String name) {
    return path.resolve(name);
  }

  /** Marks the folder failed, with the reason on one line. */
  public void fail(Throwable e) throws IOException {
    status(failure(e));
  }

  /** {@code failed: reason}, on one line. */
  static String failure(Throwable e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return "failed: " + reason.replace('\n', ' ').replace('\r', ' ');
  }

  /**
   * Writes the status atomically; when that fails (a full disk has no room for the temporary
   * copy), overwrites the file in place, which needs no new block: a failed run must still say
   * so rather than keep {@code running} or {@code complete}.
   */
  public void status(String status) throws IOException {
    Path file = path.resolve(STATUS);
    try {
      AtomicFiles.writeString(file, status + "\n");
    } catch (IOException e) {
      try {
        Files.writeString(file, status + "\n", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
      } catch (IOException again) {
        e.addSuppressed(again);
        throw e;
      }
    }
  }
}
