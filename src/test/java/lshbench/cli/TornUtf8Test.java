package lshbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import lshbench.family.FamilyRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A text file cut inside a multi-byte character was "error: Input length = 1", naming nothing. */
class TornUtf8Test {
  @TempDir
  Path dir;

  private String[] run(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new Cli(dir, FamilyRegistry.standard()).run(args,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {Integer.toString(code), err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void aTornByteInAnExperimentFileIsOneLineNamingIt() throws Exception {
    Path file = dir.resolve("torn.properties");
    Files.write(file, "type = sweep\ndescription = caf\u00e9".getBytes(StandardCharsets.UTF_8));
    byte[] b = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(b, b.length - 1)); // cut é after its first byte
    String[] r = run("torn");
    assertEquals("2", r[0], r[1]);
    assertTrue(r[1].startsWith("error: " + file + ": not UTF-8 text"), r[1]);
    assertEquals(1, r[1].strip().lines().count(), r[1]);
  }

  @Test
  void aTornByteInAVectorFileIsOneLineNamingIt() throws Exception {
    Files.writeString(dir.resolve("vec.properties"), "type = sweep\n");
    Path tsv = dir.resolve("v.tsv");
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      s.append(i).append('\t').append(i % 7).append('\n');
    }
    byte[] text = s.toString().getBytes(StandardCharsets.UTF_8);
    byte[] torn = java.util.Arrays.copyOf(text, text.length + 1);
    torn[text.length] = (byte) 0xC3;
    Files.write(tsv, torn);
    String[] r = run("vec", "dataset=" + tsv, "queries=5", "results.dir=" + dir.resolve("r"),
        "cache.dir=" + dir.resolve("c"));
    assertEquals("2", r[0], r[1]);
    String last = r[1].strip().lines().reduce((a, b) -> b).orElse("");
    assertTrue(last.startsWith("error: " + tsv + ": not UTF-8 text"), r[1]);
  }
}
