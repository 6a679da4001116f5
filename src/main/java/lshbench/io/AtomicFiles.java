package lshbench.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Whole-file writes that a reader never sees half-done: write a temporary file in the same
 * folder, then rename it over the target (atomic on one file system).
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Something that writes a file's content. */
  @FunctionalInterface
  public interface Body {
    void write(Path tmp) throws IOException;
  }

  /** Lets {@code body} fill a temporary file, then moves it to {@code target}. */
  public static void write(Path target, Body body) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      body.write(tmp);
      readableByAll(tmp);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Temporary files are created owner-only; results and caches are meant to be shared. */
  private static void readableByAll(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: keep the default
    }
  }

  public static void writeString(Path target, String text) throws IOException {
    write(target, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
  }

  /** Text written through a {@link Writer}. */
  public static void writeText(Path target, TextBody body) throws IOException {
    write(target, tmp -> {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        body.write(w);
      }
    });
  }

  /** Something that writes text. */
  @FunctionalInterface
  public interface TextBody {
    void write(Writer out) throws IOException;
  }
}
