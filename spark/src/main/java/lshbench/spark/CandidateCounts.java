package lshbench.spark;

import java.util.List;
import lshbench.data.Dataset;
import lshbench.vector.VectorOps;

/**
 * One query's candidates at every L of a k, from the first table each item met it in: how many,
 * how many the rerank would return as kNN hits, how many share its label; and the rows of the
 * results table summed over queries.
 */
final class CandidateCounts {
  private CandidateCounts() {}

  /**
   * {@code [query, then per L: candidates, hits, same label]}; {@code pairs} holds
   * {@code {item row, first table}} once per item.
   */
  static long[] of(int query, Iterable<int[]> pairs, int[] ls, SharedData shared, QueryTruth t) {
    Dataset data = shared.dataset();
    int row = t.rows[query];
    int d = data.dim();
    float[] v = data.vectors();
    long[] out = new long[1 + 3 * ls.length];
    out[0] = query;
    int label = shared.hasLabels() ? shared.label(row) : -1;
    for (int[] p : pairs) {
      int item = p[0];
      int table = p[1];
      // the rerank's exact distance, with the core's kernel
      boolean hit = VectorOps.squaredDistance(v, row * d, v, item * d, d) <= t.thresholds[query];
      boolean same = label >= 0 && shared.label(item) == label;
      for (int i = 0; i < ls.length; i++) {
        if (table < ls[i]) {
          out[1 + 3 * i]++;
          out[2 + 3 * i] += hit ? 1 : 0;
          out[3 + 3 * i] += same ? 1 : 0;
        }
      }
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
