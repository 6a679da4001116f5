package lshbench.lsh;

/**
 * The answer to one query.
 *
 * @param ids dataset row numbers, closest first
 * @param distances squared Euclidean distances, parallel to {@code ids}
 * @param candidates how many distinct items were compared exactly to find them
 */
public record Neighbours(int[] ids, float[] distances, int candidates) {
  public int size() {
    return ids.length;
  }
}
