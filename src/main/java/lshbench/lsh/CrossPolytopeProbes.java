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
 *
 * <p>A partial last polytope of m coordinates has only its own 2m vertices: the m of the
 * largest coordinates' signs, then the m opposite ones, scored |x_max| + |x_i| (behind every
 * same-sign vertex, which is why a whole polytope's d' runner-ups never reach them). With m = 1
 * or 2 those are most of its perturbations; FALCONN probes all 2m as well.
 */
final class CrossPolytopeProbes {
  private static final int RANK_BITS = 8;
  private final int rotDim;
  private final int capacity;
  private final int ranks;
  private final int[][] vertex;
  private final float[][] cost;
  /** Runner-ups (with the home vertex) function j has for this query. */
  private final int[] count;
  private final ProbeHeap heap;

  CrossPolytopeProbes(int maxK, int rotDim, int probes) {
    this.rotDim = rotDim;
    this.capacity = probes;
    // More runner-ups than coordinates, or than 8 bits can count, are never needed.
    this.ranks = Math.min(Math.min(probes + 1, rotDim), (1 << RANK_BITS) - 1);
    this.vertex = new int[maxK][ranks];
    this.cost = new float[maxK][ranks];
    this.count = new int[maxK];
    this.heap = new ProbeHeap(1 + (probes + 1) * maxK);
  }

  int capacity() {
    return capacity;
  }

  /**
   * Writes up to {@code probes} keys, best first, into {@code out} from {@code outOff}.
   *
   * @param rotated the query's k rotated vectors, function j at j·d'
   * @param lastDim coordinates of function k − 1's polytope (d' when whole)
   * @return how many were written
   */
  int probes(float[] rotated, int k, int bits, int lastDim, int probes, long[] out, int outOff) {
    // Only as many runner-ups as this query's probes can use: selection cost grows with them.
    int ranks = Math.min(this.ranks, probes + 1);
    for (int j = 0; j < k; j++) {
      count[j] = topVertices(rotated, j * rotDim, j == k - 1 ? lastDim : rotDim, vertex[j], cost[j],
          ranks);
    }
    heap.clear();
    int written = 0;
    // The all-zero vector is the home bucket, already visited: start from its children.
    for (int i = 0; i < k; i++) {
      if (count[i] > 1) {
        heap.push(1L << (i * RANK_BITS), i, cost[i][1]);
      }
    }
    while (written < probes && !heap.isEmpty()) {
      long r = heap.topSet();
      int last = heap.topLast();
      double score = heap.topScore();
      heap.pop();
      long key = 0;
      for (int j = 0; j < k; j++) {
        int rank = (int) ((r >>> (j * RANK_BITS)) & 0xFF);
        key |= (long) vertex[j][rank] << (j * bits);
      }
      out[outOff + written++] = key;
      for (int i = last; i < k; i++) {
        int rank = (int) ((r >>> (i * RANK_BITS)) & 0xFF);
        if (rank + 1 < count[i]) {
          heap.push(r + (1L << (i * RANK_BITS)), i, score - cost[i][rank] + cost[i][rank + 1]);
        }
      }
    }
    return written;
  }

  /**
   * The best {@code ranks} vertices of the polytope of the first m coordinates, best first, as
   * vertices and costs: the largest-magnitude coordinates with their signs, then (when m is
   * small enough for ranks to pass it) the opposite vertices.
   *
   * @return how many were written: min(ranks, m), or min(ranks, 2m) for a partial polytope
   */
  private int topVertices(float[] x, int off, int m, int[] vtx, float[] c, int ranks) {
    int filled = 0;
    int same = Math.min(ranks, m);
    // c[] holds magnitudes, descending, while selecting; converted to costs at the end.
    for (int i = 0; i < m; i++) {
      float a = Math.abs(x[off + i]);
      if (filled == same && a <= c[same - 1]) {
        continue;
      }
      int pos = filled == same ? same - 1 : filled++;
      while (pos > 0 && c[pos - 1] < a) {
        c[pos] = c[pos - 1];
        vtx[pos] = vtx[pos - 1];
        pos--;
      }
      c[pos] = a;
      vtx[pos] = x[off + i] >= 0 ? i : i + m;
    }
    float top = c[0];
    for (int r = 0; r < filled; r++) {
      c[r] = top - c[r];
    }
    if (m < rotDim) {
      // All m same-sign vertices are in (ranks > m): the opposite ones follow, smallest |x_i|
      // (cheapest, |x_max| + |x_i|) first, i.e. the same list backwards with signs flipped.
      for (int r = m - 1; r >= 0 && filled < ranks; r--) {
        c[filled] = top + (top - c[r]);
        vtx[filled++] = vtx[r] < m ? vtx[r] + m : vtx[r] - m;
      }
    }
    return filled;
  }
}
