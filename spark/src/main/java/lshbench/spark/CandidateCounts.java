package lshbench.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lshbench.data.Dataset;
import lshbench.vector.VectorOps;
import scala.Tuple2;

/**
 * Queries' candidates at every L of a k, from the first table each item met them in: how many,
 * how many the rerank would return as kNN hits, how many share the query's label; counted in
 * the partition that holds the items' vectors, then summed per query; and the averages of the
 * results table.
 */
final class CandidateCounts {
  private CandidateCounts() {}

  /**
   * Per query met in this block, {@code [query, then per L: candidates, hits, same label]};
   * {@code pairs} holds {@code {query, item's index in the block, first table}} once per
   * (query, item).
   */
  static List<Tuple2<Integer, long[]>> inBlock(MemberBlock block, Iterable<int[]> pairs,
      int[] ls, QueryTruth t) {
    Map<Integer, long[]> byQuery = new HashMap<>();
    int d = block.dim;
    for (int[] p : pairs) {
      int query = p[0];
      int item = p[1];
      int table = p[2];
      long[] out = byQuery.computeIfAbsent(query, q -> {
        long[] c = new long[1 + 3 * ls.length];
        c[0] = q;
        return c;
      });
      // the rerank's exact distance, with the core's kernel
      boolean hit = VectorOps.squaredDistance(t.vectors, query * d, block.vectors, item * d, d)
          <= t.thresholds[query];
      boolean same = t.labels != null && block.labels[item] == t.labels[query];
      for (int i = 0; i < ls.length; i++) {
        if (table < ls[i]) {
          out[1 + 3 * i]++;
          out[2 + 3 * i] += hit ? 1 : 0;
          out[3 + 3 * i] += same ? 1 : 0;
        }
      }
    }
    List<Tuple2<Integer, long[]>> out = new ArrayList<>(byQuery.size());
    byQuery.forEach((q, c) -> out.add(new Tuple2<>(q, c)));
    return out;
  }

  /** Two blocks' counts of one query, summed. */
  static long[] sum(long[] a, long[] b) {
    long[] out = a.clone();
    for (int i = 1; i < out.length; i++) {
      out[i] += b[i];
    }
    return out;
  }

  /**
   * Per L: the local sweep's label recall (NaN unlabelled), kNN recall and mean candidates,
   * averaged over queries the same way.
   */
  static double[][] averages(List<long[]> perQuery, int[] ls, int queries, int topN,
      boolean labelled, QueryTruth t, Dataset data) {
    double[][] out = new double[ls.length][];
    for (int i = 0; i < ls.length; i++) {
      double candidates = 0;
      double knn = 0;
      double labelSum = 0;
      for (long[] c : perQuery) {
        candidates += c[1 + 3 * i];
        knn += Math.min(topN, c[2 + 3 * i]) / (double) topN;
      }
      int counted = 0;
      if (labelled) {
        long[][] byQuery = new long[queries][];
        for (long[] c : perQuery) {
          byQuery[(int) c[0]] = c;
        }
        for (int q = 0; q < queries; q++) {
          int relevant = t.membersPerLabel[data.label(t.rows[q])];
          if (relevant > 0) {
            labelSum += byQuery[q] == null ? 0 : byQuery[q][3 + 3 * i] / (double) relevant;
            counted++;
          }
        }
      }
      out[i] = new double[] {counted == 0 ? Double.NaN : labelSum / counted, knn / queries,
          candidates / queries};
    }
    return out;
  }
}
