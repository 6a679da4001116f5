package lshbench.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void aLogGetsTheFirstAndLastLineNotOneAStep() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Progress p = new Progress("sweep", 1000, out);
    for (int i = 0; i < 1000; i++) {
      p.step("config " + i);
    }
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertTrue(lines.length <= 3, "at most a line every few seconds: " + lines.length);
    assertTrue(lines[0].startsWith("[sweep] 1/1000"), lines[0]);
    assertTrue(lines[lines.length - 1].startsWith("[sweep] 1000/1000 100%"), lines[lines.length - 1]);
    assertTrue(lines[lines.length - 1].contains("config 999") && lines[0].contains("ETA"));
  }

  @Test
  void countsARateOnlyOverThisProcesssWork() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Progress p = new Progress("embed", 100, 90, "images", out);
    p.at(100, "");
    String line = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(line.startsWith("[embed] 100/100 images 100%"), line);
    assertTrue(line.contains(" images/s"), line);
  }

  @Test
  void aCapturedStreamIsNeverABar() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Progress p = new Progress("x", 2, out);
    p.close(); // no bar: nothing to finish
    assertEquals("1:01:01", Progress.clock(3661));
    assertEquals("2:05", Progress.clock(125));
  }
}
