package lshbench.spark;

import java.io.Serializable;

/**
 * The n nearest members found so far for a block of queries (query rows {@code first} …), each
 * list closest first; two partial answers over different member blocks merge into the answer
 * over both.
 */
final class TopLists implements Serializable {
  private static final long serialVersionUID = 1L;

  final int[][] ids;
  final float[][] distances;

  TopLists(int[][] ids, float[][] distances) {
    this.ids = ids;
    this.distances = distances;
  }

  /** The n nearest of both, ties by the smaller row number, as a single scan keeps them. */
  static TopLists merge(TopLists a, TopLists b, int n) {
    int queries = a.ids.length;
    int[][] ids = new int[queries][];
    float[][] dists = new float[queries][];
    for (int q = 0; q < queries; q++) {
      int[] ai = a.ids[q];
      int[] bi = b.ids[q];
      float[] ad = a.distances[q];
      float[] bd = b.distances[q];
      int size = Math.min(n, ai.length + bi.length);
      ids[q] = new int[size];
      dists[q] = new float[size];
      int i = 0;
      int j = 0;
      for (int o = 0; o < size; o++) {
        boolean takeA = j >= bi.length || i < ai.length
            && (ad[i] < bd[j] || ad[i] == bd[j] && ai[i] < bi[j]);
        if (takeA) {
          ids[q][o] = ai[i];
          dists[q][o] = ad[i++];
        } else {
          ids[q][o] = bi[j];
          dists[q][o] = bd[j++];
        }
      }
    }
    return new TopLists(ids, dists);
  }
}
