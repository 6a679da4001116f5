package lshbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import lshbench.config.Settings;
import lshbench.experiment.ResultColumns;
import lshbench.experiment.SweepConfig;
import lshbench.experiment.SweepRunner;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class ResultsTableTest {
  @TempDir
  static Path dir;
  static SweepRunner.Result run;

  @BeforeAll
  static void sweep() throws IOException {
    System.setProperty("java.awt.headless", "true");
    java.util.Map<String, String> m = new java.util.HashMap<>();
    m.put("synthetic.shape", "10x40");
    m.put("synthetic.dim", "32");
    m.put("synthetic.latent", "8");
    m.put("k", "2,4,8");
    m.put("L", "1,2,8");
    m.put("queries", "50");
    m.put("repeats", "2");
    m.put("warmup", "0");
    m.put("warmup.ms", "0");
    m.put("results.dir", dir.resolve("results").toString());
    m.put("cache.dir", dir.resolve("cache").toString());
    run = new SweepRunner(SweepConfig.from(Settings.of("rt", m)),
        new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).run();
  }

  @Test
  void csvRoundTripsThroughTablesaw() throws IOException {
    Table t = ResultsTable.read(run.csv()).table();
    assertEquals(ResultColumns.ALL, t.columnNames());
    try (Reader r = Files.newBufferedReader(run.csv());
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
      List<CSVRecord> records = p.getRecords();
      assertEquals(records.size(), t.rowCount());
      for (int i = 0; i < records.size(); i++) {
        CSVRecord rec = records.get(i);
        if (rec.get("family").equals(ResultColumns.EXACT_FAMILY)) {
          assertTrue(t.intColumn("k").isMissing(i), "the exact scan has no k");
          continue;
        }
        assertEquals(Integer.parseInt(rec.get("k")), t.intColumn("k").getInt(i));
        assertEquals(Long.parseLong(rec.get("hash_seed")), t.longColumn("hash_seed").getLong(i));
        assertEquals(Double.parseDouble(rec.get("knn_recall")), t.doubleColumn("knn_recall").getDouble(i), 0);
        assertEquals(rec.get("provenance"), t.stringColumn("provenance").get(i));
        assertEquals(Boolean.parseBoolean(rec.get("synthetic")), t.booleanColumn("synthetic").get(i));
      }
    }
  }

  @Test
  void pointsAverageRepeatsAndTheFrontierIsNonDominated() throws IOException {
    List<ConfigPoint> points = ResultsTable.read(run.csv()).points();
    assertEquals(9, points.size());
    assertTrue(points.stream().allMatch(p -> p.repeats() == 2));
    List<ConfigPoint> frontier = Frontier.pareto(points, Recall.KNN);
    for (ConfigPoint f : frontier) {
      for (ConfigPoint p : points) {
        boolean dominates = p.queryUs() <= f.queryUs() && p.knnRecall() > f.knnRecall();
        assertTrue(!dominates, p.label() + " dominates frontier point " + f.label());
      }
    }
  }

  @Test
  void reportWritesSummaryAndReadablePlots() throws IOException {
    Path summary = SweepReport.write(run.folder().path(), run.csv());
    String text = Files.readString(summary);
    assertTrue(text.contains("SYNTHETIC"), text);
    assertTrue(text.contains("Fastest configuration reaching each kNN recall@n target"), text);
    for (String name : new String[] {"label-recall-vs-time", "knn-recall-vs-time",
        "heatmap-label-recall", "heatmap-knn-recall", "heatmap-query-time"}) {
      BufferedImage png = ImageIO.read(run.folder().resolve(name + ".png").toFile());
      assertEquals(1200, png.getWidth(), name);
      String svg = Files.readString(run.folder().resolve(name + ".svg"));
      assertTrue(svg.contains("<svg"), name);
    }
  }
}
