package lshbench.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import lshbench.data.Dataset;
import lshbench.lsh.ExactIndex;
import lshbench.lsh.Neighbours;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Exact ground truth as (query block × member block) tasks: each task runs the core's exact
 * scan ({@link ExactIndex#searchBatch}, the same kernels as the local engine) of its queries
 * over its members, and the partial top-n lists of a query block merge over member blocks. The
 * work is O(queries · n · d) like the local scan, spread over
 * ⌈queries/queryBlock⌉ · ⌈members/memberBlock⌉ tasks; only top-n lists are shuffled.
 */
final class SparkGroundTruth {
  private SparkGroundTruth() {}

  /** The n nearest members of every query (rows of the data), closest first. */
  static TopLists compute(JavaSparkContext sc, Broadcast<SharedData> shared, int[] queries,
      int[] members, int n, int queryBlock, int memberBlock) {
    List<int[]> queryBlocks = blocks(queries, queryBlock);
    List<int[]> memberBlocks = blocks(members, memberBlock);
    List<Tuple2<Integer, int[]>> numbered = new ArrayList<>();
    for (int b = 0; b < queryBlocks.size(); b++) {
      numbered.add(new Tuple2<>(b, queryBlocks.get(b)));
    }
    JavaRDD<Tuple2<Integer, int[]>> q = sc.parallelize(numbered, numbered.size());
    JavaRDD<int[]> m = sc.parallelize(memberBlocks, memberBlocks.size());
    JavaPairRDD<Integer, TopLists> partial = q.cartesian(m).mapToPair(pair -> {
      Dataset data = shared.value().dataset();
      int[] block = pair._2();
      int[] rows = pair._1()._2();
      Neighbours[] answers = new ExactIndex(data, block).searchBatch(data.rows(rows),
          Math.min(n, block.length), 1);
      int[][] ids = new int[answers.length][];
      float[][] dists = new float[answers.length][];
      for (int i = 0; i < answers.length; i++) {
        ids[i] = answers[i].ids();
        dists[i] = answers[i].distances();
      }
      return new Tuple2<>(pair._1()._1(), new TopLists(ids, dists));
    });
    Map<Integer, TopLists> merged = partial.reduceByKey((a, b) -> TopLists.merge(a, b, n))
        .collectAsMap();
    int[][] ids = new int[queries.length][];
    float[][] dists = new float[queries.length][];
    int at = 0;
    for (int b = 0; b < queryBlocks.size(); b++) {
      TopLists t = merged.get(b);
      for (int i = 0; i < t.ids.length; i++, at++) {
        ids[at] = t.ids[i];
        dists[at] = t.distances[i];
      }
    }
    return new TopLists(ids, dists);
  }

  static List<int[]> blocks(int[] rows, int size) {
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < rows.length; i += size) {
      out.add(Arrays.copyOfRange(rows, i, Math.min(rows.length, i + size)));
    }
    return out;
  }
}
