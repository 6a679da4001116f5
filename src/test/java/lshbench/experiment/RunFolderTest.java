package lshbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
  @TempDir
  Path dir;

  @Test
  void aFolderIsNeverReusedAndFailureIsOneLine() throws IOException {
    LocalDateTime now = LocalDateTime.of(2026, 1, 2, 3, 4, 5);
    RunFolder a = RunFolder.create(dir, "x", now);
    RunFolder b = RunFolder.create(dir, "x", now);
    assertNotEquals(a.path(), b.path());
    assertEquals("x-20260102-030405-2", b.path().getFileName().toString());

    assertEquals("running\n", Files.readString(a.resolve(RunFolder.STATUS)));
    b.fail(new IllegalStateException("two\nlines"));
    assertEquals("failed: two lines\n", Files.readString(b.resolve(RunFolder.STATUS)));
    b.fail(new NullPointerException());
    assertEquals("failed: NullPointerException\n", Files.readString(b.resolve(RunFolder.STATUS)));
  }

  /** A live run's folder is not resumed beside it; once it lets go, it is. */
  @Test
  void aLockedFolderIsNotReopenedUntilReleased() throws IOException {
    RunFolder live = RunFolder.create(dir, "x", LocalDateTime.of(2026, 1, 2, 3, 4, 5));
    live.status("failed: interrupted");
    IOException e = assertThrows(IOException.class, () -> RunFolder.reopen(live.path()));
    assertTrue(e.getMessage().startsWith("resume: " + live.path() + " is in use by a running "
        + "process (pid " + ProcessHandle.current().pid() + ")"), e.getMessage());
    assertEquals("failed: interrupted\n", Files.readString(live.resolve(RunFolder.STATUS)),
        "a refused resume leaves the status alone");
    live.release();
    RunFolder resumed = RunFolder.reopen(live.path());
    assertEquals("running\n", Files.readString(resumed.resolve(RunFolder.STATUS)));
    resumed.release();
  }
}
