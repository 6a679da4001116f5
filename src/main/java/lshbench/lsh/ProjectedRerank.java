package lshbench.lsh;

import lshbench.data.Dataset;
import lshbench.vector.VectorOps;

/**
 * A cheap first pass over LSH candidates before the exact rerank: distances in a learned
 * m-dimensional principal subspace pick the {@code keep} most promising candidates, and only
 * those are compared exactly. On CNN features, where a few dozen components carry most of the
 * variance, true neighbours almost never fall out of the first pass, while each candidate costs
 * m instead of d multiply-adds and m·4 instead of d·4 bytes of memory traffic.
 *
 * <p>The projected vectors are a copy (n × m floats), counted in the index's memory. Not
 * thread-safe (scratch arrays): one per index.
 */
public final class ProjectedRerank {
  private final PcaBasis basis;
  private final float[] projected;
  private final int m;
  private final int keep;
  private final float[] query;
  private TopK heap;

  /** Projects every row of {@code data} (so any member can be a candidate). */
  public ProjectedRerank(PcaBasis basis, Dataset data, int keep, int threads) {
    if (keep < 1) {
      throw new IllegalArgumentException("rerank.keep must be positive, got " + keep);
    }
    if (basis.dim() != data.dim()) {
      throw new IllegalArgumentException("basis dimension " + basis.dim() + " != data " + data.dim());
    }
    this.basis = basis;
    this.m = basis.components();
    this.keep = keep;
    this.projected = basis.projectAll(data, threads);
    this.query = new float[m];
  }

  /** A fresh copy sharing the projected vectors, for another index (scratch is per copy). */
  public ProjectedRerank copy() {
    return new ProjectedRerank(this, keep);
  }

  /** The same first pass keeping {@code keep} candidates; the projected vectors are shared. */
  public ProjectedRerank withKeep(int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("rerank.keep must be positive, got " + keep);
    }
    return new ProjectedRerank(this, keep);
  }

  private ProjectedRerank(ProjectedRerank other, int keep) {
    this.basis = other.basis;
    this.projected = other.projected;
    this.m = other.m;
    this.keep = keep;
    this.query = new float[m];
  }

  public int keep() {
    return keep;
  }

  public int dim() {
    return m;
  }

  /**
   * Reorders {@code candidates[0..count)} so that its first min(count, keep) entries are the
   * candidates nearest to {@code q} in the subspace, in ascending row order (so the exact pass
   * streams memory forward).
   *
   * @return how many candidates remain for the exact pass
   */
  int select(float[] q, int[] candidates, int count) {
    if (count <= keep) {
      return count;
    }
    basis.project(q, 0, query);
    if (heap == null) {
      heap = new TopK(keep);
    }
    heap.clear();
    for (int i = 0; i < count; i++) {
      int id = candidates[i];
      float dist = VectorOps.squaredDistance(query, 0, projected, id * m, m);
      if (dist <= heap.worst()) {
        heap.offer(id, dist);
      }
    }
    int[] best = heap.drain(count).ids();
    System.arraycopy(best, 0, candidates, 0, best.length);
    java.util.Arrays.sort(candidates, 0, best.length);
    return best.length;
  }

  /**
   * Scores every listed row in the subspace and writes the {@code keep} nearest (fewer when
   * there are fewer rows) into {@code out} in ascending row order: the first pass applied to
   * the whole collection ({@link PcaScanIndex}).
   *
   * @return how many rows were written
   */
  int scan(float[] q, int[] rows, int[] out) {
    basis.project(q, 0, query);
    if (heap == null) {
      heap = new TopK(keep);
    }
    heap.clear();
    for (int id : rows) {
      float dist = VectorOps.squaredDistance(query, 0, projected, id * m, m);
      if (dist <= heap.worst()) {
        heap.offer(id, dist);
      }
    }
    int[] best = heap.drain(rows.length).ids();
    System.arraycopy(best, 0, out, 0, best.length);
    java.util.Arrays.sort(out, 0, best.length);
    return best.length;
  }

  /** Bytes of the projected copy and the basis. */
  public long memoryBytes() {
    return 4L * projected.length + basis.memoryBytes();
  }
}
