package lshbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk fills while the report is drawn: the run must say {@code failed: <file>: <reason>},
 * never {@code complete}, and {@code -Dresume} must then draw just the report. Needs a real
 * full file system, a tmpfs of a few hundred KB, so it runs as root (CI) and skips otherwise.
 */
class FullDiskTest {
  @TempDir
  Path dir;
  private Path mount;

  private static boolean sh(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  private record Outcome(int code, String out, String err) {}

  private static Outcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  @AfterEach
  void unmount() throws Exception {
    if (mount != null) {
      // lazy: a descriptor a failed run leaked must not leave the mount behind
      sh("umount", "-l", mount.toString());
    }
  }

  @Test
  void aFullDiskWhilePlottingFailsNamingTheFileAndResumeDrawsOnlyTheReport() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to mount a tmpfs");
    Path target = Files.createDirectory(dir.resolve("small"));
    assumeTrue(sh("mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", target.toString()),
        "mount -t tmpfs not available");
    mount = target;
    String[] args = {"sweep", "synthetic.shape=20x40", "synthetic.dim=64", "synthetic.latent=8",
        "k=4,8", "L=1,4", "queries=50", "warmup=2", "warmup.ms=0",
        "results.dir=" + target.resolve("results"), "cache.dir=" + dir.resolve("cache")};
    Outcome full = run(args);
    assertEquals(2, full.code(), full.err());
    Path folder;
    try (var runs = Files.list(target.resolve("results"))) {
      folder = runs.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    String status = Files.readString(folder.resolve("status")).strip();
    assertTrue(status.matches("failed: " + java.util.regex.Pattern.quote(folder.toString())
        + "/[\\w.-]+\\.(png|svg|txt|html): No space left on device"), status);
    assertTrue(full.err().contains("\nerror: " + folder + "/"), full.err());
    byte[] rows = Files.readAllBytes(folder.resolve("results.csv"));

    assertTrue(sh("mount", "-o", "remount,size=8m", target.toString()), "remount");
    String[] resume = java.util.Arrays.copyOf(args, args.length + 1);
    resume[args.length] = "resume=" + folder;
    Outcome resumed = run(resume);
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("resumed: 4 configurations kept from the killed run, 0 "
        + "computed now"), resumed.out());
    assertTrue(resumed.err().contains("only the report is drawn"), resumed.err());
    assertEquals("complete\n", Files.readString(folder.resolve("status")));
    for (String f : new String[] {"summary.txt", "knn-recall-vs-time.png",
        "label-recall-vs-time.svg", "heatmap-query-time.png", "cost-breakdown.svg",
        "index.html"}) {
      assertTrue(Files.size(folder.resolve(f)) > 0, f);
    }
    assertTrue(java.util.Arrays.equals(rows, Files.readAllBytes(folder.resolve("results.csv"))),
        "the data are kept as they were");
  }
}
