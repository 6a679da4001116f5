package lshbench.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Held-out queries: {@code queries} random rows are searched for among the remaining
 * {@code members}, so no query finds itself.
 *
 * @param queries dataset rows used as queries, in draw order
 * @param members the other rows, ascending: what the indexes hold
 * @param seed the seed that drew them
 */
public record QuerySplit(int[] queries, int[] members, long seed) {

  /** Draws {@code count} queries out of {@code n} rows with a seeded shuffle. */
  public static QuerySplit draw(int n, int count, long seed) {
    if (count < 1) {
      throw new IllegalArgumentException("queries must be positive, got " + count);
    }
    if (count >= n) {
      throw new IllegalArgumentException(
          "queries (" + count + ") must be fewer than the dataset's items (" + n + ")");
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < count; i++) {
      int j = i + rng.nextInt(n - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] queries = Arrays.copyOf(order, count);
    int[] members = Arrays.copyOfRange(order, count, n);
    Arrays.sort(members);
    return new QuerySplit(queries, members, seed);
  }
}
