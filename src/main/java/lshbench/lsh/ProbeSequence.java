package lshbench.lsh;

/**
 * Query-directed probing (Lv et al., "Multi-Probe LSH", VLDB 2007) for sign-bit keys: the
 * buckets most likely to hold the query's neighbours, after its own, are those reached by
 * flipping the bits whose hyperplanes pass closest to the query. Perturbation sets are
 * generated in increasing order of the sum of squared margins of their flipped bits, with the
 * paper's shift/expand heap over the bits sorted by margin.
 *
 * <p>Reusable and allocation-free per query; not thread-safe.
 */
final class ProbeSequence {
  private final int maxProbes;
  private final int[] order = new int[HyperplaneBank.MAX_BITS];
  private final double[] score = new double[HyperplaneBank.MAX_BITS];
  // Heap entries: a set of positions in `order` (bit mask) with its largest position and score.
  private final ProbeHeap heap;

  ProbeSequence(int maxProbes) {
    this.maxProbes = maxProbes;
    heap = new ProbeHeap(2 * maxProbes + 2);
  }

  /**
   * Writes up to {@code probes} keys, other than {@code key} itself, into {@code out}, best first.
   *
   * @param margins |projection − threshold| of each of the k bits
   * @return how many keys were written (fewer when 2^k − 1 < probes)
   */
  int probes(long key, double[] margins, int k, int probes, long[] out) {
    assert probes <= maxProbes;
    if (probes == 0) {
      return 0;
    }
    // Sort bit positions by margin (k ≤ 64: insertion sort is fine and allocation-free).
    for (int j = 0; j < k; j++) {
      int i = j;
      double m = margins[j];
      while (i > 0 && score[i - 1] > m * m) {
        order[i] = order[i - 1];
        score[i] = score[i - 1];
        i--;
      }
      order[i] = j;
      score[i] = m * m;
    }
    heap.clear();
    heap.push(1L, 0, score[0]);
    int written = 0;
    while (written < probes && !heap.isEmpty()) {
      long set = heap.topSet();
      int last = heap.topLast();
      double s = heap.topScore();
      heap.pop();
      long flipped = key;
      for (long rest = set; rest != 0; rest &= rest - 1) {
        flipped ^= 1L << order[Long.numberOfTrailingZeros(rest)];
      }
      out[written++] = flipped;
      if (last + 1 < k) {
        // shift: replace the largest position by the next one
        heap.push((set & ~(1L << last)) | (1L << (last + 1)), last + 1,
            s - score[last] + score[last + 1]);
        // expand: add the next position
        heap.push(set | (1L << (last + 1)), last + 1, s + score[last + 1]);
      }
    }
    return written;
  }
}
