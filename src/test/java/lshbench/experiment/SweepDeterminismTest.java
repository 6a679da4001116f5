package lshbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lshbench.config.ConfigException;
import lshbench.config.Settings;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed ⇒ same CSV, except the columns that measure time. */
class SweepDeterminismTest {
  @TempDir
  Path dir;

  static Map<String, String> tiny(Path dir) {
    Map<String, String> m = new HashMap<>();
    m.put("dataset", "synthetic");
    m.put("synthetic.shape", "12x40");
    m.put("synthetic.dim", "64");
    m.put("synthetic.latent", "8");
    m.put("k", "2,6,10");
    m.put("L", "1,3");
    m.put("queries", "60");
    m.put("repeats", "2");
    m.put("warmup", "5");
    m.put("warmup.ms", "0");
    m.put("results.dir", dir.resolve("results").toString());
    m.put("cache.dir", dir.resolve("cache").toString());
    return m;
  }

  static SweepRunner.Result run(Map<String, String> settings) throws IOException {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    return new SweepRunner(SweepConfig.from(Settings.of("tiny", settings)), quiet).run();
  }

  static List<Map<String, String>> rowsWithoutTiming(Path csv) throws IOException {
    List<Map<String, String>> out = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(csv);
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
      assertEquals(ResultColumns.ALL, p.getHeaderNames());
      for (CSVRecord rec : p) {
        Map<String, String> row = new HashMap<>(rec.toMap());
        ResultColumns.TIMING.forEach(row::remove);
        out.add(row);
      }
    }
    return out;
  }

  /** The rows of index configurations: every row but the exact scan's, which must be there once. */
  static List<Map<String, String>> configRows(Path csv) throws IOException {
    List<Map<String, String>> rows = rowsWithoutTiming(csv);
    List<Map<String, String>> exact = rows.stream()
        .filter(r -> r.get("family").equals(ResultColumns.EXACT_FAMILY)).toList();
    assertEquals(1, exact.size(), "one exact-scan row");
    assertEquals("1", exact.get(0).get("knn_recall"), "the exact scan finds every neighbour");
    return rows.stream().filter(r -> !r.get("family").equals(ResultColumns.EXACT_FAMILY)).toList();
  }

  @Test
  void sameSeedGivesTheSameCsvExceptTiming() throws IOException {
    SweepRunner.Result a = run(tiny(dir));
    SweepRunner.Result b = run(tiny(dir));
    assertNotEquals(a.folder().path(), b.folder().path(), "a run never reuses a folder");
    List<Map<String, String>> rowsA = rowsWithoutTiming(a.csv());
    assertEquals(3 * 2 * 2, configRows(a.csv()).size());
    assertEquals(rowsA, rowsWithoutTiming(b.csv()));
    assertEquals("complete\n", Files.readString(a.folder().resolve(RunFolder.STATUS)));
    assertFalse(Files.exists(a.folder().resolve(ResultsCsv.PARTIAL)));

    Map<String, String> other = tiny(dir);
    other.put("seed", "43");
    assertNotEquals(rowsA, rowsWithoutTiming(run(other).csv()));
  }

  @Test
  void recallMovesTheWayTheTheorySays() throws IOException {
    List<Map<String, String>> rows = rowsWithoutTiming(run(tiny(dir)).csv());
    Map<String, Double> recall = new HashMap<>();
    for (Map<String, String> r : rows) {
      recall.merge(r.get("k") + "," + r.get("L"), Double.parseDouble(r.get("knn_recall")) / 2, Double::sum);
    }
    assertTrue(recall.get("6,3") > recall.get("6,1"), "up with L: " + recall);
    assertTrue(recall.get("10,3") < recall.get("2,3"), "down with k: " + recall);
  }

  @Test
  void moreQueriesThanItemsIsAOneLineError() {
    Map<String, String> m = tiny(dir);
    m.put("queries", "480");
    ConfigException e = assertThrows(ConfigException.class, () -> run(m));
    assertEquals("queries: 480 must be fewer than the dataset's 480 items", e.getMessage());
  }

  /** top.n above the searched items was clamped while identity.properties kept the asked value. */
  @Test
  void topNAboveTheSearchedItemsIsAOneLineErrorBeforeAnyFolder() {
    Map<String, String> m = tiny(dir);
    m.put("top.n", "900");
    ConfigException e = assertThrows(ConfigException.class, () -> run(m));
    assertEquals("top.n: 900 is more than the 420 items searched (480 items less 60 queries)",
        e.getMessage());
    assertFalse(java.nio.file.Files.exists(dir.resolve("results")) && dir.resolve("results").toFile()
        .list().length > 0, "refused before a run folder exists");
  }
}
