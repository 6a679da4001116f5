package lshbench.lsh;

import java.util.SplittableRandom;
import lshbench.data.Dataset;
import lshbench.data.Provenance;

/** Small random datasets for index tests. */
final class TestData {
  private TestData() {}

  static Dataset gaussian(int n, int d, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] v = new float[n * d];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) rng.nextGaussian();
    }
    return new Dataset(v, d, null, null, null, new Provenance("test", "none", "gaussian", true));
  }

  static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }
}
