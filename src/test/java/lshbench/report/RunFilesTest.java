package lshbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import lshbench.config.Settings;
import lshbench.experiment.SweepConfig;
import lshbench.experiment.SweepRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run.json as the page reads it: what the sweep wrote comes back unchanged, old files too. */
class RunFilesTest {
  /** Quotes, a backslash, a newline, a tab, accents and a symbol outside Latin-1. */
  static final String AWKWARD = "say \"hi\" C:\\runs\nsecond line\twith tab, é ☃ 𝄞";

  @TempDir
  Path dir;

  @Test
  void awkwardSettingsRoundTripThroughRunJson() throws IOException {
    Map<String, String> m = new HashMap<>();
    m.put("synthetic.shape", "6x30");
    m.put("synthetic.dim", "16");
    m.put("synthetic.latent", "4");
    m.put("k", "2");
    m.put("L", "1");
    m.put("queries", "20");
    m.put("warmup", "0");
    m.put("warmup.ms", "0");
    m.put("model.name", AWKWARD);
    m.put("results.dir", dir.resolve("results").toString());
    m.put("cache.dir", dir.resolve("cache").toString());
    SweepRunner.Result r = new SweepRunner(SweepConfig.from(Settings.of("awkward", m)),
        new PrintStream(OutputStream.nullOutputStream())).run();

    RunFiles files = new RunFiles(r.folder().path());
    assertEquals(AWKWARD, files.settings().get("model.name"));
    assertEquals("6x30", files.settings().get("synthetic.shape"));
    Map<String, String> top = files.runJson();
    assertEquals("awkward", top.get("experiment"));
    assertEquals("true", top.get("synthetic"));
    assertTrue(top.get("cores").matches("[0-9]+"), top.toString());
    assertTrue(top.get("sharing").contains("first k functions of the first L tables"), top.toString());
    assertFalse(top.containsKey("settings"), "the nested object is not a top-level field");
  }

  @Test
  void aRunJsonFromBeforeJacksonStillReads() throws IOException {
    // The hand-made writer escaped only quotes and backslashes: a newline stayed raw.
    Files.writeString(dir.resolve("run.json"), """
        {
          "experiment": "sweep",
          "synthetic": true,
          "timing": "one \\"thread\\"",
          "cores": "2",
          "settings": {
            "model.name": "two
        lines",
            "k": "4,8"
          }
        }
        """);
    RunFiles files = new RunFiles(dir);
    assertEquals(Map.of("experiment", "sweep", "synthetic", "true", "timing", "one \"thread\"",
        "cores", "2"), files.runJson());
    assertEquals(Map.of("model.name", "two\nlines", "k", "4,8"), files.settings());
  }

  @Test
  void aMissingOrBrokenRunJsonGivesNoFields() throws IOException {
    RunFiles files = new RunFiles(dir);
    assertTrue(files.runJson().isEmpty());
    Files.writeString(dir.resolve("run.json"), "{\"experiment\": ");
    assertTrue(files.runJson().isEmpty());
    assertTrue(files.settings().isEmpty());
  }
}
