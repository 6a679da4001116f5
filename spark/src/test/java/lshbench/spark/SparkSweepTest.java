package lshbench.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lshbench.config.Settings;
import lshbench.eval.GroundTruth;
import lshbench.experiment.PreparedData;
import lshbench.experiment.ResultColumns;
import lshbench.experiment.RunLifecycle;
import lshbench.experiment.SweepConfig;
import lshbench.experiment.SweepRunner;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine and the local engine on one small generated set with the same seeds: the
 * same exact neighbours, and the same label recall, kNN recall and mean candidates for every
 * configuration of three families (one data-aware) with and without multi-probe.
 */
class SparkSweepTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @TempDir
  static Path dir;
  static SweepConfig config;
  static SparkSweep.Result spark;
  static SweepRunner.Result local;

  @BeforeAll
  static void runBoth() throws IOException {
    Map<String, String> m = new HashMap<>();
    m.put("synthetic.shape", "12x50");
    m.put("synthetic.dim", "48");
    m.put("pca.dim", "16");
    m.put("synthetic.latent", "8");
    m.put("families", "hyperplane,crosspolytope,pca-hyperplane");
    m.put("k", "2,4,8");
    m.put("L", "1,3,8");
    m.put("probes", "0,3");
    m.put("queries", "40");
    m.put("top.n", "10");
    m.put("seed", "7");
    m.put("warmup", "0");
    m.put("warmup.ms", "0");
    m.put("timing.rounds", "1");
    m.put("results.dir", dir.resolve("results").toString());
    m.put("cache.dir", dir.resolve("cache").toString());
    config = SweepConfig.from(Settings.of("equal", m));
    local = new SweepRunner(config, QUIET).run();
    spark = RunLifecycle.run(new SparkSweep(TestSpark.session(), config, QUIET),
        RunLifecycle.Report.none(), QUIET);
  }

  @Test
  void sameExactNeighbours() throws IOException {
    PreparedData p = PreparedData.load(config, QUIET);
    GroundTruth truth = GroundTruth.compute(p.data(), p.split(), p.topN(), 1);
    assertEquals(truth.queries(), spark.truth().ids.length);
    for (int q = 0; q < truth.queries(); q++) {
      assertArrayEquals(truth.neighbours(q), spark.truth().ids[q], "query " + q);
      assertArrayEquals(truth.distances(q), spark.truth().distances[q], 1e-6f, "query " + q);
    }
  }

  @Test
  void sameRecallAndCandidatesForEveryConfiguration() throws IOException {
    Map<String, CSVRecord> mine = rows(spark.csv());
    Map<String, CSVRecord> theirs = rows(local.csv());
    // both carry the exact scan's row: recall 1 over every member, nothing to compare
    theirs.keySet().removeIf(k -> k.startsWith(ResultColumns.EXACT_FAMILY + " "));
    mine.keySet().removeIf(k -> k.startsWith(ResultColumns.EXACT_FAMILY + " "));
    assertTrue(theirs.size() >= 40, theirs.size() + " configurations");
    assertEquals(theirs.keySet(), mine.keySet());
    boolean someMiss = false;
    for (String key : theirs.keySet()) {
      for (String column : List.of(ResultColumns.LABEL_RECALL, ResultColumns.KNN_RECALL,
          ResultColumns.CANDIDATES)) {
        double want = Double.parseDouble(theirs.get(key).get(column));
        double got = Double.parseDouble(mine.get(key).get(column));
        assertEquals(want, got, 1e-5, key + " " + column);
      }
      someMiss |= Double.parseDouble(theirs.get(key).get(ResultColumns.KNN_RECALL)) < 1;
    }
    assertTrue(someMiss, "a grid where every configuration finds everything tests nothing");
  }

  /** family k L probes → row. */
  private static Map<String, CSVRecord> rows(Path csv) throws IOException {
    Map<String, CSVRecord> out = new TreeMap<>();
    try (Reader r = Files.newBufferedReader(csv);
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
            .parse(r)) {
      for (CSVRecord rec : p) {
        out.put(String.join(" ", rec.get(ResultColumns.FAMILY), rec.get(ResultColumns.K),
            rec.get(ResultColumns.L), rec.get(ResultColumns.PROBES)), rec);
      }
    }
    return out;
  }
}
