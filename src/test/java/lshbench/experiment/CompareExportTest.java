package lshbench.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lshbench.config.Settings;
import lshbench.data.Dataset;
import lshbench.data.TexmexFormat;
import lshbench.lsh.ExactIndex;
import lshbench.lsh.Neighbours;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export FAISS reads: files read back, and ground truth is the exact scan's, by position. */
class CompareExportTest {
  private static final CSVFormat READ = CSVFormat.RFC4180.builder().setHeader()
      .setSkipHeaderRecord(true).build();

  @TempDir
  Path dir;

  @Test
  void exportedFilesReadBackAndGroundTruthIsTheExactScan() throws IOException {
    Map<String, String> m = SweepDeterminismTest.tiny(dir);
    m.put("type", "compare");
    m.put("k", "2,6");
    m.put("L", "1,4");
    SweepConfig config = SweepConfig.from(Settings.of("compare", m));
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    Path out = new CompareExport(config, quiet).run();

    Dataset data = Workbench.loadDataset(config, quiet).data();
    Workbench bench = Workbench.prepare(config, data, quiet);
    int[] members = bench.split().members();
    int[] queries = bench.split().queries();
    float[][] base = TexmexFormat.readFvecs(out.resolve("base.fvecs"));
    float[][] query = TexmexFormat.readFvecs(out.resolve("query.fvecs"));
    int[][] gt = TexmexFormat.readIvecs(out.resolve("groundtruth.ivecs"));
    assertEquals(members.length, base.length);
    assertEquals(queries.length, query.length);
    assertEquals(queries.length, gt.length);
    for (int i = 0; i < members.length; i++) {
      assertArrayEquals(data.vector(members[i]), base[i]);
    }
    ExactIndex exact = new ExactIndex(data, members);
    for (int q = 0; q < queries.length; q++) {
      assertArrayEquals(data.vector(queries[q]), query[q]);
      Neighbours truth = exact.search(data.vector(queries[q]), 10);
      assertEquals(10, gt[q].length);
      for (int j = 0; j < 10; j++) {
        assertEquals(truth.ids()[j], members[gt[q][j]], "query " + q + " rank " + j);
      }
    }

    List<CSVRecord> csv;
    try (Reader r = Files.newBufferedReader(out.resolve(CompareExport.CSV));
        CSVParser p = READ.parse(r)) {
      assertEquals(CompareExport.COLUMNS, p.getHeaderNames());
      csv = p.getRecords();
    }
    assertEquals("exact", csv.get(0).get("method"));
    int batchRows = config.threads() > 1 ? 2 : 1;
    List<CSVRecord> picks = csv.stream().filter(r -> r.get("method").equals("pick")
        && !r.get("k").isEmpty()).toList();
    List<CSVRecord> lshBatches = csv.stream().filter(r -> r.get("method").equals("lsh-batch"))
        .toList();
    assertEquals(2 + batchRows + 4 + CompareExport.TARGETS.length
        + picks.size() * batchRows, csv.size(), csv.toString());
    assertEquals("stream-read", csv.get(1).get("method"));
    assertTrue(Double.parseDouble(csv.get(1).get("query_us_mean")) > 0);
    assertTrue(!picks.isEmpty(), "the grid reaches a target, so batch rows are written");
    assertEquals(picks.size() * batchRows, lshBatches.size());
    for (CSVRecord b : lshBatches) {
      // The batch answers are the one-query answers, so the pick's recall to the digit.
      CSVRecord pick = picks.stream().filter(p -> p.get("target").equals(b.get("target")))
          .findFirst().orElseThrow();
      assertEquals(pick.get("knn_recall"), b.get("knn_recall"), b.toString());
      assertEquals(pick.get("k") + " " + pick.get("L") + " " + pick.get("family"),
          b.get("k") + " " + b.get("L") + " " + b.get("family"));
    }
    for (CSVRecord row : csv) {
      assertEquals(CompareExport.COLUMNS.size(), row.size(), "every row has every column: " + row);
    }
    assertEquals("exact-batch", csv.get(2).get("method"));
    assertEquals("1", csv.get(2).get("threads"));
    JsonNode meta = new ObjectMapper().readTree(out.resolve("meta.json").toFile());
    assertEquals(members.length, meta.get("n_base").asInt());
    assertTrue(meta.get("synthetic").asBoolean());
    assertEquals("complete", Files.readString(out.resolve(RunFolder.STATUS)).strip());
  }

  @Test
  void aPickRowKeepsItsNumberFormatsAndQuotesAFamilyWithACommaOrQuote() throws IOException {
    CompareExport.GridPoint plain = new CompareExport.GridPoint("hyperplane", 12, 8, 0, 0,
        0.91234, 45.678, 123.45, 56789, 321.04);
    CompareExport.GridPoint odd = new CompareExport.GridPoint("a,b \"c\"", 4, 2, 3, 50,
        0.5, 10, 1, 2, 3);
    Path file = dir.resolve("picks.csv");
    CompareExport.writeCsv(file, List.of(CompareExport.pickRow(0.9, plain),
        CompareExport.pickRow(0.95, null), CompareExport.pickRow(0.8, odd)));

    // The text readers have always seen: same digits, '\n' line ends, no quotes on plain cells.
    List<String> lines = Files.readAllLines(file);
    assertEquals(String.join(",", CompareExport.COLUMNS), lines.get(0));
    // key_bits and last_cp_dim (added at the end, so readers by position still line up) stay
    // empty for a point that does not give them.
    assertEquals("pick,12,8,0.90,0.9123,45.68,,21892.4,123.5,56789,321.0,hyperplane,0,0,1,,,",
        lines.get(1));
    assertEquals("pick,,,0.95,,,,,,,,,,,1,,,", lines.get(2));
    assertTrue(Files.readString(file).indexOf('\r') < 0, "no CR");
    try (Reader r = Files.newBufferedReader(file); CSVParser p = READ.parse(r)) {
      List<CSVRecord> rows = p.getRecords();
      assertEquals("a,b \"c\"", rows.get(2).get("family"));
      assertEquals("50", rows.get(2).get("rerank_keep"));
    }
  }

  @Test
  void theFastestConfigurationReachingEachTargetIsPicked() {
    CompareExport.GridPoint slowHigh = point(0.97, 90);
    CompareExport.GridPoint fastLow = point(0.85, 10);
    CompareExport.GridPoint mid = point(0.92, 30);
    List<CompareExport.GridPoint> grid = List.of(slowHigh, fastLow, mid);
    assertEquals(fastLow, CompareExport.fastest(grid, 0.8));
    assertEquals(mid, CompareExport.fastest(grid, 0.9));
    assertEquals(slowHigh, CompareExport.fastest(grid, 0.95));
    assertNull(CompareExport.fastest(grid, 0.99));
  }

  private static CompareExport.GridPoint point(double recall, double us) {
    return new CompareExport.GridPoint("hyperplane", 8, 4, 0, 0, recall, us, 1, 1, 1);
  }

  @Test
  void aRowWithoutEveryColumnIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> CompareExport.writeCsv(dir.resolve("bad.csv"), List.of(List.of("pick", "1"))));
  }
}
