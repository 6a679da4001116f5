package lshbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lshbench.config.ConfigException;
import lshbench.config.Settings;
import lshbench.report.ScalePlots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleRunnerTest {
  @TempDir
  Path dir;

  private Map<String, String> settings() {
    Map<String, String> m = SweepDeterminismTest.tiny(dir);
    m.put("type", "scale");
    m.put("synthetic.shape", "clusters:20x3000");
    m.put("synthetic.dim", "24");
    m.put("synthetic.spread", "0.5");
    m.put("scale.n", "1000,3000");
    m.put("queries", "60");
    m.put("target.recall", "0.8");
    m.put("tune.k.max", "16");
    m.put("tune.L.max", "64");
    m.put("tune.confirm", "2");
    m.put("tune.seeds", "2");
    return m;
  }

  @Test
  void oneRowPerSizeWithATunedConfigurationAndPlots() throws Exception {
    RunFolder folder = new ScaleRunner(SweepConfig.from(Settings.of("scale", settings())),
        new PrintStream(new ByteArrayOutputStream())).run();
    List<String> lines = Files.readAllLines(folder.resolve(ScaleRunner.FILE));
    assertEquals(3, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(1).startsWith("1000,24,0.8,"), lines.get(1));
    assertTrue(lines.get(2).startsWith("3000,24,0.8,"), lines.get(2));
    Path table = ScalePlots.write(folder.path());
    assertTrue(Files.readString(table).contains("3000"));
    assertTrue(Files.size(folder.resolve("scale-time.png")) > 0);
    assertTrue(Files.size(folder.resolve("scale-memory.svg")) > 0);
    assertEquals("complete\n", Files.readString(folder.resolve(RunFolder.STATUS)));
  }

  @Test
  void sizesBeyondTheDatasetAreRefusedByKey() {
    Map<String, String> m = settings();
    m.put("scale.n", "1000,5000");
    ConfigException e = assertThrows(ConfigException.class, () -> new ScaleRunner(
        SweepConfig.from(Settings.of("scale", m)), new PrintStream(new ByteArrayOutputStream())).run());
    assertTrue(e.getMessage().startsWith("scale.n: 5000 exceeds the dataset's 3000 items"), e.getMessage());
  }
}
