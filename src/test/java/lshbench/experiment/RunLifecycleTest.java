package lshbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one way a run goes: refusals before a folder, complete only after the report. */
class RunLifecycleTest {
  @TempDir
  Path dir;

  private final List<String> steps = new ArrayList<>();
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);

  /** A plan that records its steps and fails where it is told to. */
  private RunPlan<String> plan(String failIn) {
    return new RunPlan<>() {
      @Override
      public Path writableTarget() {
        return dir.resolve("results");
      }

      @Override
      public void load() {
        steps.add("load");
        if (failIn.equals("load")) {
          throw new IllegalArgumentException("bad setting");
        }
      }

      @Override
      public RunFolder open() throws IOException {
        steps.add("open");
        return RunFolder.create(writableTarget(), "t", log, "test");
      }

      @Override
      public String compute(RunFolder folder) throws IOException {
        steps.add("compute");
        if (failIn.equals("nothing written")) {
          throw new IOException("no libtorch for this platform");
        }
        Files.writeString(folder.resolve("data.csv"), "a,b\n");
        if (failIn.equals("compute")) {
          throw new IOException("disk full\nreally");
        }
        return "data";
      }
    };
  }

  private RunLifecycle.Report<String> report(String failIn) {
    return new RunLifecycle.Report<>() {
      @Override
      public void write(RunFolder folder, String result) throws IOException {
        steps.add("report:" + Files.readString(folder.resolve(RunFolder.STATUS)).trim());
        if (failIn.equals("report")) {
          throw new IOException("summary.txt: no space left");
        }
      }

      @Override
      public void completed(RunFolder folder) throws IOException {
        steps.add("completed:" + Files.readString(folder.resolve(RunFolder.STATUS)).trim());
        if (failIn.equals("completed")) {
          throw new IOException("index.html: no space left");
        }
      }
    };
  }

  private String status() throws IOException {
    try (var runs = Files.list(dir.resolve("results"))) {
      Path folder = runs.filter(Files::isDirectory).findFirst().orElseThrow();
      return Files.readString(folder.resolve(RunFolder.STATUS)).trim();
    }
  }

  @Test
  void theReportIsWrittenWhileRunningAndCompleteComesAfterIt() throws IOException {
    assertEquals("data", RunLifecycle.run(plan(""), report(""), log));
    assertEquals(List.of("load", "open", "compute", "report:running", "completed:complete"), steps);
    assertEquals("complete", status());
  }

  @Test
  void aRefusalInLoadLeavesNoFolder() throws IOException {
    assertThrows(IllegalArgumentException.class, () -> RunLifecycle.run(plan("load"), report(""), log));
    assertEquals(List.of("load"), steps);
    try (var runs = Files.list(dir.resolve("results"))) {
      assertEquals(0, runs.count(), "only the writable check touched results/");
    }
  }

  @Test
  void aFailedComputeOrReportMarksTheFolderFailedOnOneLine() throws IOException {
    assertThrows(IOException.class, () -> RunLifecycle.run(plan("compute"), report(""), log));
    assertEquals("failed: disk full really", status());
    assertFalse(steps.stream().anyMatch(s -> s.startsWith("report")), "no report of a failed run");
  }

  @Test
  void aRunThatFailsBeforeWritingAnythingLeavesNoFolder() throws IOException {
    assertThrows(IOException.class, () -> RunLifecycle.run(plan("nothing written"), report(""), log));
    try (var runs = Files.list(dir.resolve("results"))) {
      assertEquals(0, runs.count(), "a folder holding only status is no run");
    }
    assertTrue(logged.toString(StandardCharsets.UTF_8).contains("removed the empty run folder"));
  }

  @Test
  void aFailedReportIsAFailedRun() throws IOException {
    assertThrows(IOException.class, () -> RunLifecycle.run(plan(""), report("report"), log));
    assertEquals("failed: summary.txt: no space left", status());
  }

  @Test
  void aFailedRedrawAfterCompleteIsAWarningNotAFailure() throws IOException {
    assertEquals("data", RunLifecycle.run(plan(""), report("completed"), log));
    assertEquals("complete", status());
    assertTrue(logged.toString(StandardCharsets.UTF_8).contains("warning: "), logged.toString());
  }
}
