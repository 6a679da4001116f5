package lshbench.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import lshbench.config.ConfigException;
import lshbench.data.Dataset;
import lshbench.eval.GroundTruth;
import lshbench.experiment.PreparedData;
import lshbench.experiment.ResultColumns;
import lshbench.experiment.RunFolder;
import lshbench.experiment.RunPlan;
import lshbench.experiment.SweepConfig;
import lshbench.family.LshGrid;
import lshbench.io.AtomicFiles;
import lshbench.lsh.HashFamily;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The sweep on Spark: the exact ground truth ({@link SparkGroundTruth}), then per family,
 * repeat, k and probes one pass that gives every L at once. Members are hashed once per family
 * and repeat (max(k) × max(L) functions, the local sweep's bank); for each k their bucket keys
 * in the max(L) tables are joined with the keys each query visits, and each (query, item) pair
 * keeps the first table it met in. An item is a candidate of the (k, L) index exactly when that
 * table is below L, so one grouping per query counts candidates, kNN hits (exact distance within
 * the true n-th, reranked as the local index does) and same-label items for the whole L curve.
 * The columns match the local sweep's label_recall, knn_recall and candidates_mean; timings are
 * Spark's per pass, not per query.
 */
final class SparkSweep implements RunPlan<SparkSweep.Result> {
  static final String RESULTS_FILE = "results.csv";
  static final String TRUTH_FILE = "ground-truth.csv";
  /** Evaluation's slack: an answer as far as the true n-th neighbour, rounding aside, is a hit. */
  private static final double DISTANCE_SLACK = 1e-5;
  static final List<String> COLUMNS = List.of(ResultColumns.EXPERIMENT, ResultColumns.FAMILY,
      ResultColumns.REPEAT, ResultColumns.K, ResultColumns.L, ResultColumns.PROBES,
      ResultColumns.HASH_SEED, ResultColumns.TOP_N, ResultColumns.N_INDEXED,
      ResultColumns.N_QUERIES, ResultColumns.LABEL_RECALL, ResultColumns.KNN_RECALL,
      ResultColumns.CANDIDATES, ResultColumns.CANDIDATES_FRAC, "spark_pass_ms");

  private final SparkSession spark;
  private final SweepConfig config;
  private final PrintStream log;
  private PreparedData prepared;

  SparkSweep(SparkSession spark, SweepConfig config, PrintStream log) {
    this.spark = spark;
    this.config = config;
    this.log = log;
  }

  /** Where the files are; the ground truth's lists for comparison with the local engine's. */
  record Result(RunFolder folder, Path csv, TopLists truth, double truthSeconds) {}

  @Override
  public Path writableTarget() {
    return config.resultsDir();
  }

  @Override
  public void load() throws IOException {
    if (config.resume() != null) {
      throw new ConfigException("resume: the spark engine does not resume runs; drop -Dresume");
    }
    if (java.util.Arrays.stream(config.families().rerankKeep()).anyMatch(r -> r > 0)) {
      throw new ConfigException("rerank.keep: the spark engine measures the plain rerank only; "
          + "set rerank.keep=0 or use the local engine");
    }
    prepared = PreparedData.load(config, log);
    if (config.families().hnsw() != null) {
      log.println("[spark] hnsw is a graph index, not a hash join: its rows come from the local "
          + "engine only and are left out here");
    }
  }

  @Override
  public RunFolder open() throws IOException {
    return RunFolder.create(config.resultsDir(), config.experiment(), log, "sweep");
  }

  @Override
  public Result compute(RunFolder folder) throws IOException {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Dataset data = prepared.data();
    int[] queries = prepared.split().queries();
    int[] members = prepared.split().members();
    int n = prepared.topN();
    int slices = Math.max(2, sc.defaultParallelism());
    Broadcast<SharedData> shared = sc.broadcast(new SharedData(data));
    long t0 = System.nanoTime();
    TopLists truth;
    if (prepared.truth() != null) {
      truth = given(prepared.truth(), queries.length);
      log.println("[spark] ground truth given with the queries");
    } else {
      truth = SparkGroundTruth.compute(sc, shared, queries, members, n,
          blockSize(queries.length, 2), blockSize(members.length, slices));
    }
    double truthSeconds = (System.nanoTime() - t0) / 1e9;
    log.printf(Locale.ROOT, "[spark] ground truth (%d queries × %d members, top %d) in %.1f s%n",
        queries.length, members.length, n, truthSeconds);
    writeTruth(folder.resolve(TRUTH_FILE), truth, queries);

    double[] thresholds = new double[queries.length];
    for (int q = 0; q < queries.length; q++) {
      float[] d = truth.distances[q];
      thresholds[q] = d.length == 0 ? Double.POSITIVE_INFINITY
          : d[d.length - 1] * (1 + DISTANCE_SLACK) + 1e-12;
    }
    int[] relevant = null;
    if (data.hasLabels()) {
      relevant = new int[data.labelCount()];
      for (int id : members) {
        relevant[data.label(id)]++;
      }
    }
    Broadcast<QueryTruth> queryTruth = sc.broadcast(new QueryTruth(queries, thresholds, n,
        relevant));
    List<List<Object>> rows = new ArrayList<>();
    List<int[]> memberBlocks = SparkGroundTruth.blocks(members, blockSize(members.length, slices));
    List<int[]> queryBlocks = SparkGroundTruth.blocks(indices(queries.length),
        blockSize(queries.length, slices));
    for (int repeat = 0; repeat < config.repeats(); repeat++) {
      long seed = config.hashSeed(repeat);
      for (int f = 0; f < config.families().lsh().size(); f++) {
        LshGrid<?> grid = config.families().lsh().get(f);
        Broadcast<BankRecipe> recipe = sc.broadcast(new BankRecipe(config, f, seed, members,
            prepared.centre()));
        HashFamily driverBank = recipe.value().draw(new SharedData(data));
        log.println("[spark] " + driverBank.describe());
        int maxL = grid.maxL();
        int stride = driverBank.tables();
        // Members hashed once for the family and repeat: (rows, full-width signatures).
        JavaRDD<Tuple2<int[], long[]>> signed = sc.parallelize(memberBlocks, memberBlocks.size())
            .map(block -> {
              HashFamily bank = recipe.value().draw(shared.value());
              return new Tuple2<>(block, bank.signatures(shared.value().dataset(), block, 1));
            }).persist(StorageLevel.MEMORY_ONLY());
        for (int k : grid.ks()) {
          long mask = driverBank.mask(k);
          JavaPairRDD<Tuple2<Integer, Long>, Integer> buckets = signed.flatMapToPair(b -> {
            List<Tuple2<Tuple2<Integer, Long>, Integer>> out = new ArrayList<>();
            for (int i = 0; i < b._1().length; i++) {
              for (int t = 0; t < maxL; t++) {
                out.add(new Tuple2<>(new Tuple2<>(t, b._2()[i * stride + t] & mask), b._1()[i]));
              }
            }
            return out.iterator();
          });
          for (int probes : grid.probes()) {
            long p0 = System.nanoTime();
            JavaPairRDD<Tuple2<Integer, Long>, Integer> visited = sc.parallelize(queryBlocks,
                queryBlocks.size()).flatMapToPair(block -> {
                  HashFamily bank = recipe.value().draw(shared.value());
                  Dataset d = shared.value().dataset();
                  int[] queryRows = queryTruth.value().rows;
                  long[] keys = new long[maxL * (1 + probes)];
                  int[] tableOf = new int[keys.length];
                  List<Tuple2<Tuple2<Integer, Long>, Integer>> out = new ArrayList<>();
                  for (int q : block) {
                    int count = bank.queryKeys(d.vector(queryRows[q]), k, maxL, probes, keys, tableOf);
                    for (int i = 0; i < count; i++) {
                      out.add(new Tuple2<>(new Tuple2<>(tableOf[i], keys[i]), q));
                    }
                  }
                  return out.iterator();
                });
            int[] ls = grid.ls();
            List<long[]> perQuery = buckets.join(visited)
                .mapToPair(j -> new Tuple2<>(((long) j._2()._2() << 32) | j._2()._1(),
                    j._1()._1()))
                .reduceByKey(Math::min)
                .mapToPair(p -> new Tuple2<>((int) (p._1() >>> 32),
                    new int[] {(int) (long) p._1(), p._2()}))
                .groupByKey()
                .map(g -> CandidateCounts.of(g._1(), g._2(), ls, shared.value(),
                    queryTruth.value()))
                .collect();
            double passMs = (System.nanoTime() - p0) / 1e6;
            rows.addAll(CandidateCounts.rows(perQuery, ls, queries.length, n, members.length,
                relevant != null, queryTruth.value(), data, f, grid.family(), k, probes, repeat,
                seed, config.experiment(), passMs));
            log.printf(Locale.ROOT, "[spark] %s k=%d T=%d: all %d L in one pass, %.0f ms%n",
                grid.family(), k, probes, ls.length, passMs);
          }
        }
        signed.unpersist(false);
      }
    }
    Path csv = folder.resolve(RESULTS_FILE);
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(new String[0]))
        .setRecordSeparator('\n').build();
    AtomicFiles.writeText(csv, w -> {
      try (CSVPrinter p = new CSVPrinter(w, format)) {
        for (List<Object> r : rows) {
          p.printRecord(r);
        }
      }
    });
    return new Result(folder, csv, truth, truthSeconds);
  }

  /** About {@code parts} blocks, at least one row each. */
  static int blockSize(int rows, int parts) {
    return Math.max(1, (rows + parts - 1) / parts);
  }

  private static int[] indices(int n) {
    int[] out = new int[n];
    Arrays.setAll(out, i -> i);
    return out;
  }

  private static TopLists given(GroundTruth gt, int queries) {
    int[][] ids = new int[queries][];
    float[][] d = new float[queries][];
    for (int q = 0; q < queries; q++) {
      ids[q] = gt.neighbours(q);
      d[q] = gt.distances(q);
    }
    return new TopLists(ids, d);
  }

  private static void writeTruth(Path file, TopLists truth, int[] queries) throws IOException {
    CSVFormat format = CSVFormat.RFC4180.builder()
        .setHeader("query", "query_row", "rank", "neighbour_row", "squared_distance")
        .setRecordSeparator('\n').build();
    AtomicFiles.writeText(file, w -> {
      try (CSVPrinter p = new CSVPrinter(w, format)) {
        for (int q = 0; q < truth.ids.length; q++) {
          for (int r = 0; r < truth.ids[q].length; r++) {
            p.printRecord(q, queries[q], r, truth.ids[q][r], truth.distances[q][r]);
          }
        }
      }
    });
  }
}
