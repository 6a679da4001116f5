package lshbench.lsh;

/**
 * A nearest-neighbour index over the rows of a dataset. The exact scan and the LSH index answer
 * the same call, so a sweep (and the timing decorator in eval) never knows which it drives.
 */
public interface Index {
  /** The {@code n} nearest indexed items to {@code query}, closest first. */
  Neighbours search(float[] query, int n);

  /**
   * The distinct items this index would compare exactly for {@code query}: every item for an
   * exact scan, the union of the query's buckets for LSH. Label recall is measured on it.
   */
  int[] candidates(float[] query);

  /** Number of indexed items. */
  int size();

  /** Bytes held by the index's own arrays, excluding the shared dataset vectors. */
  long memoryBytes();

  /** Short name for reports, e.g. {@code exact} or {@code hyperplane k=8 L=16}. */
  String name();
}
