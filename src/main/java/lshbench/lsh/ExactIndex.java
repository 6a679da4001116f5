package lshbench.lsh;

import lshbench.data.Dataset;
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
  private static final int QUERY_BLOCK = 16;
  private static final int ROW_BLOCK_BYTES = 256 * 1024;

  private final Dataset data;
  private final int[] members;
  private TopK heap;

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
    for (int id : members) {
      float dist = VectorOps.squaredDistance(query, queryOffset, vectors, id * d, d);
      if (dist <= top.worst()) {
        top.offer(id, dist);
      }
    }
    return top.drain(members.length);
  }

  /**
   * Answers many queries at once on {@code threads} threads; queries are rows of
   * {@code queries} (row-major, this dataset's dimension).
   */
  public Neighbours[] searchBatch(float[] queries, int n, int threads) {
    int d = data.dim();
    if (queries.length % d != 0) {
      throw new IllegalArgumentException("query array is not a multiple of dimension " + d);
    }
    int count = queries.length / d;
    Neighbours[] out = new Neighbours[count];
    float[] v = data.vectors();
    // Tiled: a block of rows small enough for L2 is compared with a block of queries before the
    // next rows are loaded, so each row comes from memory once per QUERY_BLOCK queries instead
    // of once per query; one query at a time is bound by memory bandwidth, this by arithmetic.
    int rowBlock = Math.max(8, ROW_BLOCK_BYTES / (4 * d));
    Parallel.forBlocks("lshbench-exact", threads, count, QUERY_BLOCK, start -> {
      int end = Math.min(count, start + QUERY_BLOCK);
      TopK[] tops = new TopK[end - start];
      for (int q = 0; q < tops.length; q++) {
        tops[q] = new TopK(n);
      }
      for (int r0 = 0; r0 < members.length; r0 += rowBlock) {
        int r1 = Math.min(members.length, r0 + rowBlock);
        for (int q = start; q < end; q++) {
          TopK top = tops[q - start];
          int qOff = q * d;
          for (int r = r0; r < r1; r++) {
            int id = members[r];
            float dist = VectorOps.squaredDistance(queries, qOff, v, id * d, d);
            if (dist <= top.worst()) {
              top.offer(id, dist);
            }
          }
        }
      }
      for (int q = start; q < end; q++) {
        out[q] = tops[q - start].drain(members.length);
      }
    });
    return out;
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
