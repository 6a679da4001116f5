package lshbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lshbench.config.ConfigException;
import lshbench.config.Key;
import lshbench.family.FamilyRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which keys an experiment takes, and the help made from the same lists. */
class CliTest {
  @Test
  void theLaunchersListOfDashDNamesIsReadLineByLine() {
    assertEquals(List.of("experiment", "description", "k"),
        Cli.CommandLineKeys.mavenKeys("experiment\ndescription\nk"));
    assertEquals(List.of(), Cli.CommandLineKeys.mavenKeys(""), "no -D given");
    assertEquals(List.of(), Cli.CommandLineKeys.mavenKeys(null), "not started by Maven");
  }

  @TempDir
  Path dir;

  private record Outcome(int code, String out, String err) {}

  private Outcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new Cli(Path.of("experiments"), FamilyRegistry.standard()).run(args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Outcome withHelp(String value, String... args) {
    System.setProperty("help", value);
    try {
      return run(args);
    } finally {
      System.clearProperty("help");
    }
  }

  @Test
  void aKeyAnotherExperimentReadsIsRefusedOnASweep() {
    Outcome o = run("sweep", "threshold=0.5", "results.dir=" + dir);
    assertEquals(2, o.code());
    assertEquals("error: -Dthreshold: unknown key; only dedup, dedup-bench experiments read it\n",
        o.err());
    assertEquals(List.of(), listing(dir), "nothing ran");
  }

  @Test
  void aMistypedDottedKeyIsRefusedWithTheNearest() {
    Outcome o = run("sweep", "model.pth=/x", "results.dir=" + dir);
    assertEquals(2, o.code());
    assertEquals("error: -Dmodel.pth: unknown key (did you mean 'model.path'?)\n", o.err());
  }

  @Test
  void mavenCommandLineKeysAreCheckedDottedOrNot() {
    Set<String> known = Set.of("k", "model.path");
    FamilyRegistry f = FamilyRegistry.standard();
    for (String typo : List.of("model.pth", "threshold", "kk")) {
      Cli.CommandLineKeys given = new Cli.CommandLineKeys(Map.of(), List.of("experiment", typo),
          false, false, true);
      ConfigException e = assertThrows(ConfigException.class, () -> given.overrides(known, f));
      assertTrue(e.getMessage().startsWith("-D" + typo + ": unknown key"), e.getMessage());
    }
    // Maven's and the JVM's own properties are not the user's keys.
    Cli.CommandLineKeys maven = new Cli.CommandLineKeys(Map.of(), List.of("experiment",
        "maven.repo.local", "skipTests", "lshbench.simd", "verbose", "help"), false, false, true);
    assertEquals(Map.of(), maven.overrides(known, f));
  }

  @Test
  void helpListsEveryExperimentAndRunsNothing() {
    Outcome o = withHelp("true");
    assertEquals(0, o.code(), o.err());
    for (String type : Experiments.types()) {
      assertTrue(o.out().contains("\n  " + type + " "), type + " listed:\n" + o.out());
    }
    assertTrue(o.out().contains("caltech101-families"), "experiment files listed");
    assertEquals("", o.err(), "nothing ran");
    assertEquals(o.out(), run("help").out(), "-Dexperiment=help says the same");
  }

  @Test
  void aTypeOnTheCommandLineWinsOverTheFiles() {
    Outcome o = withHelp("true", "compare-faiss-caltech101", "type=sweep");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().startsWith("compare-faiss-caltech101 is a sweep experiment"), o.out());
    assertTrue(withHelp("true", "compare-faiss-caltech101").out()
        .startsWith("compare-faiss-caltech101 is a compare experiment"), "the file's type otherwise");
  }

  @Test
  void helpForAnExperimentListsItsKeysWithDefaults() {
    Outcome o = withHelp("true", "caltech101");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().startsWith("caltech101 is a sweep experiment"), o.out());
    assertTrue(o.out().contains("  k "), o.out());
    assertTrue(o.out().contains("[here: 2,4,6,8,10,12,14,16,20,24]"), "the file's value shown");
    assertTrue(o.out().contains("crosspolytope.theory.samples"), "family keys too");
    assertFalse(o.out().contains("threshold"), "not the finder's keys");
  }

  @Test
  void theReadmeShowsTheSweepKeysAsHelpPrintsThem() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String table = withHelp("markdown", "sweep").out();
    assertTrue(readme.contains(table), "README's key table is out of date; regenerate it with "
        + "mvn -q exec:java -Dexperiment=sweep -Dhelp=markdown:\n" + table);
  }

  @Test
  void everyKeyHasAMeaningAndEveryTypeIsFound() {
    for (Experiment<?> e : Experiments.ALL) {
      assertEquals(e, Experiments.find(e.type()).orElseThrow());
      for (Key k : e.keys(FamilyRegistry.standard())) {
        assertFalse(k.meaning().isBlank(), e.type() + " " + k.name());
      }
    }
  }

  private static List<Path> listing(Path folder) {
    try (var s = Files.list(folder)) {
      return s.toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
