package lshbench.eval;

import java.io.IOException;
import java.util.Locale;
import lshbench.data.Dataset;
import lshbench.lsh.ExactIndex;
import lshbench.lsh.Neighbours;

/**
 * Checks a published ground truth against a brute-force search on a seeded sample of its
 * queries before anything is measured with it. A file whose ids count from 1, whose base is
 * another file's, or whose metric is not the one used would otherwise turn every recall into a
 * quiet wrong number.
 */
public final class GroundTruthCheck {
  /** Relative slack on squared distances: float rounding in the file's tool and in ours. */
  static final double SLACK = 1e-3;

  private GroundTruthCheck() {}

  /**
   * Compares, per sampled query, the given n-th nearest distance with the exact one.
   *
   * @param sample queries checked (all when fewer)
   * @return how many queries were checked
   * @throws IOException naming the first disagreeing query, when any does
   */
  public static int verify(Dataset data, QuerySplit split, GroundTruth given, int n, int sample,
      long seed, int threads, String what) throws IOException {
    int queries = split.queries().length;
    int count = Math.min(sample, queries);
    int[] picked = sample(queries, count, seed);
    int[] rows = new int[count];
    for (int i = 0; i < count; i++) {
      rows[i] = split.queries()[picked[i]];
    }
    Neighbours[] exact = new ExactIndex(data, split.members())
        .searchBatch(data.rows(rows), n, threads);
    int bad = 0;
    String first = null;
    for (int i = 0; i < count; i++) {
      float want = exact[i].distances()[n - 1];
      float got = given.distances(picked[i])[n - 1];
      if (Math.abs(got - want) > SLACK * Math.max(Math.abs(got), Math.abs(want)) + 1e-6) {
        bad++;
        if (first == null) {
          first = String.format(Locale.ROOT, "query %d: its %d-th given neighbour at squared "
              + "distance %.6g, the exact %d-th at %.6g", picked[i], n, got, n, want);
        }
      }
    }
    if (bad > 0) {
      throw new IOException(String.format(Locale.ROOT, "%s: the given neighbours disagree with a "
          + "brute-force search on %d of %d sampled queries (%s); is it the ground truth of this "
          + "base, queries and metric, with ids counted from 0?", what, bad, count, first));
    }
    return count;
  }

  private static int[] sample(int n, int count, long seed) {
    return java.util.Arrays.copyOf(QuerySplit.shuffledPrefix(n, count, seed), count);
  }
}
