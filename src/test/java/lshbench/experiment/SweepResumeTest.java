package lshbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lshbench.config.ConfigException;
import lshbench.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A killed sweep resumes without recomputing finished configurations. */
class SweepResumeTest {
  @TempDir
  Path dir;

  private static SweepRunner.Result run(Map<String, String> settings) throws IOException {
    return new SweepRunner(SweepConfig.from(Settings.of("tiny", settings)),
        new PrintStream(new ByteArrayOutputStream())).run();
  }

  /** Turns a finished run into what SIGKILL leaves: some rows, a torn line, status running. */
  private static void kill(Path folder, int keepRows) throws IOException {
    List<String> lines = Files.readAllLines(folder.resolve(ResultsCsv.FILE));
    String torn = lines.get(keepRows + 1).substring(0, lines.get(keepRows + 1).length() / 2);
    Files.write(folder.resolve(ResultsCsv.PARTIAL), lines.subList(0, keepRows + 1));
    Files.writeString(folder.resolve(ResultsCsv.PARTIAL), torn,
        java.nio.file.StandardOpenOption.APPEND);
    Files.delete(folder.resolve(ResultsCsv.FILE));
    Files.writeString(folder.resolve(RunFolder.STATUS), "running\n");
  }

  @Test
  void resumedRunRecomputesOnlyUnfinishedConfigurationsAndEqualsAnUninterruptedOne()
      throws IOException {
    Map<String, String> settings = SweepDeterminismTest.tiny(dir);
    SweepRunner.Result whole = run(settings);
    SweepRunner.Result killed = run(settings);
    kill(killed.folder().path(), 5);

    settings.put("resume", killed.folder().path().toString());
    SweepRunner.Result resumed = run(settings);
    assertEquals(killed.folder().path(), resumed.folder().path());
    assertEquals(5, resumed.reused());
    assertEquals(12 - 5, resumed.computed());
    assertEquals(SweepDeterminismTest.rowsWithoutTiming(whole.csv()),
        SweepDeterminismTest.rowsWithoutTiming(resumed.csv()));
    assertEquals("complete\n", Files.readString(resumed.folder().resolve(RunFolder.STATUS)));

    IOException again = assertThrows(IOException.class, () -> run(settings));
    assertTrue(again.getMessage().endsWith("is already complete"), again.getMessage());
  }

  /** What a kill can leave: rows, then the next row cut at {@code cut} characters, no newline. */
  private static void killAt(Path folder, int keepRows, java.util.function.ToIntFunction<String> cut)
      throws IOException {
    List<String> lines = Files.readAllLines(folder.resolve(ResultsCsv.FILE));
    String next = lines.get(keepRows + 1);
    Files.write(folder.resolve(ResultsCsv.PARTIAL), lines.subList(0, keepRows + 1));
    Files.writeString(folder.resolve(ResultsCsv.PARTIAL), next.substring(0,
        cut.applyAsInt(next)), java.nio.file.StandardOpenOption.APPEND);
    Files.delete(folder.resolve(ResultsCsv.FILE));
    Files.writeString(folder.resolve(RunFolder.STATUS), "running\n");
  }

  private void assertResumeEqualsWholeRun(java.util.function.ToIntFunction<String> cut)
      throws IOException {
    Map<String, String> settings = SweepDeterminismTest.tiny(dir);
    settings.put("repeats", "1");
    SweepRunner.Result whole = run(settings);
    SweepRunner.Result killed = run(settings);
    killAt(killed.folder().path(), 3, cut);

    settings.put("resume", killed.folder().path().toString());
    SweepRunner.Result resumed = run(settings);
    assertEquals(3, resumed.reused());
    assertEquals(6 - 3, resumed.computed());
    assertEquals(SweepDeterminismTest.rowsWithoutTiming(whole.csv()),
        SweepDeterminismTest.rowsWithoutTiming(resumed.csv()));
    assertEquals("complete\n", Files.readString(resumed.folder().resolve(RunFolder.STATUS)));
  }

  @Test
  void aRowTornInsideTheQuotedProvenanceIsRecomputed() throws IOException {
    assertResumeEqualsWholeRun(row -> {
      int quote = row.indexOf('"');
      assertTrue(quote > 0 && row.indexOf('"', quote + 1) > quote + 10, row);
      return quote + 10;
    });
  }

  @Test
  void aLastRowWithItsFinalDigitsCutAndNoNewlineIsRecomputed() throws IOException {
    assertResumeEqualsWholeRun(row -> {
      // every column present, the last number shortened: it must not be taken as finished
      assertTrue(Character.isDigit(row.charAt(row.length() - 1)), row);
      return row.length() - 3;
    });
  }

  @Test
  void aResumeWithDifferentSettingsIsRefusedByKey() throws IOException {
    Map<String, String> settings = SweepDeterminismTest.tiny(dir);
    SweepRunner.Result killed = run(settings);
    kill(killed.folder().path(), 2);
    settings.put("resume", killed.folder().path().toString());
    settings.put("k", "2,6");
    ConfigException e = assertThrows(ConfigException.class, () -> run(settings));
    assertTrue(e.getMessage().startsWith("resume: k was [2, 6, 10] in "), e.getMessage());
  }
}
