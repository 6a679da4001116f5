package lshbench.lsh;

/**
 * Multi-probe with one budget over all tables, as FALCONN spends its {@code num_probes}: first
 * the query's own bucket in every table, then the globally best perturbations, one
 * shift/expand sequence per table (Lv et al. 2007) merged across tables by the sum of squared
 * margins of the flipped bits. A table whose query sits near many planes gets many probes, one
 * where it sits deep inside its bucket gets none, where a per-table count spends alike on both.
 *
 * <p>The sequence does not depend on the budget, so a larger budget visits a superset of a
 * smaller one's buckets (recall can only grow), and a budget of L is plain LSH. Allocation-free
 * per query once sized; not thread-safe.
 */
final class SignBitBudgetProbes {
  private static final int SLOT = HyperplaneBank.MAX_BITS;
  private final int tables;
  private final int budget;
  private final long[] home;
  private final int[] order;
  private final double[] score;
  private final ProbeHeap heap;

  SignBitBudgetProbes(int tables, int budget) {
    this.tables = tables;
    this.budget = budget;
    home = new long[tables];
    order = new int[tables * SLOT];
    score = new double[tables * SLOT];
    // Each pop pushes at most two: L seeds plus 2 per probe never overflow.
    heap = new ProbeHeap(tables + 2 * budget + 2);
  }

  /** Whether this instance is large enough for {@code t} tables and {@code b} probes. */
  boolean fits(int t, int b) {
    return t <= tables && b <= budget;
  }

  /** Records table t's own key and its k bits' margins (|projection − threshold|). */
  void table(int t, long key, double[] margins, int k) {
    home[t] = key;
    int base = t * SLOT;
    for (int j = 0; j < k; j++) {
      int i = j;
      double m = margins[j] * margins[j];
      while (i > 0 && score[base + i - 1] > m) {
        order[base + i] = order[base + i - 1];
        score[base + i] = score[base + i - 1];
        i--;
      }
      order[base + i] = j;
      score[base + i] = m;
    }
  }

  /**
   * Writes the {@code used} tables' own keys, then the best perturbations across them until
   * {@code total} keys are written (fewer when every bucket of every table is visited).
   */
  int keys(int k, int used, int total, long[] keys, int[] tableOf) {
    assert used <= tables && total <= budget && total >= used;
    int n = 0;
    for (int t = 0; t < used; t++) {
      keys[n] = home[t];
      tableOf[n++] = t;
    }
    heap.clear();
    for (int t = 0; t < used; t++) {
      heap.push(1L, t * SLOT, score[t * SLOT]);
    }
    while (n < total && !heap.isEmpty()) {
      long set = heap.topSet();
      int at = heap.topLast();
      double s = heap.topScore();
      heap.pop();
      int t = at / SLOT;
      int last = at - t * SLOT;
      int base = t * SLOT;
      long flipped = home[t];
      for (long rest = set; rest != 0; rest &= rest - 1) {
        flipped ^= 1L << order[base + Long.numberOfTrailingZeros(rest)];
      }
      keys[n] = flipped;
      tableOf[n++] = t;
      if (last + 1 < k) {
        heap.push((set & ~(1L << last)) | (1L << (last + 1)), at + 1,
            s - score[base + last] + score[base + last + 1]);
        heap.push(set | (1L << (last + 1)), at + 1, s + score[base + last + 1]);
      }
    }
    return n;
  }
}
