package lshbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import lshbench.config.ConfigException;
import lshbench.config.Settings;
import lshbench.report.ScalePlots;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleRunnerTest {
  private static final CSVFormat READ = CSVFormat.RFC4180.builder().setHeader()
      .setSkipHeaderRecord(true).build();

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
    assertEquals(String.join(",", ScaleRunner.COLUMNS), lines.get(0));
    assertTrue(lines.get(1).startsWith("1000,24,0.8,"), lines.get(1));
    assertTrue(lines.get(2).startsWith("3000,24,0.8,"), lines.get(2));
    try (Reader r = Files.newBufferedReader(folder.resolve(ScaleRunner.FILE));
        CSVParser p = READ.parse(r)) {
      assertEquals(ScaleRunner.COLUMNS, p.getHeaderNames());
      for (CSVRecord row : p) {
        assertEquals(ScaleRunner.COLUMNS.size(), row.size(), row.toString());
        assertTrue(row.get("exact_us").matches("[0-9]+\\.[0-9]"), row.get("exact_us"));
        assertTrue(row.get("knn_recall").matches("[01]\\.[0-9]{4}"), row.get("knn_recall"));
      }
    }
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

  @Test
  void aCellWithACommaQuoteOrNewlineIsQuotedAndReadsBack() throws Exception {
    List<String> row = new ArrayList<>(Collections.nCopies(ScaleRunner.COLUMNS.size(), "1"));
    row.set(0, "1,000");
    row.set(1, "say \"24\"");
    row.set(2, "two\nlines");
    Path file = dir.resolve("scale.csv");
    ScaleRunner.write(file, List.of(row, Collections.nCopies(ScaleRunner.COLUMNS.size(), "2")));
    assertTrue(Files.readString(file).startsWith(String.join(",", ScaleRunner.COLUMNS) + "\n"
        + "\"1,000\",\"say \"\"24\"\"\",\"two\nlines\",1,"));
    try (Reader r = Files.newBufferedReader(file); CSVParser p = READ.parse(r)) {
      List<CSVRecord> rows = p.getRecords();
      assertEquals(2, rows.size());
      assertEquals(row, rows.get(0).toList());
      assertEquals("2", rows.get(1).get("seed"));
    }
    assertThrows(IllegalArgumentException.class, () -> ScaleRunner.write(file, List.of(List.of("1"))));
  }
}
