package lshbench.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lshbench.config.ConfigException;
import lshbench.data.Dataset;
import lshbench.eval.GroundTruth;
import lshbench.experiment.PreparedData;
import lshbench.experiment.Predictions;
import lshbench.experiment.ResultColumns;
import lshbench.experiment.ResultsCsv;
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
 * The sweep on Spark: the members cut into blocks that carry their vectors (one partition each,
 * so no executor holds them all), the exact ground truth ({@link SparkGroundTruth}), then per
 * family, repeat, k and probes one pass that gives every L at once. Members are hashed once per
 * family and repeat in their blocks (max(k) × max(L) functions, the local sweep's bank); for
 * each k their bucket keys in the max(L) tables are joined with the keys each query visits, and
 * each (query, item) pair keeps the first table it met in. An item is a candidate of the (k, L)
 * index exactly when that table is below L, so counting pairs in the item's block (kNN hits by
 * exact distance within the true n-th, reranked as the local index does, and same-label items)
 * gives the whole L curve. The rows are the local sweep's results.csv columns
 * ({@link SparkRows}), with the exact scan's row, the theory's predictions and any Spark
 * baselines; times are whole Spark jobs per query, not one query's latency.
 */
final class SparkSweep implements RunPlan<SparkSweep.Result> {
  static final String TRUTH_FILE = "ground-truth.csv";
  /** Evaluation's slack: an answer as far as the true n-th neighbour, rounding aside, is a hit. */
  private static final double DISTANCE_SLACK = 1e-5;
  static final String IDENTITY = "identity.properties";
  /**
   * Above this many multiply-adds (queries × members × d) the driver does not measure the
   * collision theory, which scans every pair on the driver as the local sweep does.
   */
  static final double THEORY_WORK = 1e11;

  private final SparkSession spark;
  private final SweepConfig config;
  private final PrintStream log;
  private PreparedData prepared;
  private SparkEmbedding.Result embedded;

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
    for (lshbench.family.LshGrid<?> g : config.families().lsh()) {
      if (g.inBits()) {
        throw new ConfigException(g.family() + ".bits: the spark engine sweeps a k grid only "
            + "(one bank of whole functions); give " + g.family() + ".k or use the local engine");
      }
    }
    SparkBaselines.chosen(config);
    if (config.images() != null) {
      // embedded on Spark into the core's cache, which PreparedData then reads as a hit
      embedded = SparkEmbedding.load(spark, config.images(), config.cacheDir(), log);
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
    long started = System.currentTimeMillis();
    double loadAtStart = loadAverage();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Dataset data = prepared.data();
    int[] queries = prepared.split().queries();
    int[] members = prepared.split().members();
    int n = prepared.topN();
    int slices = Math.max(2, sc.defaultParallelism());
    // The members travel once, as blocks carrying their vectors, block b in partition b; every
    // stage below reads them where they are. Only the queries are broadcast.
    List<MemberBlock> blockList = MemberBlock.split(data, members, slices);
    int blockCount = blockList.size();
    List<Tuple2<Integer, MemberBlock>> numbered = new ArrayList<>();
    for (int b = 0; b < blockCount; b++) {
      numbered.add(new Tuple2<>(b, blockList.get(b)));
    }
    blockList = null;
    JavaRDD<Tuple2<Integer, MemberBlock>> blocks = MemberBlock.pinned(sc.parallelize(numbered,
        blockCount));
    numbered = null;
    Broadcast<QueryTruth> queryTruth = sc.broadcast(queryTruth(null, null));
    long t0 = System.nanoTime();
    TopLists truth;
    boolean given = prepared.truth() != null;
    if (given) {
      truth = given(prepared.truth(), queries.length);
      log.println("[spark] ground truth given with the queries");
    } else {
      truth = SparkGroundTruth.compute(blocks.map(Tuple2::_2), queryTruth, n);
    }
    double truthSeconds = (System.nanoTime() - t0) / 1e9;
    log.printf(Locale.ROOT, "[spark] ground truth (%d queries × %d members, top %d) in %.1f s%n",
        queries.length, members.length, n, truthSeconds);
    writeTruth(folder.resolve(TRUTH_FILE), truth, queries);
    if (embedded != null) {
      Path skipped = embedded.images().writeSkippedCsv(folder.path());
      log.println("[embed] " + embedded.images().skipped().size() + " skipped files listed in "
          + skipped);
    }
    GroundTruth exactLists = GroundTruth.of(data, prepared.split(), truth.ids, truth.distances);
    // the exact scan's Spark job, per query: the time every row is compared with
    double exactUs = given ? Double.NaN : truthSeconds * 1e6 / queries.length;
    SparkRows table = new SparkRows(config, prepared);
    Predictions predictions = null;
    if ((double) queries.length * members.length * data.dim() <= THEORY_WORK) {
      predictions = Predictions.of(config, prepared, exactLists, log);
    } else {
      log.printf(Locale.ROOT, "[spark] collision theory left out: it scans every query against "
          + "every member on the driver (%.1e multiply-adds, more than %.0e)%n",
          (double) queries.length * members.length * data.dim(), THEORY_WORK);
    }

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
    queryTruth.destroy();
    queryTruth = sc.broadcast(queryTruth(thresholds, relevant));
    Broadcast<QueryTruth> finalTruth = queryTruth;
    ResultsCsv csv = new ResultsCsv(folder.path());
    List<int[]> queryBlocks = SparkGroundTruth.blocks(indices(queries.length),
        blockSize(queries.length, slices));
    for (int repeat = 0; repeat < config.repeats(); repeat++) {
      long seed = config.hashSeed(repeat);
      for (int f = 0; f < config.families().lsh().size(); f++) {
        LshGrid<?> grid = config.families().lsh().get(f);
        Broadcast<BankRecipe> recipe = sc.broadcast(new BankRecipe(config, f, seed, data,
            members, prepared.centre()));
        HashFamily driverBank = recipe.value().draw();
        log.println("[spark] " + driverBank.describe());
        int maxL = grid.maxL();
        int stride = driverBank.tables();
        // Members hashed once for the family and repeat, in their blocks: (block, signatures).
        long h0 = System.nanoTime();
        JavaRDD<Tuple2<Integer, long[]>> signed = blocks.map(b -> {
          HashFamily bank = recipe.value().draw();
          int[] local = indices(b._2().size());
          return new Tuple2<>(b._1(), bank.signatures(b._2().dataset(), local, 1));
        }).persist(StorageLevel.MEMORY_ONLY());
        signed.count();
        double hashMs = (System.nanoTime() - h0) / 1e6;
        for (int k : grid.ks()) {
          long mask = driverBank.mask(k);
          // (table, key) → the item as (block << 32 | index in the block)
          JavaPairRDD<Tuple2<Integer, Long>, Long> buckets = signed.flatMapToPair(b -> {
            List<Tuple2<Tuple2<Integer, Long>, Long>> out = new ArrayList<>();
            int items = b._2().length / stride;
            for (int i = 0; i < items; i++) {
              long item = ((long) b._1() << 32) | i;
              for (int t = 0; t < maxL; t++) {
                out.add(new Tuple2<>(new Tuple2<>(t, b._2()[i * stride + t] & mask), item));
              }
            }
            return out.iterator();
          });
          for (int probes : grid.probes()) {
            int[] ls = grid.ls();
            long p0 = System.nanoTime();
            JavaPairRDD<Tuple2<Integer, Long>, Integer> visited = sc.parallelize(queryBlocks,
                queryBlocks.size()).flatMapToPair(block -> {
                  HashFamily bank = recipe.value().draw();
                  QueryTruth qt = finalTruth.value();
                  long[] keys = new long[maxL * (1 + probes)];
                  int[] tableOf = new int[keys.length];
                  List<Tuple2<Tuple2<Integer, Long>, Integer>> out = new ArrayList<>();
                  for (int q : block) {
                    float[] v = java.util.Arrays.copyOfRange(qt.vectors, q * qt.dim,
                        (q + 1) * qt.dim);
                    int count = bank.queryKeys(v, k, maxL, probes, keys, tableOf);
                    for (int i = 0; i < count; i++) {
                      out.add(new Tuple2<>(new Tuple2<>(tableOf[i], keys[i]), q));
                    }
                  }
                  return out.iterator();
                });
            // each (query, item) once with the first table it met in, already in the
            // partition of the item's block, where its vector is
            List<long[]> perQuery = buckets.join(visited)
                .mapToPair(j -> new Tuple2<>(new Tuple2<>(j._2()._2(), j._2()._1()),
                    j._1()._1()))
                .reduceByKey(new ByBlock(blockCount), Math::min)
                .zipPartitions(blocks, (pairs, here) -> {
                  Tuple2<Integer, MemberBlock> b = here.next();
                  List<int[]> mine = new ArrayList<>();
                  while (pairs.hasNext()) {
                    Tuple2<Tuple2<Integer, Long>, Integer> p = pairs.next();
                    long item = p._1()._2();
                    if ((int) (item >>> 32) != b._1()) {
                      throw new IllegalStateException("pair of block " + (item >>> 32)
                          + " in the partition of block " + b._1());
                    }
                    mine.add(new int[] {p._1()._1(), (int) item, p._2()});
                  }
                  return CandidateCounts.inBlock(b._2(), mine, ls, finalTruth.value())
                      .iterator();
                })
                .mapToPair(c -> c)
                .reduceByKey(CandidateCounts::sum)
                .values()
                .collect();
            double passMs = (System.nanoTime() - p0) / 1e6;
            double[][] measured = CandidateCounts.averages(perQuery, ls, queries.length, n,
                relevant != null, queryTruth.value(), data);
            for (int i = 0; i < ls.length; i++) {
              Map<String, Object> row = table.row(SparkRows.lsh(grid.family(), repeat, k, ls[i],
                  probes), seed);
              table.measured(row, measured[i][0], measured[i][1], Double.NaN, measured[i][2]);
              // the hashing of the members, shared by the grid, as the local sweep shares it
              double share = hashMs * k * ls[i] / ((double) grid.maxK() * maxL);
              SparkRows.timed(row, passMs * 1e3 / queries.length, exactUs,
                  driverBank.trainMs() + share);
              row.put(ResultColumns.TRAIN_MS, driverBank.trainMs());
              row.put(ResultColumns.HASH_MS, share);
              row.put(ResultColumns.KEY_BITS, k * driverBank.bitsPerFunction());
              row.put(ResultColumns.HASH_DIM, driverBank.hashDim());
              if (predictions != null) {
                predictions.put(row, grid, driverBank, k, ls[i], probes);
              }
              csv.add(row);
            }
            log.printf(Locale.ROOT, "[spark] %s k=%d T=%d: all %d L in one pass, %.0f ms%n",
                grid.family(), k, probes, ls.length, passMs);
          }
        }
        signed.unpersist(false);
      }
    }
    // the blocks stay until the session ends: a locally checkpointed RDD cannot be rebuilt, and
    // Spark warns on unpersisting one
    for (SparkBaseline baseline : SparkBaselines.chosen(config)) {
      for (Map<String, Object> row : baseline.rows(new SparkBaseline.Input(spark, config,
          prepared, exactLists, table, exactUs, log))) {
        csv.add(row);
      }
    }
    csv.add(exactRow(table, exactLists, exactUs));
    Path file = csv.finish();
    writeIdentity(folder);
    SparkRunJson.write(folder.resolve(SparkRunJson.FILE), config, prepared, spark, started,
        exactUs, loadAtStart, loadAverage());
    return new Result(folder, file, truth, truthSeconds);
  }

  /**
   * The exact scan's row: every member a candidate, so kNN and label recall 1, timed as the
   * ground truth's job per query.
   */
  private Map<String, Object> exactRow(SparkRows table, GroundTruth truth, double exactUs) {
    Map<String, Object> params = new java.util.LinkedHashMap<>();
    params.put(ResultColumns.FAMILY, ResultColumns.EXACT_FAMILY);
    params.put(ResultColumns.REPEAT, 0);
    Map<String, Object> row = table.row(params, 0);
    Dataset data = prepared.data();
    int[] queries = prepared.split().queries();
    double label = Double.NaN;
    double precision = Double.NaN;
    if (data.hasLabels()) {
      double hits = 0;
      int labelled = 0;
      for (int q = 0; q < queries.length; q++) {
        int l = data.label(queries[q]);
        labelled += truth.membersWithLabel(l) > 0 ? 1 : 0;
        for (int id : truth.neighbours(q)) {
          hits += data.label(id) == l ? 1 : 0;
        }
      }
      label = labelled == 0 ? Double.NaN : 1.0;
      precision = hits / queries.length / prepared.topN();
    }
    table.measured(row, label, 1.0, precision, prepared.split().members().length);
    SparkRows.timed(row, exactUs, exactUs, 0);
    return row;
  }

  /** The queries' broadcast: vectors, labels, rows, kNN thresholds, members per label. */
  private QueryTruth queryTruth(double[] thresholds, int[] relevant) {
    Dataset data = prepared.data();
    int[] queries = prepared.split().queries();
    int[] labels = null;
    if (data.hasLabels()) {
      labels = new int[queries.length];
      for (int q = 0; q < queries.length; q++) {
        labels[q] = data.label(queries[q]);
      }
    }
    return new QueryTruth(queries, data.rows(queries), data.dim(), labels, thresholds,
        prepared.topN(), relevant);
  }

  /** What the run computes, as the local sweep records it (SweepConfig#identity). */
  private void writeIdentity(RunFolder folder) throws IOException {
    StringBuilder b = new StringBuilder("# what this run computes\n");
    config.identity().forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
    AtomicFiles.writeString(folder.resolve(IDENTITY), b.toString());
  }

  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        .getSystemLoadAverage();
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
