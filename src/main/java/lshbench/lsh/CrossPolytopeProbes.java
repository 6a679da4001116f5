package lshbench.lsh;

/**
 * Multi-probe for cross-polytope keys (Andoni et al. 2015, section 5): after the query's own
 * vertex, the likeliest vertices of a function are those of its next-largest rotated
 * coordinates, scored by how much smaller they are than the largest, |x_max| − |x_i|. A probe
 * changes some of the k functions of a table to such runner-up vertices; probes come out in
 * increasing total score.
 *
 * <p>Each probe is a vector of ranks (r_1..r_k), rank 0 being the function's own vertex. The
 * vectors are enumerated best-first from a heap; the children of r are r + e_i for every i at
 * or after r's last non-zero position, which reaches every vector exactly once. Allocation-free
 * per query; not thread-safe.
 */
final class CrossPolytopeProbes {
  private static final int RANK_BITS = 8;
  private final int maxK;
  private final int rotDim;
  private final int capacity;
  private final int ranks;
  private final int[][] vertex;
  private final float[][] cost;
  private final long[] heapRanks;
  private final int[] heapLast;
  private final float[] heapScore;
  private int heapSize;

  CrossPolytopeProbes(int maxK, int rotDim, int probes) {
    this.maxK = maxK;
    this.rotDim = rotDim;
    this.capacity = probes;
    // More runner-ups than coordinates, or than 8 bits can count, are never needed.
    this.ranks = Math.min(Math.min(probes + 1, rotDim), (1 << RANK_BITS) - 1);
    this.vertex = new int[maxK][ranks];
    this.cost = new float[maxK][ranks];
    int heap = 1 + (probes + 1) * maxK;
    heapRanks = new long[heap];
    heapLast = new int[heap];
    heapScore = new float[heap];
  }

  int capacity() {
    return capacity;
  }

  /**
   * Writes up to {@code probes} keys, best first, into {@code out} from {@code outOff}.
   *
   * @param rotated the query's k rotated vectors, function j at j·d'
   * @return how many were written
   */
  int probes(float[] rotated, int k, int bits, int probes, long[] out, int outOff) {
    // Only as many runner-ups as this query's probes can use: selection cost grows with them.
    int ranks = Math.min(this.ranks, probes + 1);
    for (int j = 0; j < k; j++) {
      topVertices(rotated, j * rotDim, vertex[j], cost[j], ranks);
    }
    heapSize = 0;
    int written = 0;
    // The all-zero vector is the home bucket, already visited: start from its children.
    for (int i = 0; i < k; i++) {
      if (ranks > 1) {
        push(1L << (i * RANK_BITS), i, cost[i][1]);
      }
    }
    while (written < probes && heapSize > 0) {
      long r = heapRanks[0];
      int last = heapLast[0];
      float score = heapScore[0];
      pop();
      long key = 0;
      for (int j = 0; j < k; j++) {
        int rank = (int) ((r >>> (j * RANK_BITS)) & 0xFF);
        key |= (long) vertex[j][rank] << (j * bits);
      }
      out[outOff + written++] = key;
      for (int i = last; i < k; i++) {
        int rank = (int) ((r >>> (i * RANK_BITS)) & 0xFF);
        if (rank + 1 < ranks) {
          push(r + (1L << (i * RANK_BITS)), i, score - cost[i][rank] + cost[i][rank + 1]);
        }
      }
    }
    return written;
  }

  /** The {@code ranks} largest-magnitude coordinates, largest first, as vertices and costs. */
  private void topVertices(float[] x, int off, int[] vtx, float[] c, int ranks) {
    int filled = 0;
    // c[] holds magnitudes, descending, while selecting; converted to costs at the end.
    for (int i = 0; i < rotDim; i++) {
      float a = Math.abs(x[off + i]);
      if (filled == ranks && a <= c[ranks - 1]) {
        continue;
      }
      int pos = filled == ranks ? ranks - 1 : filled++;
      while (pos > 0 && c[pos - 1] < a) {
        c[pos] = c[pos - 1];
        vtx[pos] = vtx[pos - 1];
        pos--;
      }
      c[pos] = a;
      vtx[pos] = x[off + i] >= 0 ? i : i + rotDim;
    }
    float top = c[0];
    for (int r = 0; r < filled; r++) {
      c[r] = top - c[r];
    }
  }

  private void push(long r, int last, float s) {
    if (heapSize == heapRanks.length) {
      return;
    }
    int i = heapSize++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (heapScore[parent] <= s) {
        break;
      }
      heapRanks[i] = heapRanks[parent];
      heapLast[i] = heapLast[parent];
      heapScore[i] = heapScore[parent];
      i = parent;
    }
    heapRanks[i] = r;
    heapLast[i] = last;
    heapScore[i] = s;
  }

  private void pop() {
    heapSize--;
    if (heapSize == 0) {
      return;
    }
    long r = heapRanks[heapSize];
    int last = heapLast[heapSize];
    float s = heapScore[heapSize];
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
      heapRanks[i] = heapRanks[child];
      heapLast[i] = heapLast[child];
      heapScore[i] = heapScore[child];
      i = child;
    }
    heapRanks[i] = r;
    heapLast[i] = last;
    heapScore[i] = s;
  }
}
