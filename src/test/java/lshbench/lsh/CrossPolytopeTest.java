package lshbench.lsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import lshbench.data.Dataset;
import org.junit.jupiter.api.Test;

class CrossPolytopeTest {
  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  @Test
  void theRotationIsOrthonormalItKeepsLengthsAndAngles() {
    for (int d : new int[] {100, 1280}) {
      CrossPolytopeFamily f = new CrossPolytopeFamily(d, 2, 3, 11, null);
      Dataset v = TestData.gaussian(3, d, d);
      float[] a = v.vector(0);
      float[] b = v.vector(1);
      for (int t = 0; t < 3; t++) {
        for (int j = 0; j < 2; j++) {
          float[] ra = f.rotation(t, j, a);
          float[] rb = f.rotation(t, j, b);
          assertEquals(f.rotationDim(), ra.length);
          assertEquals(dot(a, a), dot(ra, ra), 1e-4 * dot(a, a), "length kept, d=" + d);
          assertEquals(dot(a, b), dot(ra, rb), 1e-4 * dot(a, a), "inner product kept, d=" + d);
        }
      }
    }
  }

  @Test
  void aVectorAndItsNegationLandOnOppositeVertices() {
    CrossPolytopeFamily f = new CrossPolytopeFamily(50, 1, 20, 3, null);
    Dataset v = TestData.gaussian(10, 50, 4);
    for (int i = 0; i < 10; i++) {
      float[] x = v.vector(i);
      float[] neg = new float[50];
      for (int c = 0; c < 50; c++) {
        neg[c] = -x[c];
      }
      for (int t = 0; t < 20; t++) {
        int h = f.hash(x, t, 0);
        assertTrue(h >= 0 && h < 2 * f.rotationDim());
        assertEquals((h + f.rotationDim()) % (2 * f.rotationDim()), f.hash(neg, t, 0));
      }
    }
  }

  /**
   * The model is a simulation, so it is checked against the real index's collisions on fresh
   * pairs and seeds, and against an exactly rotation-invariant cross-polytope: with a Gaussian
   * matrix G, (Gx, Gy) are coordinate-wise Gaussian pairs with correlation cos θ.
   */
  @Test
  void collisionRateAtEachAngleMatchesTheModel() {
    int d = 64;
    CrossPolytopeCollision model = CrossPolytopeCollision.simulate(d, 3000, 99, 2);
    SplittableRandom rng = new SplittableRandom(5);
    int pairs = 60;
    int tables = 100;
    CrossPolytopeFamily f = new CrossPolytopeFamily(d, 1, tables, 1234, null);
    float[] x = new float[d];
    float[] y = new float[d];
    for (double theta : new double[] {0.2, 0.5, 0.8, 1.1, 1.4}) {
      int hits = 0;
      for (int p = 0; p < pairs; p++) {
        CrossPolytopeCollision.pair(rng, theta, x, y);
        for (int t = 0; t < tables; t++) {
          hits += f.hash(x, t, 0) == f.hash(y, t, 0) ? 1 : 0;
        }
      }
      double measured = hits / (double) (pairs * tables);
      double predicted = model.applyAsDouble(Math.cos(theta));
      double sigma = Math.sqrt(predicted * (1 - predicted) / (pairs * tables) + predicted
          * (1 - predicted) / 3000);
      assertEquals(predicted, measured, 4 * sigma + 0.01, "θ=" + theta);
      double gaussian = gaussianCrossPolytope(d, theta, 20000, rng);
      assertEquals(gaussian, predicted, 0.03, "pseudo-rotation ≈ random rotation at θ=" + theta);
    }
    assertEquals(1.0, model.applyAsDouble(1.0), 1e-12);
    assertEquals(0.0, model.applyAsDouble(-1.0), 1e-12);
    double[] grid = model.grid();
    for (int i = 1; i < grid.length; i++) {
      assertTrue(grid[i] <= grid[i - 1] + 0.02, "collision probability falls with the angle");
    }
  }

  private static double gaussianCrossPolytope(int d, double theta, int samples, SplittableRandom rng) {
    double c = Math.cos(theta);
    double s = Math.sin(theta);
    int hits = 0;
    for (int n = 0; n < samples; n++) {
      int bx = 0;
      int by = 0;
      double mx = -1;
      double my = -1;
      for (int i = 0; i < d; i++) {
        double g1 = rng.nextGaussian();
        double u = g1;
        double v = c * g1 + s * rng.nextGaussian();
        if (Math.abs(u) > mx) {
          mx = Math.abs(u);
          bx = u >= 0 ? i : i + d;
        }
        if (Math.abs(v) > my) {
          my = Math.abs(v);
          by = v >= 0 ? i : i + d;
        }
      }
      hits += bx == by ? 1 : 0;
    }
    return hits / (double) samples;
  }

  @Test
  void everyItemFindsItselfAndProbesAddCandidatesAndRecall() {
    Dataset data = TestData.gaussian(3000, 40, 21);
    CrossPolytopeFamily f = new CrossPolytopeFamily(40, 2, 4, 8,
        HyperplaneBank.mean(data, TestData.range(0, 3000)));
    TestData.assertItemsFindThemselvesAndProbesHelp(f, data, 2, 4);
  }

  @Test
  void probesAreDistinctNeighbouringVerticesBestFirst() {
    CrossPolytopeProbes probes = new CrossPolytopeProbes(2, 8, 5);
    // Function 0: |x| ranks 5 (index 1), 4 (index 6, negative), 1 …; function 1: 3 (index 0), 2.9.
    float[] rotated = {0, 5, 0, 0, 1, 0, -4, 0.5f, 3, -2.9f, 0, 0, 0, 0, 0, 0};
    long[] out = new long[5];
    int n = probes.probes(rotated, 2, 4, 8, 5, out, 0);
    assertEquals(5, n);
    // Home key: f0 = 1, f1 = 0. Cheapest change: f1 → vertex 1+8=9 (cost 0.1); then f0 → 6+8=14
    // (cost 1); then both (1.1).
    assertEquals(1L | (9L << 4), out[0]);
    assertEquals(14L | (0L << 4), out[1]);
    assertEquals(14L | (9L << 4), out[2]);
    assertEquals(5, Arrays.stream(out).distinct().count());
    for (long key : out) {
      assertNotEquals(1L, key, "the home bucket is not probed again");
    }
  }

  @Test
  void refusesKeysWiderThanALong() {
    assertThrows(IllegalArgumentException.class, () -> new CrossPolytopeFamily(1280, 6, 1, 1, null));
    assertEquals(5, new CrossPolytopeFamily(1280, 5, 1, 1, null).maxKeyFunctions());
    assertEquals(12, new CrossPolytopeFamily(1280, 1, 1, 1, null).bitsPerFunction());
  }
}
