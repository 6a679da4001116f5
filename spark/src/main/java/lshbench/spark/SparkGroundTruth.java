package lshbench.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lshbench.lsh.ExactIndex;
import lshbench.lsh.Neighbours;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

/**
 * Exact ground truth as one task per member block: each runs the core's exact scan
 * ({@link ExactIndex#searchBatch}, the same kernels as the local engine) of every query over
 * the block's own vectors, and the partial top-n lists merge over blocks. The work is
 * O(queries · n · d) like the local scan, spread over the blocks; the queries are broadcast,
 * the members never leave their partition, and only top-n lists travel (P · Q · n entries).
 */
final class SparkGroundTruth {
  private SparkGroundTruth() {}

  /** The n nearest members of every query (rows of the data), closest first. */
  static TopLists compute(JavaRDD<MemberBlock> members, Broadcast<QueryTruth> queries, int n) {
    return members.map(block -> {
      QueryTruth q = queries.value();
      int[] local = new int[block.size()];
      Arrays.setAll(local, i -> i);
      Neighbours[] answers = new ExactIndex(block.dataset(), local).searchBatch(q.vectors,
          Math.min(n, block.size()), 1);
      int[][] ids = new int[answers.length][];
      float[][] dists = new float[answers.length][];
      for (int i = 0; i < answers.length; i++) {
        int[] found = answers[i].ids();
        ids[i] = new int[found.length];
        for (int j = 0; j < found.length; j++) {
          ids[i][j] = block.rows[found[j]];
        }
        dists[i] = answers[i].distances();
      }
      return new TopLists(ids, dists);
    }).treeReduce((a, b) -> TopLists.merge(a, b, n));
  }

  static List<int[]> blocks(int[] rows, int size) {
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < rows.length; i += size) {
      out.add(Arrays.copyOfRange(rows, i, Math.min(rows.length, i + size)));
    }
    return out;
  }
}
