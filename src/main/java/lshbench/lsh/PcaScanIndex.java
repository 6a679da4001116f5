package lshbench.lsh;

import lshbench.data.Dataset;
import lshbench.vector.VectorOps;

/**
 * The honest baseline beside a two-pass rerank: no hashing at all. Every indexed item is scored
 * in the same learned subspace the two-pass rerank's first pass uses, and the best R of them
 * are compared exactly. An LSH configuration with that first pass is worth its hashing only
 * when it beats this scan at the same R; otherwise the subspace did the work.
 *
 * <p>Not thread-safe (scratch arrays): one per thread.
 */
public final class PcaScanIndex implements Index {
  private final Dataset data;
  private final int[] members;
  private final ProjectedRerank first;
  private final int[] kept;
  private TopK heap;

  /** Scans the listed rows of {@code data} through {@code prefilter}'s subspace, keeping its R. */
  public PcaScanIndex(Dataset data, int[] members, ProjectedRerank prefilter) {
    if (members.length == 0) {
      throw new IllegalArgumentException("an index needs at least one item");
    }
    this.data = data;
    this.members = members.clone();
    java.util.Arrays.sort(this.members);
    this.first = prefilter.copy();
    this.kept = new int[prefilter.keep()];
  }

  @Override
  public Neighbours search(float[] query, int n) {
    if (query.length != data.dim()) {
      throw new IllegalArgumentException(
          "query has dimension " + query.length + ", index has " + data.dim());
    }
    int count = first.scan(query, members, kept);
    if (heap == null || heap.capacity() != n) {
      heap = new TopK(n);
    }
    heap.clear();
    float[] v = data.vectors();
    int d = data.dim();
    for (int i = 0; i < count; i++) {
      int id = kept[i];
      float dist = VectorOps.squaredDistance(query, 0, v, id * d, d);
      if (dist <= heap.worst()) {
        heap.offer(id, dist);
      }
    }
    // Every item was a candidate of the first pass.
    return heap.drain(members.length);
  }

  /** Every item: the scan considers them all. */
  @Override
  public int[] candidates(float[] query) {
    return members.clone();
  }

  @Override
  public int size() {
    return members.length;
  }

  /** The projected copy and the basis; the exact vectors are the data's own. */
  @Override
  public long memoryBytes() {
    return first.memoryBytes();
  }

  public int keep() {
    return first.keep();
  }

  public int subspaceDim() {
    return first.dim();
  }

  @Override
  public String name() {
    return "pca-scan " + first.dim() + "d→" + first.keep();
  }
}
