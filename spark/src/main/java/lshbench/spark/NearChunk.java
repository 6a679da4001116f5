package lshbench.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What one self-join task found: how many pairs it compared, and those within the threshold
 * (packed pair keys and their cosine distances). One object a task, so the count and the pairs
 * come back from the same computation.
 */
final class NearChunk implements Serializable {
  private static final long serialVersionUID = 1L;

  long compared;
  long[] keys = new long[16];
  float[] distances = new float[16];
  int size;

  void add(long key, float distance) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      distances = Arrays.copyOf(distances, size * 2);
    }
    keys[size] = key;
    distances[size] = distance;
    size++;
  }
}
