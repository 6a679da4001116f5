package lshbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: a tiny real run, and refusals as one line with a non-zero code. */
class MainTest {
  @TempDir
  Path dir;

  private record Outcome(int code, String out, String err) {}

  private Outcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theDefaultExperimentRunsEndToEndOnATinyGrid() throws Exception {
    Outcome o = run("sweep", "synthetic.shape=8x30", "synthetic.dim=48", "synthetic.latent=8", "k=4,8", "L=1,4",
        "queries=40", "warmup=2", "warmup.ms=0", "results.dir=" + dir.resolve("results"),
        "cache.dir=" + dir.resolve("cache"));
    assertEquals(0, o.code(), o.err());
    // 4 configurations × 5 timing rounds, counted round by round
    assertTrue(o.err().contains("[sweep] 20/20 100%"), "progress lines: " + o.err());
    assertTrue(o.err().contains("round 5/5") && o.err().contains("ETA"), o.err());
    try (var runs = Files.list(dir.resolve("results"))) {
      Path folder = runs.filter(Files::isDirectory).findFirst().orElseThrow(); // beside results/index.html
      for (String f : new String[] {"results.csv", "summary.txt", "run.json", "knn-recall-vs-time.png",
          "label-recall-vs-time.svg", "heatmap-query-time.png"}) {
        assertTrue(Files.size(folder.resolve(f)) > 0, f);
      }
      assertEquals("complete\n", Files.readString(folder.resolve("status")));
      assertFalse(Files.readString(folder.resolve("index.html")).contains("Run status"),
          "the page is drawn again once the run is complete");
    }
  }

  @Test
  void anUnwritableResultsFolderIsRefusedBeforeAnyWork() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    Outcome o = run("sweep", "results.dir=" + file.resolve("results"), "cache.dir=" + dir.resolve("c"));
    assertEquals(2, o.code());
    assertTrue(o.err().startsWith("error: results.dir: cannot write in " + file.resolve("results")), o.err());
    assertFalse(o.err().contains("generating"), "refused before the dataset is made: " + o.err());
  }

  @Test
  void refusalsAreOneLineWithoutStackTraces() {
    String[][] cases = {
      {"no-such-experiment"},
      {"sweep", "k=0"},
      {"sweep", "L=1,0"},
      {"sweep", "k="},
      {"sweep", "kk=4"},
      {"sweep", "dataset=" + dir.resolve("missing.fvecs")},
      {"sweep", "synthetic.shape=3x3", "synthetic.dim=8", "synthetic.latent=2", "queries=9"},
      {"sweep", "synthetic.dim=8", "synthetic.latent=9"},
    };
    for (String[] given : cases) {
      String[] args = java.util.Arrays.copyOf(given, given.length + 2);
      args[given.length] = "results.dir=" + dir.resolve("results");
      args[given.length + 1] = "cache.dir=" + dir.resolve("cache");
      Outcome o = run(args);
      assertEquals(2, o.code(), String.join(" ", args) + ": " + o.err());
      assertEquals(1, o.err().lines().filter(l -> l.startsWith("error: ")).count(),
          "one error line for " + String.join(" ", given) + ":\n" + o.err());
      assertFalse(o.err().contains("run folder"), "refused before a run folder is made: " + o.err());
      assertFalse(o.err().contains("\tat "), o.err());
    }
  }

  @Test
  void zeroVectorsUnderCosineAreRefusedNamingTheFirst() throws Exception {
    // zero vectors stay zero when normalised, and every query then finds them at distance 1
    int n = 100;
    int d = 8;
    float[] v = new float[n * d];
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    java.util.Arrays.fill(v, 37 * d, 38 * d, 0f);
    java.util.Arrays.fill(v, 60 * d, 61 * d, 0f);
    String[] ids = new String[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "item-" + i;
      labels[i] = i % 4;
    }
    Path file = dir.resolve("with-zeros.lshv");
    lshbench.data.VectorFile.write(new lshbench.data.Dataset(v, d, labels,
        new String[] {"a", "b", "c", "e"}, ids,
        new lshbench.data.Provenance("test", "none", "two zero rows", false)), file);
    String[] common = {"dataset=" + file, "k=2,4", "L=1,2", "queries=20", "warmup=1",
        "warmup.ms=0", "results.dir=" + dir.resolve("results"), "cache.dir=" + dir.resolve("cache")};

    Outcome cosine = run(concat(new String[] {"sweep", "metric=cosine"}, common));
    assertEquals(2, cosine.code(), cosine.err());
    java.util.List<String> errors = cosine.err().lines().filter(l -> l.startsWith("error: ")).toList();
    assertEquals(1, errors.size(), cosine.err());
    assertTrue(errors.get(0).contains("item 37 (item-37) is an all-zero vector")
        && errors.get(0).contains("2 such items"), errors.get(0));
    assertFalse(cosine.err().contains("run folder"), "refused before a run folder is made");

    Outcome euclidean = run(concat(new String[] {"sweep", "metric=euclidean"}, common));
    assertEquals(0, euclidean.code(), "zero vectors are ordinary points under L2: " + euclidean.err());
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void javaDashJarDefinesBecomeTheNameAndOverrides() {
    assertEquals(java.util.List.of("sweep", "k=4,8", "results.dir=out/r"), java.util.List.of(
        Main.javaArguments(new String[] {"-Dk=4,8", "-Dexperiment=sweep", "-Dresults.dir=out/r"})));
    assertEquals(java.util.List.of("tune", "queries=9"),
        java.util.List.of(Main.javaArguments(new String[] {"tune", "queries=9"})));
  }
}
