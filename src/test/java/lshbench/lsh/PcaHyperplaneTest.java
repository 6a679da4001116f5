package lshbench.lsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import lshbench.data.Dataset;
import lshbench.data.Provenance;
import org.junit.jupiter.api.Test;

class PcaHyperplaneTest {
  /** n points near an r-dimensional subspace of R^d (spanned by the first r axes, rotated). */
  private static Dataset planted(int n, int d, int r, double noise, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] v = new float[n * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        v[i * d + j] = (float) ((j < r ? 3 * rng.nextGaussian() : 0) + noise * rng.nextGaussian() + 1);
      }
    }
    return new Dataset(v, d, null, null, null, new Provenance("test", "none", "planted", true));
  }

  @Test
  void theBasisIsOrthonormal() {
    Dataset data = planted(800, 60, 5, 0.3, 1);
    PcaBasis b = PcaBasis.fit(data, TestData.range(0, 800), 12, 8, 3, 2);
    for (int i = 0; i < 12; i++) {
      for (int j = 0; j < 12; j++) {
        double dot = 0;
        float[] a = b.component(i);
        float[] c = b.component(j);
        for (int x = 0; x < 60; x++) {
          dot += (double) a[x] * c[x];
        }
        assertEquals(i == j ? 1 : 0, dot, 1e-5, "q" + i + "·q" + j);
      }
    }
  }

  @Test
  void itFindsAPlantedSubspace() {
    Dataset data = planted(1000, 80, 6, 0.1, 2);
    PcaBasis b = PcaBasis.fit(data, TestData.range(0, 1000), 6, 8, 3, 2);
    assertTrue(b.explainedVariance() > 0.98, "explained " + b.explainedVariance());
    // Every basis vector lies in the planted span (axes 0..5): nothing outside it.
    for (int j = 0; j < 6; j++) {
      float[] q = b.component(j);
      double outside = 0;
      for (int x = 6; x < 80; x++) {
        outside += q[x] * q[x];
      }
      assertTrue(outside < 0.01, "component " + j + " leaks " + outside);
    }
    PcaBasis random = PcaBasis.fit(data, TestData.range(0, 1000), 6, 0, 3, 2);
    assertTrue(random.explainedVariance() < 0.5, "no iterations: a random subspace");
  }

  @Test
  void itemsFindThemselvesAndTrainingTimeIsReported() {
    Dataset data = planted(2000, 50, 8, 0.3, 4);
    int[] members = TestData.range(0, 2000);
    PcaHyperplaneFamily f = PcaHyperplaneFamily.train(data, TestData.range(0, 500), 8, 10, 6, 7, 2);
    assertTrue(f.trainMs() > 0);
    LshIndex index = LshIndex.build(f, data, members, 10, 6, 0, 2);
    for (int i = 0; i < 2000; i += 41) {
      assertEquals(i, index.search(data.vector(i), 1).ids()[0]);
    }
    assertTrue(index.memoryBytes() > f.basis().memoryBytes());
  }
}
