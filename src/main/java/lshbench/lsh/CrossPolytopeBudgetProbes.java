package lshbench.lsh;

import java.util.Arrays;

/**
 * Cross-polytope multi-probe with one budget over all tables (FALCONN's {@code num_probes}):
 * the query's own bucket in every table, then the rank vectors of {@link CrossPolytopeProbes}
 * enumerated best-first from one heap shared by all tables, scored by Σ |x_max| − |x_i|. Every
 * rotation has the same scale, so the scores compare across tables as FALCONN compares them.
 *
 * <p>A partial last polytope of m coordinates offers its own 2m vertices only, the opposite ones
 * after the same-sign ones as in {@link CrossPolytopeProbes}.
 *
 * <p>The sequence does not depend on the budget (a larger one visits a superset of buckets),
 * and a budget of L is plain LSH. Allocation-free per query once sized; not thread-safe.
 */
final class CrossPolytopeBudgetProbes {
  /** Above this many runner-ups a sort of the coordinates beats insertion. */
  private static final int INSERTION_RANKS = 16;
  private static final int SLOT = 64;
  private final int rotDim;
  private final int maxK;
  private final int tables;
  private final int budget;
  private final int ranks;
  private final int rankBits;
  private final long[] home;
  private final int[] vertex;
  private final float[] cost;
  /** Vertices (with the home one) function j of table t offers this query, at t·maxK + j. */
  private final int[] count;
  private final long[] sortScratch;
  private final ProbeHeap heap;

  CrossPolytopeBudgetProbes(int maxK, int rotDim, int tables, int budget) {
    this.rotDim = rotDim;
    this.maxK = maxK;
    this.tables = tables;
    this.budget = budget;
    // A rank vector packs k ranks into a long.
    this.rankBits = Math.min(8, HashFamily.KEY_BITS / maxK);
    // No function can need more runner-ups than the probes beyond the tables' own buckets.
    this.ranks = Math.max(1, Math.min(Math.min(budget - tables + 1, rotDim), (1 << rankBits) - 1));
    this.home = new long[tables];
    this.vertex = new int[tables * maxK * ranks];
    this.cost = new float[tables * maxK * ranks];
    this.count = new int[tables * maxK];
    this.sortScratch = new long[rotDim];
    this.heap = new ProbeHeap(1 + tables * maxK + budget * maxK);
  }

  boolean fits(int maxK, int t, int b) {
    return maxK == this.maxK && t <= tables && b <= budget;
  }

  /**
   * Records table t's own key and the runner-up vertices of its k functions.
   *
   * @param rotated the query's k rotated vectors for this table, function j at j·d'
   * @param last coordinates of function k − 1's polytope (d' when whole)
   */
  void table(int t, long key, float[] rotated, int k, int last, int budgetRanks) {
    home[t] = key;
    for (int j = 0; j < k; j++) {
      count[t * maxK + j] = top(rotated, j * rotDim, j == k - 1 ? last : rotDim,
          (t * maxK + j) * ranks, Math.min(ranks, budgetRanks));
    }
  }

  /** Runner-ups this budget can use at {@code used} tables. */
  int ranksFor(int used, int total) {
    return Math.max(1, Math.min(ranks, total - used + 1));
  }

  int keys(int k, int bits, int used, int total, long[] keys, int[] tableOf) {
    assert used <= tables && total <= budget && total >= used;
    int r = ranksFor(used, total);
    int n = 0;
    for (int t = 0; t < used; t++) {
      keys[n] = home[t];
      tableOf[n++] = t;
    }
    heap.clear();
    if (r > 1) {
      for (int t = 0; t < used; t++) {
        for (int i = 0; i < k; i++) {
          if (count[t * maxK + i] > 1) {
            heap.push(1L << (i * rankBits), t * SLOT + i, cost[(t * maxK + i) * ranks + 1]);
          }
        }
      }
    }
    long mask = (1L << rankBits) - 1;
    while (n < total && !heap.isEmpty()) {
      long vec = heap.topSet();
      int at = heap.topLast();
      double score = heap.topScore();
      heap.pop();
      int t = at / SLOT;
      int last = at - t * SLOT;
      long key = 0;
      for (int j = 0; j < k; j++) {
        int rank = (int) ((vec >>> (j * rankBits)) & mask);
        key |= (long) vertex[(t * maxK + j) * ranks + rank] << (j * bits);
      }
      keys[n] = key;
      tableOf[n++] = t;
      for (int i = last; i < k; i++) {
        int rank = (int) ((vec >>> (i * rankBits)) & mask);
        if (rank + 1 < count[t * maxK + i]) {
          int base = (t * maxK + i) * ranks;
          heap.push(vec + (1L << (i * rankBits)), t * SLOT + i,
              score - cost[base + rank] + cost[base + rank + 1]);
        }
      }
    }
    return n;
  }

  /**
   * The best {@code wanted} vertices of the polytope of the first m coordinates, best first, as
   * vertices and costs (see {@link CrossPolytopeProbes}).
   *
   * @return how many were written: min(wanted, m), or min(wanted, 2m) for a partial polytope
   */
  private int top(float[] x, int off, int m, int out, int wanted) {
    int count = Math.min(wanted, m);
    if (count <= INSERTION_RANKS) {
      int filled = 0;
      for (int i = 0; i < m; i++) {
        float a = Math.abs(x[off + i]);
        if (filled == count && a <= cost[out + count - 1]) {
          continue;
        }
        int pos = filled == count ? count - 1 : filled++;
        while (pos > 0 && cost[out + pos - 1] < a) {
          cost[out + pos] = cost[out + pos - 1];
          vertex[out + pos] = vertex[out + pos - 1];
          pos--;
        }
        cost[out + pos] = a;
        vertex[out + pos] = x[off + i] >= 0 ? i : i + m;
      }
    } else {
      // Non-negative floats order as their bits: larger magnitude first, then lower index, the
      // order insertion gives. Only the count smallest keys are wanted, so they are selected
      // with a bounded max-heap (a full sort of d' keys per function per table cost ~0.1 ms)
      // and then sorted.
      int size = 0;
      for (int i = 0; i < m; i++) {
        long bits = Float.floatToRawIntBits(Math.abs(x[off + i]));
        long key = ((Integer.MAX_VALUE - bits) << 32) | i;
        if (size < count) {
          siftUp(key, size++);
        } else if (key < sortScratch[0]) {
          siftDown(key, count);
        }
      }
      Arrays.sort(sortScratch, 0, count);
      for (int r = 0; r < count; r++) {
        int i = (int) sortScratch[r];
        cost[out + r] = Math.abs(x[off + i]);
        vertex[out + r] = x[off + i] >= 0 ? i : i + m;
      }
    }
    float topValue = cost[out];
    for (int r = 0; r < count; r++) {
      cost[out + r] = topValue - cost[out + r];
    }
    int filled = count;
    if (m < rotDim) {
      // The opposite vertices, cheapest (smallest |x_i|) first: the list backwards, signs flipped.
      for (int r = count - 1; r >= 0 && filled < wanted; r--) {
        cost[out + filled] = topValue + (topValue - cost[out + r]);
        int v = vertex[out + r];
        vertex[out + filled++] = v < m ? v + m : v - m;
      }
    }
    return filled;
  }

  /** Adds key at position {@code at} of the max-heap in {@link #sortScratch}. */
  private void siftUp(long key, int at) {
    long[] h = sortScratch;
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      if (h[parent] >= key) {
        break;
      }
      h[at] = h[parent];
      at = parent;
    }
    h[at] = key;
  }

  /** Replaces the max-heap's largest key with a smaller one. */
  private void siftDown(long key, int size) {
    long[] h = sortScratch;
    int at = 0;
    while (true) {
      int child = 2 * at + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && h[child + 1] > h[child]) {
        child++;
      }
      if (h[child] <= key) {
        break;
      }
      h[at] = h[child];
      at = child;
    }
    h[at] = key;
  }
}
