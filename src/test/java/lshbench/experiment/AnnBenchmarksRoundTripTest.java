package lshbench.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import lshbench.config.Settings;
import lshbench.data.AnnBenchmarksFile;
import lshbench.data.Dataset;
import lshbench.data.TexmexFormat;
import lshbench.eval.GroundTruth;
import lshbench.eval.QuerySplit;
import lshbench.vector.Metric;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export → import: an experiment's split written as an ann-benchmarks file reads back as the
 * same vectors and the same exact neighbours, a sweep over the file measures recall against the
 * file's neighbours, and neighbours that are not the base's are refused before a run starts.
 */
class AnnBenchmarksRoundTripTest {
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

  @TempDir
  Path dir;

  private Map<String, String> tiny(String metric) {
    Map<String, String> m = SweepDeterminismTest.tiny(dir);
    m.put("metric", metric);
    m.put("repeats", "1");
    m.put("queries", "40");
    return m;
  }

  private Path export(Map<String, String> m, String name) throws IOException {
    Map<String, String> e = new java.util.HashMap<>(m);
    e.put("type", SweepConfig.EXPORT);
    e.remove("k");
    e.remove("L");
    e.remove("repeats");
    e.put("out", dir.resolve(name).toString());
    e.put("export.neighbours", "25");
    return AnnExport.from(Settings.of("export", e), lshbench.family.FamilyRegistry.standard())
        .run(QUIET);
  }

  @Test
  void exportThenImportGivesTheSameVectorsAndNeighbours() throws IOException {
    for (String metric : new String[] {"euclidean", "cosine"}) {
      Map<String, String> m = tiny(metric);
      Path file = export(m, metric + ".hdf5");
      SweepConfig config = SweepConfig.from(Settings.of("tiny", m));
      Dataset raw = Workbench.loadDataset(config, QUIET).data();
      Dataset ready = Workbench.loadForExperiment(config, QUIET).data();
      QuerySplit split = QuerySplit.draw(raw.size(), 40, config.seed());
      GroundTruth exact = GroundTruth.compute(ready, split, 25, 2);

      AnnBenchmarksFile back = AnnBenchmarksFile.read(file);
      assertEquals(Metric.parse(metric), back.metric());
      assertArrayEquals(raw.rows(split.members()), back.train().vectors());
      assertArrayEquals(raw.rows(split.queries()), back.test().vectors());
      for (int q = 0; q < 40; q++) {
        int[] want = new int[25];
        for (int i = 0; i < 25; i++) {
          want[i] = java.util.Arrays.binarySearch(split.members(), exact.neighbours(q)[i]);
        }
        assertArrayEquals(want, back.test().neighbours()[q], metric + " query " + q);
      }

      // Imported: the fixed split reproduces the exported ground truth, item for item.
      Map<String, String> in = tiny("euclidean");
      in.put("dataset", file.toString());
      SweepConfig again = SweepConfig.from(Settings.of("tiny", in));
      Workbench.Source source = Workbench.loadForExperiment(again, QUIET);
      assertEquals(Metric.parse(metric), source.metric());
      for (int q = 0; q < 40; q++) {
        assertArrayEquals(java.util.Arrays.copyOf(back.test().neighbours()[q], 10),
            source.truth().neighbours(q), metric + " imported query " + q);
      }
    }
  }

  @Test
  void aSweepOverTheFileScoresAgainstItsNeighbours() throws IOException {
    Path file = export(tiny("cosine"), "c.hdf5");
    Map<String, String> m = tiny("euclidean");
    m.put("dataset", file.toString());
    m.put("queries", "1000");
    SweepRunner.Result r = new SweepRunner(SweepConfig.from(Settings.of("tiny", m)), QUIET).run();
    List<CSVRecord> rows = read(r.csv());
    assertEquals(6 + 1, rows.size(), "six configurations and the exact scan");
    for (CSVRecord row : rows) {
      assertEquals("cosine", row.get(ResultColumns.METRIC));
      assertEquals("40", row.get(ResultColumns.N_QUERIES));
      // 1 / the query time that ranks (the median on the run's clock, CPU by default)
      assertEquals(Double.parseDouble(row.get(ResultColumns.QPS)),
          1e6 / Double.parseDouble(row.get(ResultColumns.CPU_US)), 1e-3
              * Double.parseDouble(row.get(ResultColumns.QPS)));
    }
    List<CSVRecord> pairs = read(r.folder().path().resolve(AnnBenchmarksPairs.FILE));
    assertEquals(6 + 1, pairs.size());
    assertEquals("exact scan", pairs.get(6).get("parameters"), "brute force listed, as ann-benchmarks does");
    assertEquals("lshbench-hyperplane", pairs.get(0).get("algorithm"));
    assertEquals(rows.get(0).get(ResultColumns.KNN_RECALL), pairs.get(0).get("k-nn"));
  }

  @Test
  void neighboursOfAnotherBaseAreRefusedBeforeARun() throws IOException {
    Path file = export(tiny("euclidean"), "e.hdf5");
    AnnBenchmarksFile f = AnnBenchmarksFile.read(file);
    int[][] shifted = f.test().neighbours().clone();
    for (int q = 0; q < shifted.length; q++) {
      shifted[q] = java.util.Arrays.stream(shifted[q]).map(i -> (i + 1) % f.train().size())
          .toArray();
    }
    Path bad = dir.resolve("shifted.hdf5");
    AnnBenchmarksFile.write(bad, f.train().vectors(), f.test().vectors(), f.train().dim(), shifted,
        f.test().distances(), f.metric(), f.train().provenance());
    Map<String, String> m = tiny("euclidean");
    m.put("dataset", bad.toString());
    SweepRunner runner = new SweepRunner(SweepConfig.from(Settings.of("tiny", m)), QUIET);
    IOException e = assertThrows(IOException.class, runner::run);
    assertTrue(e.getMessage().contains("disagree with a brute-force search"), e.getMessage());
    assertTrue(!Files.exists(dir.resolve("results")) || Files.list(dir.resolve("results"))
        .noneMatch(p -> p.getFileName().toString().startsWith("tiny-")), "no run folder");
  }

  @Test
  void queriesAndGroundTruthFromTexmexFiles() throws IOException {
    Path file = export(tiny("euclidean"), "t.hdf5");
    AnnBenchmarksFile f = AnnBenchmarksFile.read(file);
    Path base = dir.resolve("base.fvecs");
    Path queries = dir.resolve("query.fvecs");
    Path truth = dir.resolve("gt.ivecs");
    TexmexFormat.writeFvecs(rows(f.train().vectors(), f.train().dim()), base);
    TexmexFormat.writeFvecs(rows(f.test().vectors(), f.train().dim()), queries);
    TexmexFormat.writeIvecs(f.test().neighbours(), truth);
    Map<String, String> m = tiny("euclidean");
    m.put("dataset", base.toString());
    m.put("queries.file", queries.toString());
    m.put("groundtruth.file", truth.toString());
    m.put("queries", "30");
    Workbench.Source s = Workbench.loadForExperiment(SweepConfig.from(Settings.of("tiny", m)), QUIET);
    assertEquals(30, s.split().queries().length);
    assertEquals(f.train().size(), s.split().members().length);
    assertArrayEquals(java.util.Arrays.copyOf(f.test().neighbours()[29], 10), s.truth().neighbours(29));

    m.remove("groundtruth.file");
    Workbench.Source computed = Workbench.loadForExperiment(SweepConfig.from(Settings.of("tiny", m)),
        QUIET);
    assertNull(computed.truth());
    assertEquals(30, computed.split().queries().length);
  }

  private static float[][] rows(float[] flat, int d) {
    float[][] out = new float[flat.length / d][];
    for (int i = 0; i < out.length; i++) {
      out[i] = java.util.Arrays.copyOfRange(flat, i * d, i * d + d);
    }
    return out;
  }

  private static List<CSVRecord> read(Path csv) throws IOException {
    try (Reader r = Files.newBufferedReader(csv); CSVParser p = CSVFormat.RFC4180.builder()
        .setHeader().setSkipHeaderRecord(true).build().parse(r)) {
      return p.getRecords();
    }
  }
}
