package lshbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lshbench.config.ConfigException;
import lshbench.config.Settings;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code crosspolytope.bits}: a grid in key bits, FALCONN's num_hash_bits. */
class CrossPolytopeBitsSweepTest {
  @TempDir
  Path dir;

  /** 128-d clusters: d' = 128, 8 bits a whole polytope. */
  private Map<String, String> bits(String grid) {
    Map<String, String> m = SweepDeterminismTest.tiny(dir);
    m.put("synthetic.dim", "128");
    m.put("synthetic.shape", "12x60");
    m.put("families", "crosspolytope");
    m.put("repeats", "1");
    m.put("crosspolytope.bits", grid);
    m.put("crosspolytope.L", "2,8");
    m.put("crosspolytope.probes", "0,6");
    m.put("crosspolytope.probes.total", "24");
    m.put("crosspolytope.theory.samples", "300");
    return m;
  }

  @Test
  void aBitsGridSweepsFalconnsSplitWithPlausibleRecallAndTheSameCsvTwice() throws IOException {
    SweepRunner.Result r = SweepDeterminismTest.run(bits("10,11,16"));
    List<Map<String, String>> rows = SweepDeterminismTest.configRows(r.csv());
    // 3 bits × (L=2: T=0, T=6, B=24; L=8: T=0, T=6, B=24)
    assertEquals(18, rows.size());
    for (Map<String, String> row : rows) {
      int bits = Integer.parseInt(row.get("key_bits"));
      // 10 = 8 + 2 (last polytope of 2 coordinates), 11 = 8 + 3 (4), 16 = 2 whole (128).
      String last = switch (bits) {
        case 10 -> "2";
        case 11 -> "4";
        case 16 -> "128";
        default -> throw new AssertionError("bits " + bits);
      };
      assertEquals("2", row.get("k"), row.toString());
      assertEquals(last, row.get("last_cp_dim"), row.toString());
      boolean plain = row.get("probes").equals("0") && row.get("probes_total").isEmpty();
      assertEquals(plain, !row.get("predicted_knn_recall").isEmpty(), "theory for plain LSH");
      if (plain) {
        double measured = Double.parseDouble(row.get("knn_recall"));
        double predicted = Double.parseDouble(row.get("predicted_knn_recall"));
        assertEquals(measured, predicted, 0.15, "theory p^(k-1)·p_m against measurement: " + row);
      }
    }
    // More bits, smaller buckets: fewer candidates at the same L and probes; plausible recall.
    double c10 = candidates(rows, "10", "8");
    double c11 = candidates(rows, "11", "8");
    double c16 = candidates(rows, "16", "8");
    assertTrue(c10 > c11 && c11 > c16, c10 + " > " + c11 + " > " + c16);
    assertTrue(rows.stream().anyMatch(x -> x.get("key_bits").equals("10")
        && x.get("L").equals("8") && Double.parseDouble(x.get("knn_recall")) > 0.7), "recall");
    // Same seed, same CSV.
    List<Map<String, String>> again = SweepDeterminismTest.rowsWithoutTiming(
        SweepDeterminismTest.run(bits("10,11,16")).csv());
    assertEquals(SweepDeterminismTest.rowsWithoutTiming(r.csv()), again);
    // Report labels name the bits (three points per (k, L, probes) must stay apart).
    List<String> labels = lshbench.report.ResultsTable.read(r.csv()).points().stream()
        .map(lshbench.report.ConfigPoint::label).toList();
    assertTrue(labels.contains("cp b=11 L=8 T=6") && labels.contains("cp b=16 L=2 B=24"),
        labels.toString());
    assertEquals(18, labels.size());
  }

  private static double candidates(List<Map<String, String>> rows, String bits, String l) {
    return rows.stream().filter(x -> x.get("key_bits").equals(bits) && x.get("L").equals(l)
        && x.get("probes").equals("0") && x.get("probes_total").isEmpty())
        .mapToDouble(x -> Double.parseDouble(x.get("candidates_mean"))).findFirst().orElseThrow();
  }

  @Test
  void theCompareExportNamesBitsAndLastPolytopeInItsCsv() throws IOException {
    Map<String, String> m = bits("9,10");
    m.put("type", "compare");
    m.put("crosspolytope.L", "4");
    m.put("crosspolytope.probes", "0");
    SweepConfig config = SweepConfig.from(Settings.of("compare", m));
    Path out = new CompareExport(config, new PrintStream(new ByteArrayOutputStream())).run();
    try (Reader in = Files.newBufferedReader(out.resolve(CompareExport.CSV));
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
            .parse(in)) {
      List<CSVRecord> lsh = p.getRecords().stream().filter(x -> x.get("method").equals("lsh"))
          .toList();
      // T=0 and B=24 per bits value (and any budget bisected between them), in grid order,
      // every row naming its bits and last polytope.
      List<String> shapes = lsh.stream()
          .map(x -> x.get("key_bits") + "/" + x.get("last_cp_dim")).distinct().toList();
      assertEquals(List.of("9/1", "10/2"), shapes);
      assertTrue(lsh.size() >= 4, lsh.toString());
      assertTrue(lsh.stream().allMatch(x -> x.get("k").equals("2")));
    }
  }

  @Test
  void badBitsAreOneLineErrorsBeforeARunFolder() throws IOException {
    Map<String, String> m = bits("10");
    m.put("synthetic.dim", "64"); // d' = 64: 9 polytopes of 7 bits, at most 63 bits
    m.put("crosspolytope.bits", "20,64");
    ConfigException e = assertThrows(ConfigException.class, () -> SweepDeterminismTest.run(m));
    assertEquals("crosspolytope.bits: 64 is outside 1..63 at d = 64 (9 functions of 7 bits fit "
        + "a 64-bit key)", e.getMessage());
    m.put("crosspolytope.bits", "0,4");
    e = assertThrows(ConfigException.class, () -> SweepDeterminismTest.run(m));
    assertTrue(e.getMessage().startsWith("crosspolytope.bits: 0 is out of range 1..64"),
        e.getMessage());
    m.put("crosspolytope.bits", "12");
    m.put("crosspolytope.k", "2");
    e = assertThrows(ConfigException.class, () -> SweepDeterminismTest.run(m));
    assertEquals("crosspolytope.bits replaces crosspolytope.k: give one of them", e.getMessage());
    assertTrue(!e.getMessage().contains("\n"));
    assertTrue(!Files.exists(dir.resolve("results")) || Files.list(dir.resolve("results"))
        .noneMatch(f -> f.getFileName().toString().startsWith("tiny-")), "refused before a run folder");
    // The tuner searches k itself: a bits grid is refused, not silently ignored.
    Map<String, String> t = bits("10");
    t.put("type", "tune");
    SweepConfig tune = SweepConfig.from(Settings.of("tune", t));
    e = assertThrows(ConfigException.class,
        () -> new Tuner(tune, new PrintStream(new ByteArrayOutputStream())).run());
    assertTrue(e.getMessage().startsWith("crosspolytope.bits: the tuner searches k"),
        e.getMessage());
  }
}
