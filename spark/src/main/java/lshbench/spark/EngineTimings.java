package lshbench.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lshbench.embed.ImageEmbedding;
import lshbench.eval.GroundTruth;
import lshbench.experiment.PreparedData;
import lshbench.experiment.SweepConfig;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * One timed run for {@code src/bench/spark-timings.sh}: an experiment's images embedded into a
 * new empty cache (so the embedding is computed, never read), then its exact ground truth, on
 * one engine: {@code local} (the core's pipeline and {@link GroundTruth#compute} on
 * {@code threads} threads) or {@code spark} ({@link SparkImageEmbedder} and
 * {@link SparkGroundTruth} on {@code spark.master}). The Spark session's start (with a first
 * trivial job) is timed apart. Prints one {@code RESULT} line of wall seconds; the script runs
 * it under {@code taskset} and repeats.
 *
 * <pre>EngineTimings local|spark EXPERIMENT [key=value ...]</pre>
 */
public final class EngineTimings {
  private EngineTimings() {}

  public static void main(String[] args) throws IOException {
    String engine = args.length > 0 ? args[0] : "";
    if (!engine.equals("local") && !engine.equals("spark")) {
      System.err.println("error: usage: EngineTimings local|spark EXPERIMENT [key=value ...]");
      System.exit(2);
    }
    Path cache = Files.createTempDirectory("lshbench-timings-cache-");
    PrintStream log = System.err;
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    try {
      SweepConfig config = BenchSettings.read(java.util.Arrays.copyOfRange(args, 1, args.length),
          Map.of("cache.dir", cache.toString()));
      double session = Double.NaN;
      SparkSession spark = null;
      long t0 = System.nanoTime();
      if (engine.equals("spark")) {
        spark = SparkSessions.shared(log);
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(List.of(1, 2), 2)
            .count();
        session = seconds(t0);
      }
      t0 = System.nanoTime();
      ImageEmbedding.Result r = spark != null
          ? ImageEmbedding.load(config.images(), cache, log, new SparkImageEmbedder(spark))
          : ImageEmbedding.load(config.images(), cache, log);
      double embed = seconds(t0);
      if (r.fromCache()) {
        throw new IllegalStateException("the embedding came from a cache: nothing was timed");
      }
      double table = Double.NaN;
      if (spark != null) {
        t0 = System.nanoTime();
        EmbeddingTable.write(spark, r.dataset(), EmbeddingTable.beside(cache, r.cacheKey()));
        table = seconds(t0);
      }
      PreparedData p = PreparedData.load(config, quiet);
      int[] queries = p.split().queries();
      int[] members = p.split().members();
      t0 = System.nanoTime();
      if (spark != null) {
        // as SparkSweep does: member blocks carrying their vectors, the queries broadcast
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<MemberBlock> blocks = MemberBlock.split(p.data(), members,
            Math.max(2, sc.defaultParallelism()));
        int[] labels = null;
        if (p.data().hasLabels()) {
          labels = new int[queries.length];
          for (int q = 0; q < queries.length; q++) {
            labels[q] = p.data().label(queries[q]);
          }
        }
        Broadcast<QueryTruth> truth = sc.broadcast(new QueryTruth(queries,
            p.data().rows(queries), p.data().dim(), labels, null, p.topN(), null));
        SparkGroundTruth.compute(MemberBlock.pinned(sc.parallelize(blocks, blocks.size())),
            truth, p.topN());
      } else {
        GroundTruth.compute(p.data(), p.split(), p.topN(), config.threads());
      }
      double truthSeconds = seconds(t0);
      String where = spark != null ? spark.sparkContext().master()
          : "threads:" + config.threads();
      System.out.printf(Locale.ROOT, "RESULT engine=%s where=%s cpus=%d images=%d queries=%d "
          + "members=%d session_s=%.2f embed_s=%.2f parquet_s=%.2f truth_s=%.2f%n", engine,
          where, Runtime.getRuntime().availableProcessors(), r.dataset().size(), queries.length,
          members.length, session, embed, table, truthSeconds);
    } finally {
      FileTrees.delete(cache);
    }
    System.exit(0);
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
