package lshbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import lshbench.cli.CsvReport;
import lshbench.config.Settings;
import lshbench.data.Dataset;
import lshbench.eval.GroundTruth;
import lshbench.experiment.PreparedData;
import lshbench.experiment.ResultColumns;
import lshbench.experiment.RunLifecycle;
import lshbench.experiment.SweepConfig;
import lshbench.experiment.SweepRunner;
import lshbench.vector.VectorOps;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.ml.feature.BucketedRandomProjectionLSH;
import org.apache.spark.ml.feature.BucketedRandomProjectionLSHModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark sweep through the engine, as the command line runs it, with MLlib's baseline: the same
 * results folder as the local sweep (files, CSV columns, the page listing every row, the entry
 * in the list of runs), and an MLlib row whose candidates and recall an independent count from
 * MLlib's own hash columns confirms.
 */
class SparkReportTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static final double BUCKET = 0.2;

  @TempDir
  static Path dir;
  static SweepConfig config;
  static Path sparkRun;
  static Path localRun;

  @BeforeAll
  static void runBoth() throws IOException {
    Map<String, String> m = new HashMap<>();
    m.put("synthetic.shape", "10x40");
    m.put("synthetic.dim", "24");
    m.put("synthetic.latent", "6");
    m.put("families", "hyperplane,crosspolytope");
    m.put("k", "4,8");
    m.put("L", "1,4");
    m.put("probes", "0");
    m.put("queries", "30");
    m.put("top.n", "5");
    m.put("seed", "11");
    m.put("warmup", "0");
    m.put("warmup.ms", "0");
    m.put("timing.rounds", "1");
    m.put("baselines", MllibBrp.NAME);
    m.put(MllibBrp.BUCKET_LENGTH, Double.toString(BUCKET));
    m.put(MllibBrp.TABLES, "1,3");
    m.put("results.dir", dir.resolve("spark").toString());
    m.put("cache.dir", dir.resolve("cache").toString());
    TestSpark.session();
    config = SweepConfig.from(Settings.of("report", m));
    assertEquals(0, new SparkEngine().run("sweep", config, QUIET, QUIET));
    sparkRun = only(dir.resolve("spark"));
    m.put("results.dir", dir.resolve("local").toString());
    m.remove("baselines");
    SweepConfig local = SweepConfig.from(Settings.of("report", m));
    RunLifecycle.run(new SweepRunner(local, QUIET), new CsvReport<>(SweepRunner.Result::csv),
        QUIET);
    localRun = only(dir.resolve("local"));
  }

  @Test
  void sameFilesAsTheLocalSweep() throws IOException {
    Set<String> local = names(localRun);
    Set<String> spark = names(sparkRun);
    assertTrue(local.contains("index.html") && local.contains("knn-recall-vs-time.png")
        && local.contains("theory-recall.svg") && local.contains("families-knn-recall-vs-time.png"),
        local.toString());
    // grid-cost.csv times the local engine's table builds; Spark writes its exact lists
    Set<String> want = new TreeSet<>(local);
    want.remove("grid-cost.csv");
    want.add(SparkSweep.TRUTH_FILE);
    assertEquals(want, spark);
    assertEquals("complete", Files.readString(sparkRun.resolve("status")).trim());
    assertTrue(Files.readString(dir.resolve("spark").resolve("index.html"))
        .contains(sparkRun.getFileName().toString()), "the list of runs names the run");
  }

  @Test
  void sameColumnsAndThePageListsEveryRow() throws IOException {
    List<CSVRecord> rows = records(sparkRun.resolve("results.csv"));
    assertEquals(ResultColumns.ALL, header(sparkRun.resolve("results.csv")));
    // 2 families × 2 k × 2 L, 2 MLlib rows, the exact scan
    assertEquals(8 + 2 + 1, rows.size());
    String page = Files.readString(sparkRun.resolve("index.html"));
    assertTrue(page.contains("All rows of results.csv (" + rows.size() + ")"));
    String table = page.substring(page.indexOf("id=\"rows\""));
    table = table.substring(0, table.indexOf("</table>"));
    assertEquals(rows.size() + 1, table.split("<tr>", -1).length - 1, "header and every row");
  }

  /**
   * The MLlib rows' candidates are the members sharing a bucket with the query in some table,
   * counted here from MLlib's own hash columns, and their kNN recall is that of the n nearest
   * of those against the exact lists.
   */
  @Test
  void mllibRowsAgreeWithItsHashColumns() throws IOException {
    PreparedData p = PreparedData.load(config, QUIET);
    Dataset data = p.data();
    int[] members = p.split().members();
    int[] queries = p.split().queries();
    GroundTruth truth = GroundTruth.compute(data, p.split(), p.topN(), 1);
    SparkSession spark = TestSpark.session();
    StructType schema = new StructType().add("features",
        org.apache.spark.ml.linalg.SQLDataTypes.VectorType(), false);
    List<Row> memberRows = new ArrayList<>();
    for (int id : members) {
      memberRows.add(RowFactory.create(vector(data, id)));
    }
    List<Row> queryRows = new ArrayList<>();
    for (int q : queries) {
      queryRows.add(RowFactory.create(vector(data, q)));
    }
    Map<Integer, CSVRecord> byTables = new HashMap<>();
    for (CSVRecord r : records(sparkRun.resolve("results.csv"))) {
      if (r.get(ResultColumns.FAMILY).equals(MllibBrp.NAME)) {
        byTables.put(Integer.parseInt(r.get(ResultColumns.L)), r);
      }
    }
    assertEquals(Set.of(1, 3), byTables.keySet());
    for (int l : byTables.keySet()) {
      BucketedRandomProjectionLSHModel model = new BucketedRandomProjectionLSH()
          .setBucketLength(BUCKET).setNumHashTables(l).setSeed(config.hashSeed(0))
          .setInputCol("features").setOutputCol("hashes")
          .fit(spark.createDataFrame(memberRows, schema));
      List<Row> mh = model.transform(spark.createDataFrame(memberRows, schema)).collectAsList();
      List<Row> qh = model.transform(spark.createDataFrame(queryRows, schema)).collectAsList();
      double candidates = 0;
      double recall = 0;
      double labelRecall = 0;
      int labelled = 0;
      for (int q = 0; q < queries.length; q++) {
        List<Vector> keys = qh.get(q).getList(1);
        List<int[]> found = new ArrayList<>();
        for (int i = 0; i < members.length; i++) {
          List<Vector> theirs = mh.get(i).getList(1);
          for (int t = 0; t < l; t++) {
            if (theirs.get(t).equals(keys.get(t))) {
              found.add(new int[] {members[i]});
              break;
            }
          }
        }
        candidates += found.size();
        int label = data.label(queries[q]);
        int relevant = truth.membersWithLabel(label);
        if (relevant > 0) {
          labelRecall += found.stream().filter(x -> data.label(x[0]) == label).count()
              / (double) relevant;
          labelled++;
        }
        float[] d = distances(data, queries[q], found);
        float threshold = truth.distances(q)[p.topN() - 1];
        int hits = 0;
        for (int i = 0; i < Math.min(p.topN(), d.length); i++) {
          hits += d[i] <= threshold * (1 + 1e-5) + 1e-12 ? 1 : 0;
        }
        recall += hits / (double) p.topN();
      }
      CSVRecord row = byTables.get(l);
      double mean = candidates / queries.length;
      assertEquals(mean, Double.parseDouble(row.get(ResultColumns.CANDIDATES)), 1e-3 * mean,
          "L=" + l + " candidates");
      assertTrue(mean >= p.topN() && mean <= members.length, "candidates " + mean);
      assertEquals(recall / queries.length,
          Double.parseDouble(row.get(ResultColumns.KNN_RECALL)), 1e-4, "L=" + l + " recall");
      assertEquals(labelRecall / labelled,
          Double.parseDouble(row.get(ResultColumns.LABEL_RECALL)), 1e-4, "L=" + l + " label");
    }
    double one = Double.parseDouble(byTables.get(1).get(ResultColumns.CANDIDATES));
    double three = Double.parseDouble(byTables.get(3).get(ResultColumns.CANDIDATES));
    assertTrue(one < three && three < members.length, one + " " + three + ": the bucket width "
        + "must leave the comparison something to find");
  }

  private static float[] distances(Dataset data, int query, List<int[]> items) {
    float[] d = new float[items.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = VectorOps.squaredDistance(data.vectors(), data.offset(query), data.vectors(),
          data.offset(items.get(i)[0]), data.dim());
    }
    java.util.Arrays.sort(d);
    return d;
  }

  private static Vector vector(Dataset data, int row) {
    float[] v = data.vector(row);
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return Vectors.dense(out);
  }

  private static Path only(Path results) throws IOException {
    try (Stream<Path> s = Files.list(results)) {
      List<Path> runs = s.filter(Files::isDirectory).toList();
      assertEquals(1, runs.size(), runs.toString());
      return runs.get(0);
    }
  }

  private static Set<String> names(Path run) throws IOException {
    try (Stream<Path> s = Files.list(run)) {
      return new TreeSet<>(s.map(x -> x.getFileName().toString())
          .filter(x -> !x.startsWith(".")).toList());
    }
  }

  private static List<String> header(Path csv) throws IOException {
    return List.of(Files.readAllLines(csv).get(0).split(","));
  }

  private static List<CSVRecord> records(Path csv) throws IOException {
    try (Reader r = Files.newBufferedReader(csv);
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
            .parse(r)) {
      return p.getRecords();
    }
  }
}
