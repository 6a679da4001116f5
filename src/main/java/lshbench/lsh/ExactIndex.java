package lshbench.lsh;

import lshbench.data.Dataset;
import lshbench.vector.DotTiles;
import lshbench.vector.Parallel;
import lshbench.vector.VectorOps;

/**
 * Brute-force search over a subset of a dataset's rows: the exact baseline every LSH
 * configuration is timed against, and the source of k-NN ground truth.
 *
 * <p>{@link #search} is single-threaded and not thread-safe (it reuses a heap);
 * {@link #searchBatch} spreads queries over the cores with one heap per task.
 */
public final class ExactIndex implements Index {
  /** Candidates a batch query keeps beyond n (at least n more) for the rounding check. */
  private static final int SPARE = 16;
  /**
   * Widest row the scan reads one row a kernel call; wider rows go four at a time. Measured on
   * consecutive rows (AVX-512, median of 15 queries, one thread): one row at a time takes 14.5
   * against 38 ms at d = 64 (1M rows), 12 against 21 at d = 96, 26.5 against 44 at d = 128,
   * where the interleaved reads of four short rows starve the prefetcher; at d = 256, 384, 960
   * and 1,280 four at a time is 5–15 % faster.
   */
  static final int ONE_ROW_MAX_DIM = 128;

  private final Dataset data;
  private final int[] members;
  private TopK heap;
  private volatile int lastFallbacks;

  /** Indexes the dataset rows listed in {@code members}. */
  public ExactIndex(Dataset data, int[] members) {
    if (members.length == 0) {
      throw new IllegalArgumentException("an index needs at least one item");
    }
    this.data = data;
    this.members = members.clone();
  }

  @Override
  public Neighbours search(float[] query, int n) {
    checkQuery(query, n);
    if (heap == null || heap.capacity() != n) {
      heap = new TopK(n);
    }
    return scan(query, 0, heap);
  }

  private Neighbours scan(float[] query, int queryOffset, TopK top) {
    float[] vectors = data.vectors();
    int d = data.dim();
    top.clear();
    if (d <= ONE_ROW_MAX_DIM) {
      top.offerEach(query, queryOffset, vectors, d, members, members.length);
    } else {
      top.offerRows(query, queryOffset, vectors, d, members, members.length);
    }
    return top.drain(members.length);
  }

  /** Is told, from any worker thread, how many of the items' panels are done: progress. */
  public interface BatchProgress {
    void panels(int done, int total);
  }

  /**
   * Answers many queries at once on {@code threads} threads; queries are rows of
   * {@code queries} (row-major, this dataset's dimension). Same answers as {@link #search}.
   *
   * <p>How: ‖x − q‖² = ‖x‖² + ‖q‖² − 2·x·q with every x·q from register tiles
   * ({@link DotTiles}), the matrix-multiply form BLAS gives FAISS. That form rounds differently
   * from a direct difference, so each query keeps {@code n + SPARE} candidates, they are
   * re-measured directly, and the answer is accepted only when a bound on the rounding proves no
   * dropped item could be closer (see {@link #roundingBound}); otherwise that query is scanned
   * directly. Threads split the items, each with its own heaps, merged per query at the end.
   */
  public Neighbours[] searchBatch(float[] queries, int n, int threads) {
    return searchBatch(queries, n, threads, (done, total) -> { });
  }

  /** As {@link #searchBatch(float[], int, int)}, telling {@code progress} as panels finish. */
  public Neighbours[] searchBatch(float[] queries, int n, int threads, BatchProgress progress) {
    int d = data.dim();
    if (queries.length % d != 0) {
      throw new IllegalArgumentException("query array is not a multiple of dimension " + d);
    }
    if (n < 1) {
      throw new IllegalArgumentException("n must be positive, got " + n);
    }
    int count = queries.length / d;
    float[] v = data.vectors();
    float[] queryNorms = new float[count];
    for (int q = 0; q < count; q++) {
      queryNorms[q] = VectorOps.dot(queries, q * d, queries, q * d, d);
    }
    int width = DotTiles.width();
    int panels = DotTiles.panels(members.length);
    int parts = Math.max(1, Math.min(threads, panels));
    int keep = n + Math.max(n, SPARE);
    TopK[][] tops = new TopK[parts][];
    float[] maxNorms = new float[parts];
    java.util.concurrent.atomic.AtomicInteger panelsDone = new java.util.concurrent.atomic.AtomicInteger();
    Parallel.forBlocks("lshbench-exact", threads, parts, 1, part -> {
      TopK[] mine = new TopK[count];
      for (int q = 0; q < count; q++) {
        mine[q] = new TopK(keep);
      }
      DotTiles tiles = new DotTiles(d);
      float[] panel = new float[DotTiles.packedLength(width, d)];
      float[] norms = new float[width];
      int[] hits = new int[width];
      float maxNorm = 0;
      int p1 = (int) ((long) panels * (part + 1) / parts);
      for (int p = (int) ((long) panels * part / parts); p < p1; p++) {
        int r0 = p * width;
        int cols = Math.min(members.length, r0 + width) - r0;
        DotTiles.pack(v, members, r0, r0 + cols, d, panel);
        for (int j = 0; j < cols; j++) {
          int off = members[r0 + j] * d;
          norms[j] = VectorOps.dot(v, off, v, off, d);
          maxNorm = Math.max(maxNorm, norms[j]);
        }
        offerPanel(tiles, queries, queryNorms, panel, norms, r0, cols, mine, hits);
        progress.panels(panelsDone.incrementAndGet(), panels);
      }
      tops[part] = mine;
      maxNorms[part] = maxNorm;
    });
    float maxNorm = 0;
    for (float m : maxNorms) {
      maxNorm = Math.max(maxNorm, m);
    }
    Neighbours[] out = new Neighbours[count];
    float bigNorm = maxNorm;
    java.util.concurrent.atomic.AtomicInteger fallbacks = new java.util.concurrent.atomic.AtomicInteger();
    Parallel.forBlocks("lshbench-exact-merge", threads, count, 64, start -> {
      TopK exactTop = new TopK(n);
      long[] kept = new long[parts * keep];
      for (int q = start, end = Math.min(count, start + 64); q < end; q++) {
        // Every item a heap dropped had an expanded distance at least that heap's final worst.
        float dropped = Float.POSITIVE_INFINITY;
        int size = 0;
        for (TopK[] part : tops) {
          dropped = Math.min(dropped, part[q].worst());
          size = part[q].moveTo(kept, size);
        }
        java.util.Arrays.sort(kept, 0, size);
        double bound = roundingBound(d, bigNorm, queryNorms[q]);
        // Only items within 2·bound of the n-th expanded distance can be among the true n
        // nearest: the n items ahead of it are all truly within bound of it.
        double reach = TopK.distance(kept[Math.min(n, size) - 1]) + 2 * bound;
        exactTop.clear();
        for (int c = 0; c < size && TopK.distance(kept[c]) <= reach; c++) {
          int id = TopK.id(kept[c]);
          exactTop.offer(id, VectorOps.squaredDistance(queries, q * d, v, id * d, d));
        }
        Neighbours answer = exactTop.drain(members.length);
        if (answer.ids().length == n && answer.distances()[n - 1] > dropped - bound) {
          fallbacks.incrementAndGet();
          answer = scan(queries, q * d, exactTop);
        }
        out[q] = answer;
      }
    });
    lastFallbacks = fallbacks.get();
    return out;
  }

  /**
   * Offers every query the expanded distances to one panel's items. A method of its own so the
   * JIT compiles it whole rather than as an on-stack replacement inside each thread's loop.
   */
  private void offerPanel(DotTiles tiles, float[] queries, float[] queryNorms, float[] panel,
      float[] norms, int r0, int cols, TopK[] tops, int[] hits) {
    int width = DotTiles.width();
    for (int q0 = 0; q0 < queryNorms.length; q0 += DotTiles.rows()) {
      int rows = Math.min(DotTiles.rows(), queryNorms.length - q0);
      float[] dots = tiles.multiply(queries, null, q0, rows, panel, 0);
      for (int i = 0; i < rows; i++) {
        TopK top = tops[q0 + i];
        float qn = queryNorms[q0 + i];
        int t = i * width;
        int found = VectorOps.expandedAtMost(dots, t, norms, qn, top.worst(), cols, hits);
        for (int h = 0; h < found; h++) {
          int j = hits[h];
          float dist = norms[j] + qn - 2 * dots[t + j];
          if (dist <= top.worst()) {
            top.offer(members[r0 + j], Math.max(0f, dist));
          }
        }
      }
    }
  }

  /**
   * Largest possible error of an expanded distance ‖x‖² + ‖q‖² − 2·x·q in float arithmetic:
   * each of the three d-term sums is off by at most γ_d = d·u/(1 − d·u) of its absolute terms
   * (u = 2⁻²⁴), which Cauchy–Schwarz bounds by (‖x‖ + ‖q‖)² together, plus the final two
   * roundings; rounded up generously.
   */
  static double roundingBound(int d, float maxSquaredNorm, float querySquaredNorm) {
    double u = Math.ulp(1.0f) / 2;
    double scale = Math.sqrt(maxSquaredNorm) + Math.sqrt(querySquaredNorm);
    return 1.01 * (d + 8) * u * scale * scale;
  }

  /** Queries of the last {@link #searchBatch} that the rounding bound sent to a direct scan. */
  int lastFallbacks() {
    return lastFallbacks;
  }

  private void checkQuery(float[] query, int n) {
    if (query.length != data.dim()) {
      throw new IllegalArgumentException(
          "query has dimension " + query.length + ", index has " + data.dim());
    }
    if (n < 1) {
      throw new IllegalArgumentException("n must be positive, got " + n);
    }
  }

  @Override
  public int[] candidates(float[] query) {
    return members.clone();
  }

  /** Dimension of the indexed vectors. */
  public int dim() {
    return data.dim();
  }

  @Override
  public int size() {
    return members.length;
  }

  @Override
  public long memoryBytes() {
    return 4L * members.length;
  }

  @Override
  public String name() {
    return "exact";
  }
}
