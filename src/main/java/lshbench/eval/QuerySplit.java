package lshbench.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which rows are queries and which are searched: held-out ({@link #draw}: {@code queries}
 * random rows searched for among the remaining {@code members}, so no query finds itself) or
 * fixed ({@link #fixed}: a published query set appended after the base).
 *
 * @param queries dataset rows used as queries, in draw order
 * @param members the other rows, ascending: what the indexes hold
 * @param seed the seed that drew them
 */
public record QuerySplit(int[] queries, int[] members, long seed) {

  /**
   * A published query set: the dataset holds the {@code base} items first and the
   * {@code queries} after them, so a member's row is its position in the base and a published
   * neighbour id needs no translation. Nothing is drawn; the seed is -1.
   */
  public static QuerySplit fixed(int base, int queries) {
    if (base < 1 || queries < 1) {
      throw new IllegalArgumentException("a fixed split needs base items and queries, got " + base
          + " and " + queries);
    }
    int[] q = new int[queries];
    for (int i = 0; i < queries; i++) {
      q[i] = base + i;
    }
    int[] members = new int[base];
    for (int i = 0; i < base; i++) {
      members[i] = i;
    }
    return new QuerySplit(q, members, -1);
  }

  /**
   * The rows 0..n−1 with a seeded, uniformly drawn {@code count} of them moved to the front
   * (the first {@code count} steps of a Fisher–Yates shuffle); the rest follow in no order.
   */
  static int[] shuffledPrefix(int n, int count, long seed) {
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
    return order;
  }

  /** Draws {@code count} queries out of {@code n} rows with a seeded shuffle. */
  public static QuerySplit draw(int n, int count, long seed) {
    if (count < 1) {
      throw new IllegalArgumentException("queries must be positive, got " + count);
    }
    if (count >= n) {
      throw new IllegalArgumentException(
          "queries (" + count + ") must be fewer than the dataset's items (" + n + ")");
    }
    int[] order = shuffledPrefix(n, count, seed);
    int[] queries = Arrays.copyOf(order, count);
    int[] members = Arrays.copyOfRange(order, count, n);
    Arrays.sort(members);
    return new QuerySplit(queries, members, seed);
  }
}
