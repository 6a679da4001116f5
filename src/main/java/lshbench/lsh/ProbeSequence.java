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
  private final long[] heapSets;
  private final int[] heapLast;
  private final double[] heapScore;
  private int heapSize;

  ProbeSequence(int maxProbes) {
    this.maxProbes = maxProbes;
    int capacity = 2 * maxProbes + 2;
    heapSets = new long[capacity];
    heapLast = new int[capacity];
    heapScore = new double[capacity];
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
    heapSize = 0;
    push(1L, 0, score[0]);
    int written = 0;
    while (written < probes && heapSize > 0) {
      long set = heapSets[0];
      int last = heapLast[0];
      double s = heapScore[0];
      pop();
      long flipped = key;
      for (long rest = set; rest != 0; rest &= rest - 1) {
        flipped ^= 1L << order[Long.numberOfTrailingZeros(rest)];
      }
      out[written++] = flipped;
      if (last + 1 < k) {
        // shift: replace the largest position by the next one
        push((set & ~(1L << last)) | (1L << (last + 1)), last + 1, s - score[last] + score[last + 1]);
        // expand: add the next position
        push(set | (1L << (last + 1)), last + 1, s + score[last + 1]);
      }
    }
    return written;
  }

  private void push(long set, int last, double s) {
    if (heapSize == heapSets.length) {
      return; // more candidates than could ever be popped; drop the newest
    }
    int i = heapSize++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (heapScore[parent] <= s) {
        break;
      }
      heapSets[i] = heapSets[parent];
      heapLast[i] = heapLast[parent];
      heapScore[i] = heapScore[parent];
      i = parent;
    }
    heapSets[i] = set;
    heapLast[i] = last;
    heapScore[i] = s;
  }

  private void pop() {
    heapSize--;
    if (heapSize == 0) {
      return;
    }
    long set = heapSets[heapSize];
    int last = heapLast[heapSize];
    double s = heapScore[heapSize];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= heapSize) {
        break;
      }
      if (child + 1 < heapSize && heapScore[child + 1] < heapScore[child]) {
        child++;
      }
      if (heapScore[child] >= s) {
        break;
      }
      heapSets[i] = heapSets[child];
      heapLast[i] = heapLast[child];
      heapScore[i] = heapScore[child];
      i = child;
    }
    heapSets[i] = set;
    heapLast[i] = last;
    heapScore[i] = s;
  }
}
