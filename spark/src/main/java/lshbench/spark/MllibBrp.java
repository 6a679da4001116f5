package lshbench.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lshbench.config.Key;
import lshbench.config.Settings;
import lshbench.data.Dataset;
import lshbench.eval.Evaluation;
import lshbench.experiment.ResultColumns;
import lshbench.lsh.Neighbours;
import lshbench.vector.VectorOps;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.feature.BucketedRandomProjectionLSH;
import org.apache.spark.ml.feature.BucketedRandomProjectionLSHModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * MLlib's {@code BucketedRandomProjectionLSH} as a baseline row: one random projection per
 * table, cut into buckets of {@code bucketLength} (no AND of several functions, SPARK-18408),
 * fitted on the members, queried with {@code approxSimilarityJoin(queries, members, ∞)}.
 *
 * <p>Why the join and not {@code approxNearestNeighbors}: with the default single probe, the
 * latter keeps the rows sharing a bucket with the key in at least one table and ranks them by
 * distance, which is exactly what the join returns for every query at once (distinct pairs that
 * collide in some table, an infinite threshold dropping none); but it is one Spark job per
 * query (0.5–2 s each here) where the join is one job for all of them. A query's candidates are
 * those pairs, counted on the executors; its answer is the n nearest of them; recall is scored
 * on the driver by the core's {@link Evaluation} against the run's exact lists.
 */
final class MllibBrp implements SparkBaseline {
  static final String NAME = "mllib-brp";
  static final String BUCKET_LENGTH = NAME + ".bucketLength";
  static final String TABLES = NAME + ".numHashTables";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Key> keys() {
    return List.of(
        Key.of(BUCKET_LENGTH, "1.0", "MLlib BucketedRandomProjectionLSH bucket width, in the "
            + "data's units (unit vectors for cosine): MLlib suggests 1-10 × n^(-1/d), which "
            + "for high d makes nearly every member a candidate"),
        Key.of(TABLES, "1,4", "MLlib numHashTables (one projection each), a grid: each value "
            + "is one fit and one join job"));
  }

  @Override
  public void check(Settings s) {
    s.doubleIn(BUCKET_LENGTH, 1.0, 1e-12, Double.MAX_VALUE);
    s.grid(TABLES, "1,4", 1, 1024);
  }

  @Override
  public List<Map<String, Object>> rows(Input in) {
    Settings s = in.settings();
    double bucketLength = s.doubleIn(BUCKET_LENGTH, 1.0, 1e-12, Double.MAX_VALUE);
    int[] tables = s.grid(TABLES, "1,4", 1, 1024);
    Dataset data = in.prepared().data();
    int[] queries = in.prepared().split().queries();
    int[] members = in.prepared().split().members();
    int n = in.prepared().topN();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(in.spark().sparkContext());
    int slices = Math.max(2, sc.defaultParallelism());
    StructType memberSchema = new StructType()
        .add("row", DataTypes.IntegerType, false)
        .add("label", DataTypes.IntegerType, false)
        .add("features", SQLDataTypes.VectorType(), false);
    // members go out as blocks carrying their vectors: no executor holds more than its share
    List<MemberBlock> blocks = MemberBlock.split(data, members, slices);
    JavaRDD<Row> memberRows = MemberBlock.pinned(sc.parallelize(blocks, blocks.size())
        .flatMap(b -> {
          List<Row> out = new ArrayList<>(b.size());
          for (int i = 0; i < b.size(); i++) {
            out.add(RowFactory.create(b.rows[i], b.labels == null ? -1 : b.labels[i],
                Vectors.dense(doubles(b.vectors, i * b.dim, b.dim))));
          }
          return out.iterator();
        }));
    org.apache.spark.sql.Dataset<Row> base = in.spark().createDataFrame(memberRows, memberSchema);
    List<Row> queryRows = new ArrayList<>();
    for (int q = 0; q < queries.length; q++) {
      queryRows.add(RowFactory.create(q, data.hasLabels() ? data.label(queries[q]) : -1,
          Vectors.dense(doubles(data.vectors(), data.offset(queries[q]), data.dim()))));
    }
    org.apache.spark.sql.Dataset<Row> asked = in.spark().createDataFrame(queryRows,
        new StructType().add("q", DataTypes.IntegerType, false)
            .add("label", DataTypes.IntegerType, false)
            .add("features", SQLDataTypes.VectorType(), false));
    Evaluation eval = new Evaluation(data, in.prepared().split(), in.truth(), n,
        in.config().timingPlan());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int repeat = 0; repeat < in.config().repeats(); repeat++) {
      long seed = in.config().hashSeed(repeat);
      for (int l : tables) {
        long b0 = System.nanoTime();
        BucketedRandomProjectionLSHModel model = new BucketedRandomProjectionLSH()
            .setBucketLength(bucketLength).setNumHashTables(l).setSeed(seed)
            .setInputCol("features").setOutputCol("hashes").fit(base);
        org.apache.spark.sql.Dataset<Row> hashed = model.transform(base).cache();
        hashed.count();
        double buildMs = (System.nanoTime() - b0) / 1e6;
        long j0 = System.nanoTime();
        Map<Integer, BrpAnswer> answers = model.approxSimilarityJoin(model.transform(asked),
                hashed, Double.POSITIVE_INFINITY, "dist")
            .select("datasetA.q", "datasetA.label", "datasetB.row", "datasetB.label", "dist")
            .javaRDD()
            .mapToPair(r -> new Tuple2<>(r.getInt(0), new Tuple2<>(r.getInt(2),
                new double[] {r.getDouble(4), r.getInt(1) >= 0 && r.getInt(1) == r.getInt(3)
                    ? 1 : 0})))
            .aggregateByKey(new BrpAnswer(n),
                (a, p) -> a.add(p._1(), p._2()[0], p._2()[1] > 0), BrpAnswer::merge)
            .collectAsMap();
        double joinMs = (System.nanoTime() - j0) / 1e6;
        hashed.unpersist();
        Neighbours[] found = new Neighbours[queries.length];
        long[] sameLabel = new long[queries.length];
        double candidates = 0;
        for (int q = 0; q < queries.length; q++) {
          BrpAnswer a = answers.get(q);
          found[q] = a == null ? new Neighbours(new int[0], new float[0], 0)
              : neighbours(data, queries[q], a);
          sameLabel[q] = a == null ? 0 : a.sameLabel;
          candidates += found[q].candidates();
        }
        Map<String, Object> row = in.rows().row(SparkRows.lsh(NAME, repeat, 1, l, 0), seed);
        in.rows().measured(row, eval.labelRecall(sameLabel), eval.knnRecall(found), Double.NaN,
            candidates / queries.length);
        SparkRows.timed(row, joinMs * 1e3 / queries.length, in.exactUs(), buildMs);
        row.put(ResultColumns.HASH_DIM, data.dim());
        rows.add(row);
        in.log().printf(Locale.ROOT, "[spark] %s bucketLength=%s L=%d: fit and hash %.0f ms, "
            + "join %.0f ms, %.1f candidates a query, kNN recall %.3f%n", NAME, bucketLength, l,
            buildMs, joinMs, candidates / queries.length, (double) row.get(
                ResultColumns.KNN_RECALL));
      }
    }
    return rows;
  }

  /** The answer's rows with their squared distances from the core's kernel. */
  private static Neighbours neighbours(Dataset data, int query, BrpAnswer a) {
    int[] ids = Arrays.copyOf(a.rows, a.size);
    float[] d = new float[ids.length];
    for (int i = 0; i < ids.length; i++) {
      d[i] = VectorOps.squaredDistance(data.vectors(), data.offset(query), data.vectors(),
          data.offset(ids[i]), data.dim());
    }
    return new Neighbours(ids, d, (int) a.candidates);
  }

  private static double[] doubles(float[] v, int from, int length) {
    double[] out = new double[length];
    for (int i = 0; i < length; i++) {
      out[i] = v[from + i];
    }
    return out;
  }
}
