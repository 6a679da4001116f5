package lshbench.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SIMD and scalar kernels agree with a double-precision reference on awkward sizes. */
class KernelAgreementTest {
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 8, 13, 15, 16, 17, 31, 33, 127, 128, 1280, 4095, 4096, 4097})
  void panamaScalarAndReferenceAgree(int d) {
    SplittableRandom rng = new SplittableRandom(d);
    int offA = 3;
    int offB = 5; // unaligned offsets into longer arrays, as rows of a dataset are
    float[] a = new float[d + offA + 2];
    float[] b = new float[d + offB + 9];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) rng.nextGaussian();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) rng.nextGaussian();
    }
    double dot = 0;
    double dist = 0;
    double scale = 0;
    for (int i = 0; i < d; i++) {
      dot += (double) a[offA + i] * b[offB + i];
      double t = (double) a[offA + i] - b[offB + i];
      dist += t * t;
      scale += Math.abs((double) a[offA + i] * b[offB + i]);
    }
    double tol = 1e-5 * (scale + 1);
    Kernels[] impls = {new ScalarKernels(), new PanamaKernels()};
    for (Kernels k : impls) {
      assertEquals(dot, k.dot(a, offA, b, offB, d), tol, k.name() + " dot d=" + d);
      assertEquals(dist, k.squaredDistance(a, offA, b, offB, d), 1e-5 * (dist + 1),
          k.name() + " distance d=" + d);
    }
  }

  /**
   * The four-row distance gives each row exactly the one-row kernel's float (so an index that
   * switches to it returns the same neighbours), for both implementations, at rows scattered
   * over a larger array with unaligned offsets, one row repeated.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 7, 13, 16, 17, 31, 32, 33, 127, 128, 1280, 4095, 4097})
  void fourRowDistancesAreTheOneRowKernelsBitForBit(int d) {
    SplittableRandom rng = new SplittableRandom(31L * d);
    float[] q = new float[d + 3];
    float[] v = new float[9 * d + 11];
    for (int i = 0; i < q.length; i++) {
      q[i] = (float) rng.nextGaussian();
    }
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) rng.nextGaussian();
    }
    int[] offsets = {5 * d + 2, 1, 8 * d + 7, 5 * d + 2};
    for (Kernels k : new Kernels[] {new ScalarKernels(), new PanamaKernels()}) {
      float[] out = new float[4];
      k.squaredDistances4(q, 3, v, offsets[0], offsets[1], offsets[2], offsets[3], d, out);
      for (int r = 0; r < 4; r++) {
        assertEquals(Float.floatToRawIntBits(k.squaredDistance(q, 3, v, offsets[r], d)),
            Float.floatToRawIntBits(out[r]), k.name() + " row " + r + " d=" + d);
      }
    }
  }

  /** Same hits, bit for bit, from the lane compare and the scalar loop, on partial panels. */
  @ParameterizedTest
  @ValueSource(ints = {1, 5, 16, 17, 31, 32})
  void expandedDistanceFiltersAgreeExactly(int cols) {
    SplittableRandom rng = new SplittableRandom(cols);
    float[] dots = new float[40];
    float[] norms = new float[32];
    for (int i = 0; i < dots.length; i++) {
      dots[i] = (float) rng.nextGaussian();
    }
    for (int i = 0; i < norms.length; i++) {
      norms[i] = (float) (3 + rng.nextDouble());
    }
    float qn = 3.5f;
    float limit = 7.5f;
    int[] expected = new int[32];
    int n = 0;
    for (int j = 0; j < cols; j++) {
      if (norms[j] + qn - 2 * dots[5 + j] <= limit) {
        expected[n++] = j;
      }
    }
    assertTrue(n > 0 || cols < 4, "the limit selects some");
    for (Kernels k : new Kernels[] {new ScalarKernels(), new PanamaKernels()}) {
      int[] hits = new int[32];
      assertEquals(n, k.expandedAtMost(dots, 5, norms, qn, limit, cols, hits), k.name());
      assertEquals(java.util.Arrays.toString(java.util.Arrays.copyOf(expected, n)),
          java.util.Arrays.toString(java.util.Arrays.copyOf(hits, n)), k.name());
    }
  }

  /** Both register tiles give the same dot products as a double-precision sum. */
  @ParameterizedTest
  @ValueSource(ints = {1, 3, 64, 129})
  void dotTilesAgree(int d) {
    SplittableRandom rng = new SplittableRandom(d);
    float[] a = new float[8 * d];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) rng.nextGaussian();
    }
    for (Kernels k : new Kernels[] {new ScalarKernels(), new PanamaKernels()}) {
      int w = k.panelWidth();
      float[] b = new float[w * d];
      for (int i = 0; i < b.length; i++) {
        b[i] = (float) rng.nextGaussian(); // coordinate-major: b[c * w + j] is column j
      }
      int[] rows = new int[k.tileRows()];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = (rows.length - 1 - i) * d;
      }
      float[] out = new float[rows.length * w];
      k.dotTile(a, rows, d, b, 0, out);
      for (int i = 0; i < rows.length; i++) {
        for (int j = 0; j < w; j++) {
          double e = 0;
          for (int c = 0; c < d; c++) {
            e += (double) a[rows[i] + c] * b[c * w + j];
          }
          assertEquals(e, out[i * w + j], 1e-4 * Math.sqrt(d), k.name() + " row " + i + " col " + j);
        }
      }
    }
  }

  @org.junit.jupiter.api.Test
  void theTestJvmRunsTheSimdKernels() {
    assertTrue(VectorOps.implementation().startsWith("panama"), VectorOps.implementation());
  }
}
