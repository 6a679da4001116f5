package lshbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import lshbench.config.ConfigException;
import lshbench.config.Settings;
import lshbench.report.SweepReport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FamiliesSweepTest {
  @TempDir
  Path dir;

  private Map<String, String> fourFamilies() {
    Map<String, String> m = SweepDeterminismTest.tiny(dir);
    m.put("families", "hyperplane, crosspolytope, pca-hyperplane, hnsw");
    m.put("repeats", "1");
    m.put("crosspolytope.k", "1,2");
    m.put("crosspolytope.probes", "0,4");
    m.put("pca.dim", "12");
    m.put("pca.sample", "200");
    m.put("crosspolytope.theory.samples", "300");
    m.put("hnsw.ef", "10,200");
    return m;
  }

  @Test
  void oneSweepMeasuresEveryFamilyWithItsOwnParameters() throws IOException {
    SweepRunner.Result r = SweepDeterminismTest.run(fourFamilies());
    List<Map<String, String>> rows = SweepDeterminismTest.configRows(r.csv());
    Map<String, Long> perFamily = rows.stream()
        .collect(Collectors.groupingBy(x -> x.get("family"), Collectors.counting()));
    // hyperplane 3 k × 2 L; crosspolytope 2 k × 2 L × 2 probes; pca 3 × 2; hnsw 2 ef
    assertEquals(Map.of("hyperplane", 6L, "crosspolytope", 8L, "pca-hyperplane", 6L, "hnsw", 2L),
        perFamily);
    for (Map<String, String> row : rows) {
      boolean hnsw = row.get("family").equals("hnsw");
      assertEquals(hnsw, row.get("k").isEmpty(), "k only for LSH: " + row);
      assertEquals(!hnsw, row.get("hnsw_ef").isEmpty(), "ef only for HNSW: " + row);
      if (row.get("family").equals("crosspolytope")) {
        // 64-d rotated in 64 dimensions: 7 bits a cross-polytope
        assertEquals(7 * Integer.parseInt(row.get("k")), Integer.parseInt(row.get("key_bits")));
        assertEquals("64", row.get("hash_dim"));
        assertEquals(row.get("probes").equals("0"), !row.get("predicted_knn_recall").isEmpty());
      }
      if (row.get("family").equals("pca-hyperplane")) {
        assertEquals("12", row.get("hash_dim"));
        assertTrue(Double.parseDouble(row.get("memory_bytes")) > 4 * 12 * 64, "basis counted");
      }
    }
    // HNSW with a search list far larger than n finds the exact neighbours.
    assertTrue(rows.stream().anyMatch(x -> x.get("hnsw_ef").equals("200")
        && Double.parseDouble(x.get("knn_recall")) > 0.99));

    // grid-cost.csv: appended by each LSH family as it finishes, the header only once.
    try (Reader in = Files.newBufferedReader(r.folder().resolve(SweepRunner.GRID_COST));
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
            .parse(in)) {
      assertEquals(SweepRunner.GRID_COST_COLUMNS, p.getHeaderNames());
      List<CSVRecord> cost = p.getRecords();
      assertEquals(List.of("hyperplane", "crosspolytope", "pca-hyperplane"),
          cost.stream().map(c -> c.get("family")).toList());
      for (CSVRecord c : cost) {
        assertEquals(SweepRunner.GRID_COST_COLUMNS.size(), c.size(), c.toString());
        assertTrue(c.get("ratio_to_median").matches("[0-9]+\\.[0-9]{2}"), c.toString());
      }
    }

    Path summary = SweepReport.write(r.folder().path(), r.csv());
    String text = Files.readString(summary);
    assertTrue(text.contains("Fastest per family"), text);
    assertTrue(text.contains("cp k="), text);
    assertTrue(text.contains("hnsw M=16 efC=100 ef="), text);
    assertTrue(Files.size(r.folder().path().resolve("families-knn-recall-vs-time.png")) > 10_000);
    assertTrue(Files.isRegularFile(r.folder().path().resolve("families-label-recall-vs-time.svg")));
    String html = Files.readString(r.folder().path().resolve("index.html"));
    assertTrue(html.contains("Fastest per family") && html.contains("grid: hnsw"), "the page too");
  }

  @Test
  void aKilledMultiFamilySweepResumesEveryFamily() throws IOException {
    SweepRunner.Result full = SweepDeterminismTest.run(fourFamilies());
    Path partial = full.folder().path().resolve(ResultsCsv.PARTIAL);
    List<String> lines = Files.readAllLines(full.csv());
    // Keep the header and the first 9 rows, as a kill after the ninth configuration would.
    Files.write(partial, lines.subList(0, 10));
    Files.delete(full.csv());
    Files.writeString(full.folder().path().resolve(RunFolder.STATUS), "running\n");
    Map<String, String> again = fourFamilies();
    again.put("resume", full.folder().path().toString());
    SweepRunner.Result resumed = SweepDeterminismTest.run(again);
    assertEquals(9, resumed.reused());
    assertEquals(22 - 9, resumed.computed());
  }

  @Test
  void aTwoPassRerankIsItsOwnGridDimension() throws IOException {
    Map<String, String> m = SweepDeterminismTest.tiny(dir);
    m.put("repeats", "1");
    m.put("rerank.keep", "0,15");
    m.put("rerank.dim", "16");
    m.put("pca.sample", "300");
    SweepRunner.Result r = SweepDeterminismTest.run(m);
    List<Map<String, String>> rows = SweepDeterminismTest.configRows(r.csv());
    assertEquals(13, rows.size(), "3 k × 2 L × 2 rerank settings, and the pca-scan baseline");
    Map<String, String> scan = rows.stream().filter(x -> x.get("family").equals("pca-scan"))
        .findFirst().orElseThrow();
    assertEquals("15", scan.get("rerank_keep"));
    assertEquals("", scan.get("k"), "the scan hashes nothing");
    assertTrue(Double.parseDouble(scan.get("knn_recall")) > 0.5, scan.toString());
    for (Map<String, String> row : rows) {
      if (row == scan) {
        continue;
      }
      boolean twoPass = row.get("rerank_keep").equals("15");
      assertEquals(twoPass, row.get("rerank_dim").equals("16"), row.toString());
      assertEquals(twoPass, row.get("predicted_knn_recall").isEmpty(), "theory only for one pass");
    }
    String text = Files.readString(SweepReport.write(r.folder().path(), r.csv()));
    assertTrue(text.contains(" R=15"), text);
    assertTrue(text.contains("Hashing or the prefilter?"), text);
    assertTrue(text.contains("pca-scan R=15"), text);
  }

  @Test
  void totalProbeBudgetsAreRowsOfTheirOwnAtEveryLTheyCover() throws IOException {
    Map<String, String> m = SweepDeterminismTest.tiny(dir);
    m.put("repeats", "1");
    m.put("k", "6");
    m.put("L", "1,3");
    m.put("probes.total", "2,12");
    SweepRunner.Result r = SweepDeterminismTest.run(m);
    List<Map<String, String>> rows = SweepDeterminismTest.configRows(r.csv());
    // L=1: T=0, B=2, B=12; L=3: T=0, B=12 (a budget of 2 cannot cover 3 tables).
    assertEquals(List.of("1/", "1/2", "1/12", "3/", "3/12"), rows.stream()
        .map(x -> x.get("L") + "/" + x.get("probes_total")).toList());
    double[] recall = rows.stream().filter(x -> x.get("L").equals("1"))
        .mapToDouble(x -> Double.parseDouble(x.get("knn_recall"))).toArray();
    assertTrue(recall[0] <= recall[1] && recall[1] <= recall[2] && recall[2] > recall[0],
        java.util.Arrays.toString(recall));
    assertEquals(List.of("k=6 L=1", "k=6 L=1 B=2", "k=6 L=1 B=12", "k=6 L=3", "k=6 L=3 B=12"),
        lshbench.report.ResultsTable.read(r.csv()).points().stream()
            .map(lshbench.report.ConfigPoint::label).toList());
  }

  @Test
  void aRunWithoutAnyPredictionStillGetsItsReport() throws IOException {
    Map<String, String> m = SweepDeterminismTest.tiny(dir);
    m.put("repeats", "1");
    m.put("probes", "4"); // probed configurations have no closed-form prediction
    SweepRunner.Result r = SweepDeterminismTest.run(m);
    Path summary = SweepReport.write(r.folder().path(), r.csv());
    assertTrue(Files.readString(summary).contains("Fastest configuration"));
    assertTrue(Files.isRegularFile(r.folder().path().resolve("knn-recall-vs-time.png")));
    assertTrue(!Files.exists(r.folder().path().resolve("theory-time.png")), "no empty overlay");
  }

  @Test
  void badFamilySettingsAreOneLineErrors() throws IOException {
    Map<String, String> m = SweepDeterminismTest.tiny(dir);
    m.put("families", "hyperplane, minhash");
    ConfigException e = assertThrows(ConfigException.class,
        () -> SweepConfig.from(Settings.of("x", m)));
    assertTrue(e.getMessage().startsWith("families: 'minhash' is not a family"), e.getMessage());
    m.put("families", "crosspolytope");
    m.put("crosspolytope.k", "1,12");
    e = assertThrows(ConfigException.class, () -> SweepDeterminismTest.run(m));
    assertTrue(e.getMessage().startsWith("crosspolytope.k:"), e.getMessage());
    assertTrue(!Files.exists(dir.resolve("results")) || Files.list(dir.resolve("results"))
        .noneMatch(f -> f.getFileName().toString().startsWith("tiny-")), "refused before a run folder");
    m.put("families", "hnsw");
    m.put("hnsw.ef", "5,50");
    e = assertThrows(ConfigException.class, () -> SweepConfig.from(Settings.of("x", m)));
    assertTrue(e.getMessage().startsWith("hnsw.ef: 5 is below top.n"), e.getMessage());
  }
}
