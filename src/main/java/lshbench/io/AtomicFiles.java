package lshbench.io;

import java.io.IOException;
import java.io.UncheckedIOException;
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

  /**
   * Lets {@code body} fill a temporary file, then moves it to {@code target}. A failure is an
   * {@link IOException} whose message is {@code <target>: <reason>}, the reason being the
   * innermost cause's ("No space left on device"), however deep a library wrapped it: the
   * user learns which file is missing, and the old file, if any, is left as it was.
   */
  public static void write(Path target, Body body) throws IOException {
    Path tmp = null;
    try {
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      body.write(tmp);
      readableByAll(tmp);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | UncheckedIOException e) {
      throw failed(target, e);
    } catch (RuntimeException e) {
      // libraries (XML and image encoders) wrap an I/O error in their own unchecked exception
      if (innermost(e) instanceof IOException) {
        throw failed(target, e);
      }
      throw e;
    } finally {
      if (tmp != null) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** {@code <target>: <innermost reason>}, unless the message already starts with the file. */
  static IOException failed(Path target, Exception e) {
    if (e instanceof IOException io && io.getMessage() != null
        && io.getMessage().startsWith(target.toString() + ": ")) {
      return io;
    }
    Throwable root = innermost(e);
    String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    if (root instanceof java.nio.file.FileSystemException fse) {
      // its message names the temporary file; the target is the name the user knows
      reason = fse.getReason() != null ? fse.getReason() : fse.getClass().getSimpleName();
    }
    return new IOException(target + ": " + plain(reason), e);
  }

  /** Java class names that wrappers put in front of a message. */
  private static final java.util.regex.Pattern WRAPPER =
      java.util.regex.Pattern.compile("^(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ");

  /**
   * The reason as a person reads it: its first line, without the class names that wrappers
   * prefix ("org.xml.sax.SAXException: java.io.IOException: No space left on device").
   */
  static String plain(String reason) {
    String r = reason.strip();
    int nl = r.indexOf('\n');
    if (nl > 0) {
      r = r.substring(0, nl).strip();
    }
    for (java.util.regex.Matcher m = WRAPPER.matcher(r); m.find(); m = WRAPPER.matcher(r)) {
      r = r.substring(m.end());
    }
    return r.isEmpty() ? reason.replace('\n', ' ').replace('\r', ' ') : r;
  }

  private static Throwable innermost(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
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
