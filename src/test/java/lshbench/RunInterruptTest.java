package lshbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep in another process: resuming it while it is alive is refused (the run-folder lock),
 * SIGTERM leaves {@code failed: interrupted (resume with -Dresume=<folder>)}, and the resume
 * then finishes it with its grid-cost.csv.
 */
// End to end (real images through libtorch, or a child JVM killed mid-run): tens of seconds
// under load, so left out of mvn verify and run by .ci/run (-Dgroups=slow).
@Tag("slow")
class RunInterruptTest {
  @TempDir
  Path dir;

  private record Outcome(int code, String out, String err) {}

  private static Outcome run(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aLiveRunIsNotResumedAndSigtermLeavesAResumableFailure() throws Exception {
    // A family's rows are written once its timing rounds end: the first family's rows appear
    // quickly, and the second family's 60 configurations × 20 rounds keep the run alive for
    // seconds, so the kill lands between the two.
    List<String> args = List.of("sweep", "synthetic.shape=10x200", "synthetic.dim=64",
        "synthetic.latent=8", "families=hyperplane-fht, hyperplane", "k=2,4,6,8", "L=1,2",
        "hyperplane.k=2-16", "hyperplane.L=1,2,4,8", "timing.rounds=20", "queries=100",
        "warmup=2", "results.dir=" + dir.resolve("results"), "cache.dir=" + dir.resolve("cache"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules=jdk.incubator.vector", "-Xmx512m", "-cp",
        System.getProperty("java.class.path"), "lshbench.Main"));
    command.addAll(args);
    Process child = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("child.log").toFile()).start();
    try {
      Path folder = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (System.nanoTime() < deadline) {
        folder = running(dir.resolve("results"));
        if (folder != null) {
          break;
        }
        assertTrue(child.isAlive(), () -> "child ended early: " + log());
        Thread.sleep(100);
      }
      assertTrue(folder != null, () -> "no configuration finished in time: " + log());

      List<String> resume = new ArrayList<>(args);
      resume.add("resume=" + folder);
      Outcome refused = run(resume);
      assertEquals(2, refused.code(), refused.err());
      assertTrue(refused.err().contains("error: resume: " + folder
          + " is in use by a running process (pid " + child.pid() + ")"), refused.err());
      assertTrue(child.isAlive(), "the refusal did not disturb the live run");

      child.destroy(); // SIGTERM
      assertTrue(child.waitFor(60, TimeUnit.SECONDS));
      assertEquals("failed: interrupted (resume with -Dresume=" + folder + ")\n",
          Files.readString(folder.resolve("status")), this::log);

      Outcome resumed = run(resume);
      assertEquals(0, resumed.code(), resumed.err());
      assertEquals("complete\n", Files.readString(folder.resolve("status")));
      List<String> cost = Files.readAllLines(folder.resolve("grid-cost.csv"));
      assertEquals(3, cost.size(), "header and one line a family: " + cost);
      assertTrue(cost.stream().anyMatch(l -> l.startsWith("hyperplane-fht,8,")), cost.toString());
      assertTrue(cost.stream().anyMatch(l -> l.startsWith("hyperplane,60,")), cost.toString());
    } finally {
      child.destroyForcibly();
    }
  }

  /** The run folder once its first configuration is written, else null. */
  private static Path running(Path results) throws Exception {
    if (!Files.isDirectory(results)) {
      return null;
    }
    try (var runs = Files.list(results)) {
      for (Path f : runs.filter(Files::isDirectory).toList()) {
        Path partial = f.resolve("results.csv.partial");
        if (Files.isRegularFile(partial) && Files.readAllLines(partial).size() >= 3) {
          return f;
        }
      }
    }
    return null;
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("child.log"));
    } catch (Exception e) {
      return "(no log: " + e + ")";
    }
  }
}
